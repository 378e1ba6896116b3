package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vote capability in the FastAPI pack: the unique (target, voter) pair of the vote's table, the tallies on
 * the target's reads (correlated subqueries, {@code app/voting.py}) and the vote endpoints and tests
 * ({@code app/routers/voting.py}, {@code tests/test_votes.py}).
 */
public final class Votes {
    private Votes() {}

    /**
     * One vote capability as the voting router, its schemas and its tests place it. {@code segment}: the path
     * under a target row ({@code /api/v1/recipes/{id}/rating}); the {@code first}/{@code second} values are two
     * valid scores for the tests, {@code *Shown} and {@code *Average} what the vote state then says.
     */
    public record VoteView(String entity, String snake, String path, String segment, String target, String targetSnake,
            String targetLabel, String targetPath, String targetIdName, boolean targetOwned, String targetCheck,
            String votePath, String ballot, String ballotCode, String targetCheckDef, String kind,
            boolean rating, String valueLine, String targetFk,
            String voterFk, String valueField, String firstValue, String secondValue, String firstShown,
            String secondShown, String firstAverage, String secondAverage, String bothTally, String noTally,
            String targetUpdateCode) {
        /** The request bodies of the tests: a vote, a second vote (a rating's other score), a withdrawal. */
        public String castBody() { return rating ? "{\"value\": " + firstValue + "}" : "{\"voted\": True}"; }
        public String againBody() { return rating ? "{\"value\": " + secondValue + "}" : "{\"voted\": True}"; }
        public String withdrawBody() { return rating ? "{\"value\": None}" : "{\"voted\": False}"; }
    }

    /** The tallies a target shows: the count of votes, and for a rating the average of its scores. */
    record Tally(Capability.Vote vote, Relation target, String countField, String averageField) {}

    static List<Tally> talliesOf(AppSpec spec, String entity) {
        List<Tally> out = new ArrayList<>();
        for (Capability.Vote v : spec.capabilities(Capability.Vote.class)) {
            Optional<Relation> target = v.targetRelation(spec);
            if (target.isEmpty() || !target.get().to().equals(entity)) continue;
            String count = Naming.snake(v.entity()) + "_count";
            String average = v.value() == null ? null : "average_" + v.value();
            Entity e = spec.entity(entity).orElseThrow();
            for (String name : average == null ? List.of(count) : List.of(count, average)) {
                if (e.fields().stream().anyMatch(f -> f.name().equals(name))) {
                    throw new AutonomaException("entity '" + entity + "' has a field '" + name + "', the name of the tally of its "
                            + v.entity() + " votes; rename the field");
                }
            }
            out.add(new Tally(v, target.get(), count, average));
        }
        return out;
    }

    /** The lines of the target's Read schema (defaults: a row just created has no votes). */
    static List<String> readLines(List<Tally> tallies) {
        List<String> out = new ArrayList<>();
        for (Tally t : tallies) {
            out.add("    " + t.countField() + ": int = 0");
            if (t.averageField() != null) out.add("    " + t.averageField() + ": float | None = None");
        }
        return out;
    }

    /** {@code _READER = TalliedReader(...)}: the target's reads carry its tallies; adds the imports. */
    static String readerCode(String entity, List<Tally> tallies, PyImports imports) {
        imports.add("app.voting", "TalliedReader");
        List<String> items = new ArrayList<>();
        for (Tally t : tallies) {
            String model = t.vote().entity();
            String fk = model + "." + t.target().name() + "_id";
            imports.add("app.models." + Naming.snake(model), model).add("app.voting", "vote_count");
            items.add(Py.call(8, Py.str(t.countField()) + ": vote_count(", List.of(fk, entity + ".id"), ")").substring(8));
            if (t.averageField() != null) {
                imports.add("app.voting", "vote_average");
                items.add(Py.call(8, Py.str(t.averageField()) + ": vote_average(",
                        List.of(model + "." + t.vote().value(), fk, entity + ".id"), ")").substring(8));
            }
        }
        return Py.exploded(0, "_READER = TalliedReader(", List.of(entity, Py.exploded(4, "{", items, "}").substring(4)), ")");
    }

    /** The columns of the vote's unique pair (target, voter), if {@code entity} keeps votes. */
    static Optional<List<String>> uniquePair(AppSpec spec, String entity) {
        return spec.capabilities(Capability.Vote.class).stream().filter(v -> v.entity().equals(entity)).findFirst()
                .map(v -> List.of(v.target() + "_id", v.voter() + "_id"));
    }

    static List<VoteView> views(AppSpec spec, List<BackendView.EntityView> entities, PyImports router, PyImports schemas) {
        List<VoteView> out = new ArrayList<>();
        for (Capability.Vote v : spec.capabilities(Capability.Vote.class)) {
            // one the server cannot make alone keeps its unique pair and tallies; its rows come from its own form
            if (!v.castable(spec)) continue;
            Relation target = v.targetRelation(spec).orElseThrow();
            BackendView.EntityView te = entities.stream().filter(e -> e.name().equals(target.to())).findFirst().orElseThrow();
            String snake = Naming.snake(v.entity());
            String idName = te.snake() + "_id";
            String ballot = "_" + snake.toUpperCase(Locale.ROOT);
            boolean rating = "rating".equals(v.kind());
            schemas.add("pydantic", "ConfigDict");
            router.add("app.schemas.voting", v.entity() + "Vote");
            router.add("app.models." + Naming.snake(v.entity()), v.entity())
                    .add("app.models." + te.snake(), te.name())
                    .add("app.routers." + te.snake(), te.name() + "Id");
            List<String> ballotArgs = new ArrayList<>(List.of(v.entity(), "target=" + v.entity() + "." + v.target() + "_id",
                    "voter=" + v.entity() + "." + v.voter() + "_id"));
            Field valueField = null;
            if (rating) {
                ballotArgs.add("value=" + v.entity() + "." + v.value());
                valueField = spec.entity(v.entity()).orElseThrow().fields().stream().filter(f -> f.name().equals(v.value()))
                        .findFirst().orElseThrow();
                schemas.add("typing", "Annotated").add("pydantic", "ConfigDict", "Field").add("app.schemas.types", "MAX_INT");
                if (valueField.min() == null) schemas.add("app.schemas.types", "MIN_INT");
            }
            List<String> filled = new ArrayList<>();
            for (Field f : spec.entity(v.entity()).orElseThrow().fields()) {
                if (!f.required() || f.defaultValue() != null || f.name().equals(v.value())) continue;
                router.add("app.models.base", "utcnow");
                filled.add(Py.str(f.name()) + ": " + (f.type() == FieldType.DATE ? "lambda: utcnow().date()" : "utcnow"));
            }
            if (!filled.isEmpty()) ballotArgs.add("filled={" + String.join(", ", filled) + "}");
            String ballotCode = Py.call(0, ballot + " = Ballot(", ballotArgs, ")");
            boolean owned = te.owned();
            String targetCheck;
            if (owned) {
                router.add("app.user_refs", "ensure_owner");
                targetCheck = Py.call(4, "row = await get_or_404(", List.of("session", te.name(), idName, Py.str(te.name())), ")")
                        + "\n" + Py.call(4, "ensure_owner(", List.of("user", "row." + te.ownerFk(), Py.str(te.name()), idName), ")");
            } else {
                targetCheck = Py.call(4, "await get_or_404(", List.of("session", te.name(), idName, Py.str(te.name())), ")");
            }
            String valueLine = "    voted: bool";
            String first = "None";
            String second = "None";
            String firstAverage = "None";
            String secondAverage = "None";
            String both = "{" + Py.str(Naming.snake(v.entity()) + "_count") + ": 2}";
            String none = "{" + Py.str(Naming.snake(v.entity()) + "_count") + ": 0}";
            if (rating) {
                String lo = valueField.min() == null ? "MIN_INT" : number(valueField.min());
                String hi = valueField.max() == null ? "MAX_INT" : number(valueField.max());
                valueLine = Py.call(4, "value: Annotated[", List.of("int", "Field(ge=" + lo + ", le=" + hi + ")"), "] | None");
                BigDecimal a = clamp(new BigDecimal(4), valueField);
                BigDecimal b = clamp(new BigDecimal(2), valueField);
                if (a.compareTo(b) == 0) b = clamp(a.add(BigDecimal.ONE), valueField);
                first = a.toPlainString();
                second = b.toPlainString();
                firstAverage = average(a);
                secondAverage = average(b);
                String avg = average(a.add(b).divide(new BigDecimal(2), 2, RoundingMode.HALF_UP));
                String count = Py.str(Naming.snake(v.entity()) + "_count");
                String avgKey = Py.str("average_" + v.value());
                both = "{" + count + ": 2, " + avgKey + ": " + avg + "}";
                none = "{" + count + ": 0, " + avgKey + ": None}";
            }
            out.add(new VoteView(v.entity(), snake, "/api/v1/" + Naming.pluralKebab(v.entity()), Naming.kebab(v.entity()),
                    te.name(), te.snake(), Naming.label(te.name()).toLowerCase(Locale.ROOT), te.path(), idName, owned, targetCheck,
                    te.path() + "/{" + idName + "}/" + Naming.kebab(v.entity()), ballot, ballotCode,
                    Py.call(0, "async def _" + snake + "_target(", List.of("session: AsyncSession", "user: Principal", idName + ": int"),
                            ") -> None:"), v.kind(), rating, valueLine,
                    v.target() + "_id", v.voter() + "_id", v.value(), first, second, rating ? first : "None",
                    rating ? second : "None", firstAverage, secondAverage, both, none, te.updateCode()));
        }
        return out;
    }

    private static String number(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    /** A score as the API's average shows it: a Python float literal ({@code 3.0}, {@code 3.5}). */
    private static String average(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() <= 0 ? s.setScale(0, RoundingMode.UNNECESSARY).toPlainString() + ".0" : s.toPlainString();
    }

    private static BigDecimal clamp(BigDecimal v, Field f) {
        BigDecimal out = v;
        if (f.min() != null && out.compareTo(f.min()) < 0) out = f.min();
        if (f.max() != null && out.compareTo(f.max()) > 0) out = f.max();
        return out.setScale(0, RoundingMode.DOWN);
    }
}
