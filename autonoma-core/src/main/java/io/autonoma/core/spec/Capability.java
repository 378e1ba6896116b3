package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A behaviour beyond lists and forms that an app asks for ("redirects and counts clicks", "a manager
 * approves or rejects", "vote once each"). Serialised as an object whose {@code type} names the kind
 * ({@code {"type": "ordering", "entity": "Card", "field": "position", "parent": "column"}}).
 *
 * <p>Every capability applies to one {@link #entity()} of the spec; its other parameters name fields of
 * that entity and relations from it, so one kind works for any entity names. {@link AppSpecValidator}
 * checks each reference with the JSON path of the offending value. Absent optional parameters are
 * {@code null} (lists: empty).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Capability.Ownership.class, name = "ownership"),
        @JsonSubTypes.Type(value = Capability.Workflow.class, name = "workflow"),
        @JsonSubTypes.Type(value = Capability.Vote.class, name = "vote"),
        @JsonSubTypes.Type(value = Capability.Ordering.class, name = "ordering"),
        @JsonSubTypes.Type(value = Capability.ShortCode.class, name = "short_code"),
        @JsonSubTypes.Type(value = Capability.Counter.class, name = "counter"),
        @JsonSubTypes.Type(value = Capability.Limit.class, name = "limit"),
        @JsonSubTypes.Type(value = Capability.Realtime.class, name = "realtime"),
        @JsonSubTypes.Type(value = Capability.FileUpload.class, name = "file_upload"),
        @JsonSubTypes.Type(value = Capability.BackgroundJob.class, name = "background_job")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Capability {

    /** The entity the capability applies to. */
    String entity();

    /** The kind, as written in JSON. */
    @JsonIgnore
    default CapabilityType type() {
        return CapabilityType.of(this);
    }

    /**
     * Rows of {@code entity} belong to the user who created them; users see and change only their own, admins all.
     * The owner is the entity's first required many-to-one relation to the app's users (a message's sender).
     */
    record Ownership(String entity) implements Capability {
        /** The relation that names each row's owner, if {@code spec} gives {@link #entity()} one. */
        public java.util.Optional<Relation> owner(AppSpec spec) {
            return owner(spec.relations());
        }

        /** The same, among {@code relations} (a spec still being assembled). */
        public java.util.Optional<Relation> owner(List<Relation> relations) {
            return relations.stream().filter(r -> r.from().equals(entity) && r.toUser()
                    && r.kind() == RelationKind.MANY_TO_ONE && r.required()).findFirst();
        }
    }

    /**
     * {@code field} (an enum field of {@code entity}) moves between its values only through the declared
     * transitions; its enum values are the states and its default the initial state.
     */
    record Workflow(String entity, String field, List<Transition> transitions) implements Capability {
        public Workflow {
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
        }

        /** The state every new row starts in: the field's default in {@code spec}, else its first value. */
        public String initial(AppSpec spec) {
            Field f = spec.entity(entity).orElseThrow().fields().stream().filter(x -> x.name().equals(field)).findFirst()
                    .orElseThrow();
            return f.defaultValue() != null ? f.defaultValue() : f.enumValues().get(0);
        }
    }

    /**
     * A named action ({@code approve}) that moves a row from any of {@code from} to {@code to}; only users
     * with one of {@code roles} may take it (empty: any signed-in user).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Transition(String action, List<String> from, String to, List<String> roles) {
        public Transition {
            from = from == null ? List.of() : List.copyOf(from);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * Each row of {@code entity} is one user's vote: {@code target} is its many-to-one relation to the thing
     * voted on and {@code voter} its many-to-one relation to {@value AppSpec#USER_ENTITY}; one vote per voter
     * and target. {@code kind} is {@code like}, {@code upvote} or {@code rating}; a rating keeps its score in
     * the integer field {@code value}.
     */
    record Vote(String entity, String target, String voter, String kind, String value) implements Capability {
        /** The many-to-one relation from {@code entity} to the thing voted on. */
        public java.util.Optional<Relation> targetRelation(AppSpec spec) {
            return spec.relations().stream().filter(r -> r.from().equals(entity) && r.name().equals(target)
                    && r.kind() == RelationKind.MANY_TO_ONE).findFirst();
        }

        /**
         * Whether the server can make a row of {@code entity} from a vote alone: its other required fields have
         * defaults or are dates and times (now), and it has no other required many-to-one relation.
         */
        public boolean castable(AppSpec spec) {
            boolean otherRelations = spec.relations().stream().anyMatch(r -> r.from().equals(entity)
                    && r.kind() == RelationKind.MANY_TO_ONE && r.required() && !r.name().equals(target) && !r.name().equals(voter));
            return !otherRelations && spec.entity(entity).map(e -> e.fields().stream().allMatch(f -> !f.required()
                    || f.defaultValue() != null || f.name().equals(value) || f.type() == FieldType.DATE
                    || f.type() == FieldType.DATETIME)).orElse(false);
        }
    }

    /** Rows of {@code entity} keep their order in the integer {@code field}, within {@code parent} (a many-to-one relation) if given. */
    record Ordering(String entity, String field, String parent) implements Capability {
        /** The many-to-one relation of {@code entity} named {@code parent}, if any: rows are ordered among its rows' children. */
        public java.util.Optional<Relation> parentRelation(AppSpec spec) {
            return parent == null ? java.util.Optional.empty() : spec.relations().stream().filter(r -> entity.equals(r.from())
                    && parent.equals(r.name()) && r.kind() == RelationKind.MANY_TO_ONE).findFirst();
        }
    }

    /**
     * The server gives each row a unique short code in the string {@code field}; if {@code target} (a url
     * field) is given, visiting the code redirects there without signing in.
     */
    record ShortCode(String entity, String field, String target) implements Capability {}

    /**
     * The integer or decimal {@code field} is changed only by atomic increments: by one per new row of
     * {@code source} (an entity with a many-to-one relation to {@code entity}) or, with {@code sum}, by that
     * field of each new source row; with no source, by visits (with {@link ShortCode}) or an increment call.
     */
    record Counter(String entity, String field, String source, String sum) implements Capability {
        /** The many-to-one relation from {@code source} to {@code entity} through which new source rows count. */
        public java.util.Optional<Relation> link(AppSpec spec) {
            return source == null ? java.util.Optional.empty() : spec.relations().stream().filter(r -> source.equals(r.from())
                    && entity.equals(r.to()) && r.kind() == RelationKind.MANY_TO_ONE).findFirst();
        }
    }

    /**
     * At most {@code max} rows of {@code entity} per {@code parent} (a many-to-one relation of {@code entity},
     * to another entity or to {@value AppSpec#USER_ENTITY}); the maximum is the fixed {@code max} or, with
     * {@code maxField}, that integer field of the parent. With {@code states}, only rows whose workflow field
     * holds one of them count.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Limit(String entity, String parent, Integer max, String maxField, List<String> states) implements Capability {
        public Limit {
            states = states == null ? List.of() : List.copyOf(states);
        }

        /** The many-to-one relation of {@code entity} named {@code parent}, if {@code spec} has it. */
        public java.util.Optional<Relation> parentRelation(AppSpec spec) {
            return spec.relations().stream().filter(r -> r.from().equals(entity) && r.name().equals(parent)
                    && r.kind() == RelationKind.MANY_TO_ONE).findFirst();
        }

        /**
         * The enum field whose value decides whether a row counts, when {@code states} are given: the field of
         * {@code entity}'s workflow if it has one, else its first enum field that holds every one of the states.
         */
        public java.util.Optional<Field> stateField(AppSpec spec) {
            if (states.isEmpty()) return java.util.Optional.empty();
            java.util.Optional<Entity> e = spec.entity(entity);
            if (e.isEmpty()) return java.util.Optional.empty();
            java.util.Optional<String> workflow = spec.capabilities(Workflow.class).stream()
                    .filter(w -> w.entity().equals(entity)).map(Workflow::field).findFirst();
            return e.get().fields().stream().filter(f -> f != null && f.type() == FieldType.ENUM)
                    .filter(f -> workflow.map(w -> w.equals(f.name())).orElse(f.enumValues().containsAll(states)))
                    .findFirst();
        }
    }

    /** Creates, updates and deletes of {@code entity} reach the users who may see them without a reload. */
    record Realtime(String entity) implements Capability {}

    /** The string {@code field} of {@code entity} holds an uploaded file; {@code accept} is {@code image} or {@code any}. */
    record FileUpload(String entity, String field, String accept) implements Capability {}

    /**
     * Work done later by a job: {@code kind} {@code reminder} e-mails the row's owner {@code before} (an
     * ISO-8601 period such as {@code P3D}) the date in {@code field}; {@code export} and {@code import} move
     * rows of {@code entity} to and from CSV.
     */
    record BackgroundJob(String entity, String kind, String field, String before) implements Capability {}
}
