package io.autonoma.agents.performance.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.RelationKind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** View model of the performance pack: which entity the load test seeds and with what payload. */
public record PerformanceView(String entityPath, String entityLabel, String seedPayloadLiteral, long fkIndexCount,
        long filterIndexCount, String cacheNamespace, int seedCount) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static PerformanceView of(AppSpec spec) {
        Entity target = spec.entities().stream()
                // a required reference to a user needs no seed: the server names the load test's user
                .filter(e -> spec.relationGraph().from(e.name()).stream().noneMatch(r -> r.kind() == RelationKind.MANY_TO_ONE
                        && r.required() && !r.toUser()))
                .findFirst().orElse(spec.entities().get(0));
        Map<String, Object> payload = new LinkedHashMap<>();
        for (Field f : target.fields()) {
            payload.put(f.name(), sample(f));
        }
        long fks = spec.relations().stream().filter(r -> r.kind() == RelationKind.MANY_TO_ONE).count()
                + 2L * spec.relations().stream().filter(r -> r.kind() == RelationKind.MANY_TO_MANY).count();
        try {
            String json = JSON.writeValueAsString(payload);
            // A single-quoted Python literal: the JSON is full of double quotes, and ruff format
            // keeps single quotes for such strings, so the generated file stays format-clean.
            String literal = pyLiteral(json);
            return new PerformanceView("/api/v1/" + Naming.pluralKebab(target.name()), Naming.label(target.name()).toLowerCase(),
                    literal, fks, BackendView.filterIndexCount(spec), BackendView.cacheNamespace(spec.name()), 50);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Single-quoted Python string literal; anything outside printable ASCII is escaped. */
    static String pyLiteral(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '\'') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** A valid value for the field; strings of unique fields contain "{n}", replaced per record. */
    static Object sample(Field f) {
        String n = f.unique() ? "{n}" : "";
        return switch (f.type()) {
            case STRING -> fit("Sample " + f.name().replace('_', ' ') + " " + n, f.maxLength());
            case TEXT -> "Some text";
            case EMAIL -> "load" + n + "@example.com";
            case URL -> "https://example.com/item/" + n;
            case PHONE -> "+1 555 0100" + (f.unique() ? " {n}" : "");
            case INTEGER -> clamp(BigDecimal.ONE, f).intValue();
            case DECIMAL -> clamp(new BigDecimal("12.50"), f).toPlainString();
            case BOOLEAN -> true;
            case DATE -> "2026-01-15";
            case DATETIME -> "2026-01-15T10:00:00Z";
            case TIME -> "10:00:00";
            case ENUM -> f.enumValues().get(0);
        };
    }

    private static String fit(String s, Integer max) {
        String t = s.strip();
        return max != null && t.length() > max ? t.substring(0, Math.max(1, max - 3)) + (t.endsWith("{n}") ? "{n}" : "") : t;
    }

    private static BigDecimal clamp(BigDecimal v, Field f) {
        BigDecimal r = v;
        if (f.min() != null && r.compareTo(f.min()) < 0) r = f.min();
        if (f.max() != null && r.compareTo(f.max()) > 0) r = f.max();
        return r;
    }
}
