package io.autonoma.core.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of {@link Capability}, named in JSON in snake_case ({@code short_code}). */
public enum CapabilityType {
    OWNERSHIP, WORKFLOW, VOTE, ORDERING, SHORT_CODE, COUNTER, LIMIT, REALTIME, FILE_UPLOAD, BACKGROUND_JOB;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a capability. */
    public static CapabilityType of(Capability c) {
        // Java 17: no pattern matching in switch yet
        if (c instanceof Capability.Ownership) return OWNERSHIP;
        if (c instanceof Capability.Workflow) return WORKFLOW;
        if (c instanceof Capability.Vote) return VOTE;
        if (c instanceof Capability.Ordering) return ORDERING;
        if (c instanceof Capability.ShortCode) return SHORT_CODE;
        if (c instanceof Capability.Counter) return COUNTER;
        if (c instanceof Capability.Limit) return LIMIT;
        if (c instanceof Capability.Realtime) return REALTIME;
        if (c instanceof Capability.FileUpload) return FILE_UPLOAD;
        if (c instanceof Capability.BackgroundJob) return BACKGROUND_JOB;
        throw new IllegalArgumentException("unknown capability class " + c.getClass().getName());
    }

    /** The kind named {@code json} ({@code "short_code"}). */
    public static CapabilityType parse(String json) {
        try {
            return valueOf(json.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown capability '" + json + "'; use one of " + allowed());
        }
    }

    public static String allowed() {
        return Arrays.stream(values()).map(CapabilityType::json).collect(Collectors.joining(", "));
    }
}
