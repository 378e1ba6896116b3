package io.autonoma.agents.change.internal;

import io.autonoma.agents.analyst.internal.Inflector;
import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the words of a change request against a spec's entities, fields and relations: case-insensitive,
 * singular or plural ("posts", "Post", "purchase orders"), with articles and possessives dropped.
 */
final class SpecNames {
    private static final Set<String> FILLER = Set.of("the", "a", "an", "each", "every", "all", "its", "their", "our", "my");

    private final AppSpec spec;

    SpecNames(AppSpec spec) {
        this.spec = spec;
    }

    /** Lower-case words of a phrase without articles, possessives and quotes. */
    static List<String> words(String phrase) {
        List<String> out = new ArrayList<>();
        for (String w : phrase.toLowerCase(Locale.ROOT).replaceAll("'s\\b|s'(?=\\s|$)", "s").split("[^a-z0-9]+")) {
            if (!w.isEmpty() && !FILLER.contains(w)) out.add(w);
        }
        return out;
    }

    /** The words with the last one made singular: the key names are compared by. */
    static String key(List<String> words) {
        if (words.isEmpty()) return "";
        List<String> w = new ArrayList<>(words);
        w.set(w.size() - 1, Inflector.singular(w.get(w.size() - 1)));
        return String.join("_", w);
    }

    Optional<Entity> entity(String phrase) {
        List<String> w = words(phrase.replaceAll("(?i)\\b(entity|entities|table|tables|model|records?)\\b", " "));
        if (w.isEmpty()) return Optional.empty();
        String k = key(w);
        String asIs = String.join("_", w);
        return spec.entities().stream().filter(e -> {
            String n = Naming.snake(e.name());
            return n.equals(k) || n.equals(asIs) || Naming.pluralSnake(n).equals(asIs);
        }).findFirst();
    }

    Entity requireEntity(String phrase) {
        return entity(phrase).orElseThrow(() -> new IllegalArgumentException("no entity '" + phrase.strip() + "' in the spec; it has "
                + entityNames()));
    }

    Optional<Field> field(Entity e, String phrase) {
        List<String> w = words(phrase);
        if (w.isEmpty()) return Optional.empty();
        String k = key(w);
        String asIs = String.join("_", w);
        Optional<Field> exact = e.fields().stream().filter(f -> f.name().equals(asIs) || f.name().equals(k)).findFirst();
        if (exact.isPresent()) return exact;
        // "phone" for phone_number, when only one field has every word
        List<Field> partial = e.fields().stream().filter(f -> List.of(f.name().split("_")).containsAll(List.of(k.split("_")))).toList();
        return partial.size() == 1 ? Optional.of(partial.get(0)) : Optional.empty();
    }

    /** A relation from {@code e} named by {@code phrase} (its name, or the entity it points at). */
    Optional<Relation> relation(Entity e, String phrase) {
        List<String> w = words(phrase);
        if (w.isEmpty()) return Optional.empty();
        String k = key(w);
        String asIs = String.join("_", w);
        Optional<Relation> byName = spec.relations().stream().filter(r -> r.from().equals(e.name())
                && (r.name().equals(asIs) || r.name().equals(k))).findFirst();
        if (byName.isPresent()) return byName;
        return entity(phrase).flatMap(t -> spec.relations().stream().filter(r -> r.from().equals(e.name()) && r.to().equals(t.name())
                || r.to().equals(e.name()) && r.from().equals(t.name())).findFirst());
    }

    /** The entity and field a phrase names: "customer phone", "the phone of customers", "customers' phone", "post titles". */
    Optional<Target> target(String phrase) {
        String p = phrase.strip();
        java.util.regex.Matcher of = java.util.regex.Pattern.compile("(?i)^(.+?)\\s+(?:of|on|in|for)\\s+(.+)$").matcher(p);
        if (of.matches()) {
            Optional<Entity> e = entity(of.group(2));
            if (e.isPresent()) return Optional.of(new Target(e.get(), words(of.group(1))));
        }
        List<String> w = words(p);
        for (int i = w.size() - 1; i >= 1; i--) {
            Optional<Entity> e = entity(String.join(" ", w.subList(0, i)));
            if (e.isPresent()) return Optional.of(new Target(e.get(), w.subList(i, w.size())));
        }
        return Optional.empty();
    }

    /** An entity and the words after it, which should name one of its fields or relations. */
    record Target(Entity entity, List<String> rest) {
        String phrase() {
            return String.join(" ", rest);
        }
    }

    String entityNames() {
        return spec.entities().stream().map(Entity::name).collect(Collectors.joining(", "));
    }

    static String fieldNames(Entity e) {
        return e.fields().stream().map(Field::name).collect(Collectors.joining(", "));
    }

    /** The entities the request names, in the order of the spec. */
    List<Entity> mentioned(String request) {
        List<String> w = words(request);
        List<Entity> out = new ArrayList<>();
        for (Entity e : spec.entities()) {
            List<String> ew = Naming.words(e.name());
            for (int i = 0; i + ew.size() <= w.size(); i++) {
                if (key(w.subList(i, i + ew.size())).equals(String.join("_", ew))) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }
}
