package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.AppSpecValidator;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compact expectations on a spec, e.g. {@code "Order.pickup_date:date"}, {@code "Task.priority=[low,medium,high]"},
 * {@code "Loan->Member"}, {@code "Post<->Tag"}, {@code "-Ticket"} (absent), {@code "Book.isbn!"} (unique),
 * {@code "Task.description?"} (optional), {@code "Rating.score:integer[1..5]"}.
 */
final class SpecAssertions {
    /** Entity names an analyst must never produce. */
    static final Set<String> ABSURD_ENTITIES = Set.of(
            "App", "Site", "Website", "System", "Platform", "Tool", "User", "Users", "Thing", "Data",
            "Streak", "Something", "Management", "Tracker", "A", "The", "And", "Way", "Day", "Time", "Number", "Amount");
    static final Set<String> FILLER_FIELDS = Set.of("a", "an", "the", "and", "or", "of", "with", "etc", "that", "which");

    private static final Pattern FIELD = Pattern.compile(
            "([A-Za-z]+)\\.([a-z0-9_]+)(?::([a-z]+)(?:\\[(-?\\d*)\\.\\.(-?\\d*)])?)?(?:=\\[([a-z0-9_,]+)])?([!?]?)");

    private SpecAssertions() {}

    static void check(AppSpec spec, List<String> expectations) {
        assertSane(spec);
        for (String x : expectations) {
            if (x.startsWith("-")) {
                assertThat(spec.entity(x.substring(1))).as("entity %s must not exist in %s", x.substring(1), names(spec)).isEmpty();
            } else if (x.contains("<->")) {
                String[] p = x.split("<->");
                assertThat(spec.relations()).as("many-to-many %s in %s", x, spec.relations())
                        .anySatisfy(r -> {
                            assertThat(r.kind()).isEqualTo(RelationKind.MANY_TO_MANY);
                            assertThat(Set.of(r.from(), r.to())).containsExactlyInAnyOrder(p[0], p[1]);
                        });
            } else if (x.contains("->")) {
                String[] p = x.split("->");
                String relName = p[1].contains(" as ") ? p[1].split(" as ")[1] : null;
                String to = p[1].split(" as ")[0];
                assertThat(spec.relations()).as("many-to-one %s in %s", x, spec.relations())
                        .anySatisfy(r -> {
                            assertThat(r.kind()).isEqualTo(RelationKind.MANY_TO_ONE);
                            assertThat(r.from()).isEqualTo(p[0]);
                            assertThat(r.to()).isEqualTo(to);
                            if (relName != null) assertThat(r.name()).isEqualTo(relName);
                        });
            } else if (x.contains(".")) {
                Matcher m = FIELD.matcher(x);
                assertThat(m.matches()).as("bad expectation %s", x).isTrue();
                Entity e = entity(spec, m.group(1));
                Field f = e.fields().stream().filter(ff -> ff.name().equals(m.group(2))).findFirst().orElse(null);
                assertThat(f).as("field %s.%s in %s", m.group(1), m.group(2), e.fields().stream().map(Field::name).toList()).isNotNull();
                if (m.group(3) != null) assertThat(f.type().json()).as("type of %s", x).isEqualTo(m.group(3));
                if (m.group(4) != null && !m.group(4).isEmpty()) assertThat(f.min()).as("min of %s", x).isEqualByComparingTo(m.group(4));
                if (m.group(5) != null && !m.group(5).isEmpty()) assertThat(f.max()).as("max of %s", x).isEqualByComparingTo(m.group(5));
                if (m.group(6) != null) {
                    assertThat(f.enumValues()).as("values of %s", x).containsExactlyElementsOf(Arrays.asList(m.group(6).split(",")));
                    assertThat(f.defaultValue()).as("default of %s", x).isEqualTo(f.enumValues().get(0));
                }
                if (m.group(7).equals("!")) assertThat(f.unique()).as("%s unique", x).isTrue();
                if (m.group(7).equals("?")) assertThat(f.required()).as("%s optional", x).isFalse();
            } else {
                entity(spec, x);
            }
        }
    }

    static Entity entity(AppSpec spec, String name) {
        return spec.entity(name).orElseThrow(() -> new AssertionError("no entity " + name + " in " + names(spec)
                + "\n" + AppSpecJson.write(spec)));
    }

    static List<String> names(AppSpec spec) {
        return spec.entities().stream().map(Entity::name).toList();
    }

    /** Valid, round-trips through JSON, default roles and features, nothing absurd. */
    static void assertSane(AppSpec spec) {
        assertThat(AppSpecValidator.validate(spec).problems()).isEmpty();
        assertThat(AppSpecJson.read(AppSpecJson.write(spec))).isEqualTo(spec);
        assertThat(names(spec)).doesNotContainAnyElementsOf(ABSURD_ENTITIES);
        for (Entity e : spec.entities()) {
            assertThat(e.fields()).extracting(Field::name).doesNotContainAnyElementsOf(FILLER_FIELDS);
        }
        // admin and user first; roles the prompt names (manager, seller) after them, with the user's permissions
        assertThat(spec.roles()).extracting(r -> r.name()).startsWith("admin", "user");
        assertThat(spec.roles().get(0).permissions()).containsExactly("*");
        for (int i = 1; i < spec.roles().size(); i++) {
            assertThat(spec.roles().get(i).permissions()).containsExactly("read:*", "create:*", "update:*");
        }
        assertThat(spec.features()).extracting(f -> f.json())
                .contains("auth", "rbac", "pagination", "search", "sorting", "filtering", "rate_limit");
        assertThat(spec.notes()).isNotEmpty();
        for (Relation r : spec.relations()) {
            assertThat(r.from()).isNotEqualTo(r.to());
        }
    }
}
