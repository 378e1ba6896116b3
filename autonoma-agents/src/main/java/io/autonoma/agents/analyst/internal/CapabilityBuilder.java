package io.autonoma.agents.analyst.internal;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the behaviour words of a prompt ({@link Reading.Hint}s) into typed {@link Capability}s of the spec,
 * adding the fields they work on (a position to order by, a status for a workflow, a counter). Every
 * capability names entities, fields and relations the spec has, so that it validates.
 */
final class CapabilityBuilder {
    private static final Pattern BEFORE = Pattern.compile(
            "(?i)\\b(\\d+|a few|few|a couple of|a|one|two|three|four|five|six|seven)\\s+(day|week)s?\\s+(?:before|ahead|in advance|prior)");
    private static final Map<String, Integer> NUMBER_WORDS = Map.of("a few", 3, "few", 3, "a couple of", 2, "a", 1,
            "one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6);
    private static final Set<String> APPROVAL = Set.of("approve", "reject", "accept", "decline", "deny", "confirm");
    private static final Set<String> IMAGE_WORDS = Set.of("photo", "picture", "image", "avatar", "logo", "thumbnail");

    private final Domain domain = Domain.get();
    private final List<Entity> entities;
    private final List<Relation> relations;
    private final List<String> roles;
    private final List<String> notes;
    private final Function<Concept, Optional<String>> entityOf;
    final List<Capability> capabilities = new ArrayList<>();

    CapabilityBuilder(List<Entity> entities, List<Relation> relations, List<String> roles, List<String> notes,
            Function<Concept, Optional<String>> entityOf) {
        this.entities = entities;
        this.relations = relations;
        this.roles = roles;
        this.notes = notes;
        this.entityOf = entityOf;
    }

    void build(List<Reading.Hint> hints, String prompt) {
        List<Reading.Hint> limits = new ArrayList<>();
        for (Reading.Hint h : hints) {
            Optional<String> target = h.concept() == null ? Optional.empty() : entityOf.apply(h.concept());
            switch (h.kind()) {
                case "realtime" -> realtime(target);
                case "ordering" -> target.ifPresent(e -> ordering(e, h.why()));
                case "short_code" -> shortCode(target);
                case "counter" -> target.ifPresent(e -> counter(e, h.why()));
                case "vote" -> target.ifPresent(e -> vote(e, h.params().getOrDefault("kind", "like"), h.why()));
                case "ownership" -> target.ifPresent(e -> ownership(e, h.why()));
                case "workflow" -> target.ifPresent(e -> workflow(e, hints));
                case "limit" -> limits.add(h);
                case "file_upload" -> target.ifPresent(e -> fileUpload(e, h.concept().head, h.why()));
                case "reminder" -> reminder(target, prompt, h.why());
                case "csv_job" -> csvJob(target, h.params().get("kind"), h.why());
                default -> { }
            }
        }
        // after the workflows: a limit may count only some of their states
        for (Reading.Hint h : limits) {
            limit(h.concept() == null ? Optional.empty() : entityOf.apply(h.concept()), h.concept() != null, h.params(), h.why());
        }
        orderedByKnowledge();
        goalCounters();
        votesByName();
        filesByField();
    }

    /** A Vote, Like or Rating record that points at a thing and at who cast it is a vote, however the prompt said it. */
    private void votesByName() {
        for (Entity e : new ArrayList<>(entities)) {
            String head = head(e.name());
            if (!domain.behaviour("vote", head) || has(e.name(), Capability.Vote.class)) continue;
            boolean targeted = parentOf(e.name()).isPresent();
            boolean cast = relations.stream().anyMatch(r -> r.from().equals(e.name()) && AppSpec.USER_ENTITY.equals(r.to()));
            if (targeted && cast) {
                String kind = Set.of("rating", "rate", "star").contains(head) ? "rating" : head.equals("like") || head.equals("heart")
                        ? "like" : "upvote";
                vote(e.name(), kind, "a " + head + " is cast on a " + head(parentOf(e.name()).get().to()));
            }
        }
    }

    /** A record that is a file by name (a photo, an attachment: the domain layer's upload words) takes uploads. */
    private void filesByField() {
        for (Entity e : new ArrayList<>(entities)) {
            if (has(e.name(), Capability.FileUpload.class) || !domain.behaviour("fileUpload", head(e.name()))) continue;
            Optional<Field> file = field(e.name(), f -> Set.of("file", "image").contains(f.name()) && f.type() == FieldType.STRING);
            if (file.isPresent()) {
                fileUpload(e.name(), file.get().name().equals("image") ? "image" : head(e.name()), "a " + head(e.name())
                        + " holds a file");
            }
        }
    }

    private boolean has(String entity, Class<? extends Capability> type) {
        return capabilities.stream().anyMatch(c -> type.isInstance(c) && c.entity().equals(entity));
    }

    // ------------------------------------------------------------------ kinds

    private void realtime(Optional<String> target) {
        String e = target.orElseGet(() -> entities.stream().map(Entity::name)
                .filter(n -> relations.stream().anyMatch(r -> r.from().equals(n) && AppSpec.USER_ENTITY.equals(r.to())))
                .reduce((a, b) -> b).orElse(entities.get(entities.size() - 1).name()));
        add(new Capability.Realtime(e), "in real time");
    }

    /**
     * Rows belong to a person only when the spec says who: a required reference to the app's users. "Their"
     * after a thing ("appliances and their warranties") names no owner, so no ownership is made.
     */
    private void ownership(String entity, String why) {
        Capability.Ownership ownership = new Capability.Ownership(entity);
        if (ownership.owner(relations).isPresent()) {
            add(ownership, why);
        }
    }

    private void ordering(String entity, String why) {
        Optional<Relation> parent = parentOf(entity);
        ensure(entity, Field.builder("position", FieldType.INTEGER).min(0).defaultValue("0").build());
        add(new Capability.Ordering(entity, "position", parent.map(Relation::name).orElse(null)), why);
    }

    /** Containers the domain layer knows as ordered (legs of a route, slides in a deck). */
    private void orderedByKnowledge() {
        for (Entity e : new ArrayList<>(entities)) {
            String head = head(e.name());
            Optional<Domain.Knowledge> k = domain.knowledge(head);
            if (k.isEmpty() || k.get().orderedIn().isEmpty()) continue;
            for (Relation r : relations) {
                if (r.from().equals(e.name()) && r.kind() == RelationKind.MANY_TO_ONE && r.to() != null
                        && k.get().orderedIn().contains(head(r.to()))) {
                    ensure(e.name(), Field.builder("position", FieldType.INTEGER).min(0).defaultValue("0").build());
                    add(new Capability.Ordering(e.name(), "position", r.name()), "a " + head + " has a place in its "
                            + head(r.to()));
                    break;
                }
            }
        }
        // "setlists" of songs the band keeps anyway: an ordered entry per song
        for (Entity container : new ArrayList<>(entities)) {
            Optional<Domain.Knowledge> k = domain.knowledge(head(container.name()));
            if (k.isEmpty() || k.get().orderedChildren() == null) continue;
            String childHead = k.get().orderedChildren();
            Optional<Entity> child = entities.stream().filter(x -> head(x.name()).equals(childHead)).findFirst();
            if (child.isEmpty() || relations.stream().anyMatch(r -> r.from().equals(child.get().name())
                    && r.to().equals(container.name()))) {
                continue;
            }
            String entry = container.name() + child.get().name();
            if (entities.stream().anyMatch(x -> x.name().equals(entry)) || entry.length() > 60) continue;
            entities.add(new Entity(entry, List.of(Field.builder("position", FieldType.INTEGER).min(0).defaultValue("0").build())));
            String containerRel = Inflector.snakeOfPascal(container.name());
            relations.add(new Relation(entry, container.name(), RelationKind.MANY_TO_ONE, containerRel, true));
            relations.add(new Relation(entry, child.get().name(), RelationKind.MANY_TO_ONE,
                    Inflector.snakeOfPascal(child.get().name()), true));
            add(new Capability.Ordering(entry, "position", containerRel), "a " + head(container.name()) + " is an ordered list of "
                    + Inflector.plural(childHead) + "; each entry keeps its place");
        }
    }

    private void shortCode(Optional<String> target) {
        Optional<String> e = target.or(() -> entities.stream().map(Entity::name)
                .filter(n -> Set.of("link", "url", "shortlink", "short_link").contains(head(n))).findFirst())
                // nothing called a link: the one thing the users make is what is shortened
                .or(() -> {
                    List<String> made = entities.stream().map(Entity::name).filter(n -> relations.stream()
                            .anyMatch(r -> r.from().equals(n) && AppSpec.USER_ENTITY.equals(r.to()))).toList();
                    return made.size() == 1 ? Optional.of(made.get(0)) : Optional.empty();
                });
        if (e.isEmpty()) {
            notes.add("The prompt asks for short codes but names nothing to shorten; left them out.");
            return;
        }
        ensure(e.get(), Field.builder("code", FieldType.STRING).maxLength(32).unique(true).build());
        if (field(e.get(), f -> f.type() == FieldType.URL).isEmpty()) {
            ensure(e.get(), Field.builder("target_url", FieldType.URL).maxLength(2048).build());
        }
        Optional<Field> url = field(e.get(), f -> f.type() == FieldType.URL);
        add(new Capability.ShortCode(e.get(), "code", url.map(Field::name).orElse(null)), "short codes that redirect");
    }

    /** "counts clicks": the thing clicked keeps a count of its clicks. */
    private void counter(String counted, String why) {
        Optional<Relation> parent = parentOf(counted);
        if (parent.isEmpty()) {
            notes.add("'" + why + "' counts " + counted + " rows, but nothing they belong to keeps the count; left it out.");
            return;
        }
        String owner = parent.get().to();
        String field = Inflector.snakeOfPascal(counted) + "_count";
        ensure(owner, Field.builder(field, FieldType.INTEGER).min(0).defaultValue("0").build());
        add(new Capability.Counter(owner, field, counted, null), why);
    }

    /** A goal and the amounts given towards it ("fundraisers with a target, donors give money"): a running total. */
    private void goalCounters() {
        for (Entity parent : new ArrayList<>(entities)) {
            boolean goal = parent.fields().stream().anyMatch(f -> Set.of("goal", "target", "funding_goal").contains(f.name()));
            if (!goal) continue;
            for (Relation r : relations) {
                if (!parent.name().equals(r.to()) || r.kind() != RelationKind.MANY_TO_ONE) continue;
                Optional<Field> amount = field(r.from(), f -> f.name().equals("amount") && (f.type() == FieldType.DECIMAL
                        || f.type() == FieldType.INTEGER));
                if (amount.isEmpty()) continue;
                String total = "total_" + Inflector.snakeOfPascal(r.from()) + "_amount";
                ensure(parent.name(), Field.builder(total, FieldType.DECIMAL).min(0).defaultValue("0").build());
                add(new Capability.Counter(parent.name(), total, r.from(), "amount"), "the total given towards the goal");
                break;
            }
        }
    }

    private void vote(String entity, String kind, String why) {
        Optional<Relation> target = parentOf(entity);
        Optional<Relation> voter = relations.stream().filter(r -> r.from().equals(entity) && AppSpec.USER_ENTITY.equals(r.to())
                && r.kind() == RelationKind.MANY_TO_ONE).findFirst();
        if (target.isEmpty() || voter.isEmpty()) {
            notes.add(entity + " is a vote, but " + (target.isEmpty() ? "what it is for" : "who casts it") + " is unknown; "
                    + "kept it as plain records.");
            return;
        }
        String value = null;
        if (kind.equals("rating")) {
            Optional<Field> score = field(entity, f -> f.type() == FieldType.INTEGER && !f.name().equals("position"));
            if (score.isPresent()) {
                value = score.get().name();
            } else {
                ensure(entity, Field.builder("score", FieldType.INTEGER).min(1).max(5).build());
                value = "score";
            }
        }
        add(new Capability.Vote(entity, target.get().name(), voter.get().name(), kind, value), why);
    }

    private void workflow(String entity, List<Reading.Hint> hints) {
        if (capabilities.stream().anyMatch(c -> c instanceof Capability.Workflow && c.entity().equals(entity))) return;
        List<String> actions = new ArrayList<>();
        List<String> actionRoles = new ArrayList<>();
        for (Reading.Hint h : hints) {
            if (!h.kind().equals("workflow") || h.concept() == null || !entityOf.apply(h.concept()).map(entity::equals).orElse(false)) {
                continue;
            }
            String action = h.params().get("action");
            if ("status".equals(action)) {
                // "updates their status": the usual lifecycle of a reported thing
                for (String a : List.of("start", "resolve")) {
                    if (!actions.contains(a)) {
                        actions.add(a);
                        actionRoles.add(h.params().getOrDefault("role", ""));
                    }
                }
                continue;
            }
            if (action == null || actions.contains(action) || !domain.workflowStates.containsKey(action)) continue;
            actions.add(action);
            actionRoles.add(h.params().getOrDefault("role", ""));
        }
        if (actions.isEmpty()) return;
        // a thing that is submitted starts as a draft; decisions then act on what was submitted
        String initial = actions.contains("submit") ? "draft" : actions.stream().anyMatch(APPROVAL::contains) ? "pending" : "open";
        Set<String> states = new LinkedHashSet<>();
        states.add(initial);
        List<Capability.Transition> transitions = new ArrayList<>();
        String from = initial;
        for (int i = 0; i < actions.size(); i++) {
            String to = domain.workflowStates.get(actions.get(i));
            if (to.equals(initial)) continue;
            states.add(to);
            String role = actionRoles.get(i);
            List<String> allowed = List.of();
            if (!role.isEmpty()) {
                if (!roles.contains(role)) roles.add(role);
                allowed = List.of("admin", role);
            }
            // a step that starts or hands in work ("start", "submit") leads on to the next; decisions ("approve",
            // "reject") start from where the last such step left the thing
            transitions.add(new Capability.Transition(actions.get(i), List.of(from), to, allowed));
            if (actions.get(i).equals("start") || actions.get(i).equals("submit")) from = to;
        }
        if (transitions.isEmpty()) return;
        String field = "status";
        Optional<Field> existing = field(entity, f -> f.name().equals("status"));
        if (existing.isPresent() && (existing.get().type() != FieldType.ENUM || !existing.get().enumValues().containsAll(states))) {
            field = "workflow_status";
        }
        if (existing.isEmpty() || !field.equals("status")) {
            replaceOrAdd(entity, Field.builder(field, FieldType.ENUM).enumValues(List.copyOf(states)).defaultValue(initial).build());
        }
        add(new Capability.Workflow(entity, field, transitions), String.join(", ", actions));
    }

    /**
     * At most {@code max} (or the parent's capacity) of the things counted per parent. What is counted is the
     * entity named, else a record tying it to the parent ("members borrow at most 3 books": the loans), else, when
     * the words named people or nothing ("up to 10 guests per event", "limited spots"), the parent's one booking-
     * like child. The parent is an entity, or the app's users when it names them ("3 loans per member").
     */
    private void limit(Optional<String> counted, boolean named, Map<String, String> params, String why) {
        String parentWord = params.get("parent");
        Integer max = params.containsKey("max") ? Integer.valueOf(params.get("max")) : null;
        List<String> candidates = new ArrayList<>();
        counted.ifPresent(candidates::add);
        counted.ifPresent(c -> relations.stream().filter(r -> r.kind() == RelationKind.MANY_TO_ONE && c.equals(r.to()))
                .map(Relation::from).filter(x -> !x.equals(c)).forEach(candidates::add));
        if (counted.isEmpty() && named && !params.containsKey("anyChild")) {
            notes.add("'" + why + "' reads as a limit, but what it counts is not kept; left the limit out.");
            return;
        }
        if (params.containsKey("anyChild")) childOf(parentWord).ifPresent(candidates::add);
        for (String entity : candidates) {
            Optional<Relation> parent = relations.stream().filter(r -> r.from().equals(entity) && r.kind() == RelationKind.MANY_TO_ONE
                    && r.to() != null && isParent(r, parentWord, params.containsKey("perPerson"))).findFirst();
            // a capacity is kept on a row; the app's users have none
            if (parent.isEmpty() || max == null && AppSpec.USER_ENTITY.equals(parent.get().to())) continue;
            limit(entity, parent.get(), max, params.get("states"), why);
            return;
        }
        if (max == null && counted.isEmpty()) {
            // "people reserve tickets; seats are limited": the bookings themselves were last talked about, and the
            // capacity is that of the one thing they are for
            Optional<String> booked = entities.stream().map(Entity::name).filter(e -> head(e).equals(parentWord)
                    && bookingWords().contains(parentWord)).findFirst();
            List<Relation> of = booked.isEmpty() ? List.of() : relations.stream().filter(r -> r.from().equals(booked.get())
                    && r.kind() == RelationKind.MANY_TO_ONE && r.to() != null && !AppSpec.USER_ENTITY.equals(r.to())).toList();
            if (of.size() == 1) {
                limit(booked.get(), of.get(0), null, params.get("states"), why);
                return;
            }
        }
        notes.add("'" + why + "' limits " + counted.orElse("bookings") + " per " + parentWord + ", but nothing kept belongs to "
                + "one; left the limit out.");
    }

    private void limit(String entity, Relation parent, Integer max, String states, String why) {
        String maxField = null;
        if (max == null) {
            String parentEntity = parent.to();
            Optional<Field> capacity = field(parentEntity, f -> f.type() == FieldType.INTEGER
                    && Set.of("capacity", "limit", "max", "spots", "slots", "seats", "places").stream().anyMatch(f.name()::contains));
            maxField = capacity.map(Field::name).orElse("capacity");
            if (capacity.isEmpty()) {
                ensure(parentEntity, Field.builder("capacity", FieldType.INTEGER).min(1).build());
            }
        }
        add(new Capability.Limit(entity, parent.name(), max, maxField, states(entity, states)), why);
    }

    /** Names of records people make by booking, signing up, borrowing and the like (booking, registration, loan). */
    private Set<String> bookingWords() {
        Set<String> bookings = new java.util.HashSet<>();
        for (String v : domain.transactionVerbs) bookings.add(domain.actNouns.getOrDefault(v, v));
        for (String v : domain.membershipVerbs) bookings.add(domain.actNouns.getOrDefault(v, v));
        bookings.add(domain.actNouns.getOrDefault("sign_up", "registration"));
        bookings.add(domain.actNouns.getOrDefault("rsvp", "rsvp"));
        return bookings;
    }

    /**
     * Whether {@code r} points at what {@code word} names: an entity with that head, or the users in that role, or,
     * for people named otherwise ("per staff member"), the one relation of its entity to the users.
     */
    private boolean isParent(Relation r, String word, boolean people) {
        if (!AppSpec.USER_ENTITY.equals(r.to())) return head(r.to()).equals(word);
        if (r.name().substring(r.name().lastIndexOf('_') + 1).equals(word) || domain.genericPeople.contains(word)) return true;
        return people && relations.stream().filter(x -> x.from().equals(r.from()) && AppSpec.USER_ENTITY.equals(x.to())
                && x.kind() == RelationKind.MANY_TO_ONE).count() == 1;
    }

    /**
     * The one child of the parent {@code word} names that people make by booking, signing up, borrowing and the like
     * (a Booking of a GymClass), else its one child made by the app's users.
     */
    private Optional<String> childOf(String word) {
        Set<String> bookings = bookingWords();
        List<String> children = relations.stream().filter(r -> r.kind() == RelationKind.MANY_TO_ONE && r.to() != null
                && !AppSpec.USER_ENTITY.equals(r.to()) && head(r.to()).equals(word)).map(Relation::from).distinct().toList();
        List<String> booked = children.stream().filter(c -> bookings.contains(head(c))).toList();
        if (booked.size() == 1) return Optional.of(booked.get(0));
        List<String> made = children.stream().filter(c -> relations.stream().anyMatch(r -> r.from().equals(c)
                && AppSpec.USER_ENTITY.equals(r.to()))).toList();
        return made.size() == 1 ? Optional.of(made.get(0)) : Optional.empty();
    }

    /**
     * The qualifiers ("active", "open") that are values of one of the entity's enum fields; without them, the states
     * of its status that have not ended (a cancelled booking or a returned loan takes no place); none otherwise.
     */
    private List<String> states(String entity, String qualifiers) {
        Optional<String> workflow = capabilities.stream().filter(c -> c instanceof Capability.Workflow && c.entity().equals(entity))
                .map(c -> ((Capability.Workflow) c).field()).findFirst();
        if (qualifiers == null) {
            Optional<Field> status = field(entity, f -> f.type() == FieldType.ENUM && workflow.orElse("status").equals(f.name()));
            List<String> live = status.map(f -> f.enumValues().stream().filter(v -> !domain.endedStates.contains(v)).toList())
                    .orElse(List.of());
            return status.isPresent() && !live.isEmpty() && live.size() < status.get().enumValues().size() ? live : List.of();
        }
        List<String> words = List.of(qualifiers.split(","));
        Optional<Field> status = field(entity, f -> f.type() == FieldType.ENUM && workflow.map(f.name()::equals).orElse(true)
                && words.stream().anyMatch(f.enumValues()::contains));
        return status.map(f -> words.stream().filter(f.enumValues()::contains).toList()).orElse(List.of());
    }

    private void fileUpload(String entity, String head, String why) {
        boolean image = IMAGE_WORDS.contains(head);
        Optional<Field> existing = field(entity, f -> Set.of("file", "image", "photo", "picture", "attachment")
                .contains(f.name()) && (f.type() == FieldType.STRING || f.type() == FieldType.URL));
        String name = existing.map(Field::name).orElse(image ? "image" : "file");
        if (existing.isEmpty()) {
            ensure(entity, Field.builder(name, FieldType.STRING).maxLength(500).build());
        } else if (existing.get().type() == FieldType.URL) {
            replaceOrAdd(entity, FieldInference.retype(existing.get(), FieldType.STRING));
        }
        add(new Capability.FileUpload(entity, name, image ? "image" : "any"), why);
    }

    private void reminder(Optional<String> target, String prompt, String why) {
        Optional<String> e = target.filter(n -> field(n, this::isDate).isPresent())
                .or(() -> entities.stream().map(Entity::name).filter(n -> field(n, f -> isDate(f) && f.name().contains("due"))
                        .isPresent()).findFirst())
                .or(() -> entities.stream().map(Entity::name).filter(n -> field(n, this::isDate).isPresent()).findFirst());
        if (e.isEmpty()) {
            notes.add("The prompt asks for reminders (" + why + ") but nothing has a date to be reminded of; left them out.");
            return;
        }
        Field date = field(e.get(), f -> isDate(f) && f.name().contains("due")).or(() -> field(e.get(), this::isDate)).get();
        int days = 1;
        Matcher m = BEFORE.matcher(prompt);
        if (m.find()) {
            String n = m.group(1).toLowerCase(Locale.ROOT);
            days = n.matches("\\d+") ? Integer.parseInt(n) : NUMBER_WORDS.getOrDefault(n, 1);
            if (m.group(2).equalsIgnoreCase("week")) days *= 7;
        }
        add(new Capability.BackgroundJob(e.get(), "reminder", date.name(), "P" + Math.max(0, Math.min(days, 365)) + "D"), why);
    }

    /** An export or import of the named entity's rows, else of the first entity people make (a reference to a user). */
    private void csvJob(Optional<String> target, String kind, String why) {
        String e = target.orElseGet(() -> entities.stream().map(Entity::name)
                .filter(n -> relations.stream().anyMatch(r -> r.from().equals(n) && AppSpec.USER_ENTITY.equals(r.to())))
                .findFirst().orElse(entities.get(0).name()));
        add(new Capability.BackgroundJob(e, kind, null, null), why);
    }

    // ------------------------------------------------------------------ helpers

    private boolean isDate(Field f) {
        return f.type() == FieldType.DATE || f.type() == FieldType.DATETIME;
    }

    private void add(Capability c, String why) {
        for (Capability x : capabilities) {
            // one of each kind per entity; limits, one per parent ("per class" and "per member")
            boolean otherParent = x instanceof Capability.Limit a && c instanceof Capability.Limit b && !a.parent().equals(b.parent());
            // background jobs, one of each kind (a reminder, an export, an import)
            boolean otherJob = x instanceof Capability.BackgroundJob a && c instanceof Capability.BackgroundJob b && !a.kind().equals(b.kind());
            if (x.type() == c.type() && x.entity().equals(c.entity()) && !otherParent && !otherJob) return;
        }
        capabilities.add(c);
        notes.add("Capability " + c.type().json() + " on " + c.entity() + " (" + why + ").");
    }

    private Optional<Relation> parentOf(String entity) {
        return relations.stream().filter(r -> r.from().equals(entity) && r.kind() == RelationKind.MANY_TO_ONE
                && !AppSpec.USER_ENTITY.equals(r.to())).findFirst();
    }

    private Optional<Field> field(String entity, java.util.function.Predicate<Field> p) {
        return entities.stream().filter(e -> e.name().equals(entity)).findFirst()
                .flatMap(e -> e.fields().stream().filter(p).findFirst());
    }

    /** Adds a field unless the entity has one of that name. */
    private void ensure(String entity, Field f) {
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            if (!e.name().equals(entity)) continue;
            if (e.fields().stream().anyMatch(x -> x.name().equals(f.name()))) return;
            if (relations.stream().anyMatch(r -> r.from().equals(entity) && (r.name().equals(f.name())
                    || (r.name() + "_id").equals(f.name())))) {
                return;
            }
            List<Field> fields = new ArrayList<>(e.fields());
            fields.add(f);
            entities.set(i, new Entity(e.name(), fields));
        }
    }

    private void replaceOrAdd(String entity, Field f) {
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            if (!e.name().equals(entity)) continue;
            List<Field> fields = new ArrayList<>(e.fields());
            fields.removeIf(x -> x.name().equals(f.name()));
            fields.add(f);
            entities.set(i, new Entity(e.name(), fields));
        }
    }

    /** The head word of an entity name, lower case ({@code RepairJob} → {@code job}). */
    private static String head(String pascal) {
        String snake = Inflector.snakeOfPascal(pascal);
        return snake.contains("_") ? snake.substring(snake.lastIndexOf('_') + 1) : snake;
    }
}
