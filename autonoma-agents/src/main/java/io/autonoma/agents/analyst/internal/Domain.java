package io.autonoma.agents.analyst.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.AutonomaException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The curated app-domain layer ({@code lexicon/domain.json}): app vocabulary that WordNet and schema.org
 * lack or rank below an everyday sense — typical fields and containers of app nouns, the verbs whose act
 * is a record (rate → rating), behaviour words, and a salience order for schema.org properties.
 * Thread-safe; loaded once.
 */
final class Domain {

    /** What apps mean by a noun: typical fields, the containers it usually belongs to, order within a container. */
    record Knowledge(List<String> fields, List<String> parents, List<String> orderedIn, String orderedChildren) {}

    final Set<String> appWords;
    final Set<String> genericPeople;
    final Set<String> containerWords;
    final Set<String> fillerObjects;
    final Set<String> measureWords;
    /** How many fit, said as a noun: "limited spots", "seats are limited". */
    final Set<String> capacityWords;
    /** Values of a status that end a row's life (cancelled, returned): such rows take no place under a limit. */
    final Set<String> endedStates;
    final Set<String> vagueNouns;
    final Map<String, String> actNouns;
    final Set<String> evaluationVerbs;
    final Set<String> transactionVerbs;
    final Set<String> activityVerbs;
    final Set<String> membershipVerbs;
    final Map<String, Set<String>> behaviours;
    /** App-wide features (by their JSON name) and the words that ask for them, e.g. graphql. */
    final Map<String, Set<String>> featureWords;
    final Map<String, String> workflowStates;
    final Map<String, Knowledge> concepts;
    final List<String> schemaOrgProperties;
    final Map<String, List<String>> categoryFields;

    private Domain(JsonNode root) {
        appWords = set(root.path("appWords"));
        genericPeople = set(root.path("genericPeople"));
        containerWords = set(root.path("containerWords"));
        fillerObjects = set(root.path("fillerObjects"));
        measureWords = set(root.path("measureWords"));
        capacityWords = set(root.path("capacityWords"));
        endedStates = set(root.path("endedStates"));
        vagueNouns = set(root.path("vagueNouns"));
        actNouns = map(root.path("actNouns"));
        evaluationVerbs = set(root.path("evaluationVerbs"));
        transactionVerbs = set(root.path("transactionVerbs"));
        activityVerbs = set(root.path("activityVerbs"));
        membershipVerbs = set(root.path("membershipVerbs"));
        Map<String, Set<String>> b = new HashMap<>();
        root.path("behaviours").fields().forEachRemaining(e -> b.put(e.getKey(), set(e.getValue())));
        behaviours = Map.copyOf(b);
        Map<String, Set<String>> fw = new java.util.TreeMap<>();
        root.path("featureWords").fields().forEachRemaining(e -> fw.put(e.getKey(), set(e.getValue())));
        featureWords = java.util.Collections.unmodifiableMap(fw);
        workflowStates = map(root.path("workflowStates"));
        Map<String, Knowledge> c = new HashMap<>();
        root.path("concepts").fields().forEachRemaining(e -> {
            JsonNode k = e.getValue();
            String orderedIn = k.path("orderedIn").asText("");
            c.put(e.getKey(), new Knowledge(list(k.path("fields")), list(k.path("parents")),
                    orderedIn.isEmpty() ? List.of() : List.of(orderedIn.split(",")), k.path("orderedChildren").asText(null)));
        });
        concepts = Map.copyOf(c);
        schemaOrgProperties = list(root.path("schemaOrgProperties"));
        Map<String, List<String>> cf = new HashMap<>();
        root.path("categoryFields").fields().forEachRemaining(e -> cf.put(e.getKey(), list(e.getValue())));
        categoryFields = Map.copyOf(cf);
    }

    /** The one instance, read on first use (the holder class is initialised once, by the JVM). */
    static Domain get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Domain INSTANCE = load();
    }

    private static Domain load() {
        String resource = "/io/autonoma/agents/analyst/lexicon/domain.json";
        try (InputStream in = Domain.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AutonomaException("lexicon resource " + resource + " is missing from the classpath");
            }
            return new Domain(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new AutonomaException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    Optional<Knowledge> knowledge(String lemma) {
        return Optional.ofNullable(concepts.get(lemma));
    }

    boolean behaviour(String kind, String word) {
        return behaviours.getOrDefault(kind, Set.of()).contains(word);
    }

    private static Set<String> set(JsonNode n) {
        Set<String> out = new HashSet<>();
        n.forEach(x -> out.add(x.asText()));
        return Set.copyOf(out);
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new HashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(out);
    }
}
