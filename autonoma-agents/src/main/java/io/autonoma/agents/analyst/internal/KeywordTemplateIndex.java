package io.autonoma.agents.analyst.internal;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small keyword-only {@link TemplateIndex}: scores by the IDF-weighted share of the query's words
 * found in an entry's title, description, tags and the names inside its content. Deterministic; ties
 * break by id. Used by the offline analyst when no index is given.
 */
public final class KeywordTemplateIndex implements TemplateIndex {
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "my", "our", "your",
            "i", "we", "you", "me", "us", "it", "is", "are", "be", "that", "this", "which", "who", "where", "app",
            "application", "simple", "small", "personal", "something", "thing", "things", "want", "need", "like",
            "would", "could", "should", "can", "will", "some", "build", "make", "create", "track", "manage",
            "keep", "tool", "system", "site", "website", "platform", "keyword", "keywords", "name", "type", "string",
            "text", "required", "unique", "boolean", "integer", "decimal", "date", "datetime", "enum", "field",
            "fields", "entities", "relations", "many", "one", "true", "false", "do", "help", "let", "lets", "all",
            "just", "very", "really", "please", "also", "so", "get", "them", "their", "its", "from", "as", "about",
            "web", "online", "list", "lists", "tracker", "log", "manager", "management");

    private final Map<String, TemplateEntry> entries = new TreeMap<>();
    private final Map<String, Set<String>> words = new HashMap<>();
    /** Words of the title, tags and id: a hit there counts fully, elsewhere {@value #BODY_WEIGHT}. */
    private final Map<String, Set<String>> strong = new HashMap<>();
    private static final double BODY_WEIGHT = 0.7;

    @Override
    public synchronized void addAll(List<TemplateEntry> list) {
        for (TemplateEntry e : list) {
            entries.put(e.id(), e);
            String head = e.title() + " " + String.join(" ", e.tags()) + " " + e.id().replaceAll("^[a-z_]+:", "");
            strong.put(e.id(), words(head));
            words.put(e.id(), words(head + " " + e.description() + " " + namesIn(e.content())));
        }
    }

    @Override
    public synchronized List<TemplateMatch> search(TemplateQuery q) {
        List<String> query = new ArrayList<>(new LinkedHashSet<>(wordList(q.text())));
        Map<String, Integer> df = new HashMap<>();
        List<TemplateEntry> candidates = entries.values().stream()
                .filter(e -> q.collection().map(c -> c.equals(e.collection())).orElse(true))
                .filter(e -> q.framework().map(f -> f.equals(e.metadata().get("framework"))).orElse(true))
                .toList();
        for (TemplateEntry e : candidates) {
            for (String w : words.get(e.id())) df.merge(w, 1, Integer::sum);
        }
        int n = Math.max(1, candidates.size());
        double known = 0;
        int unknown = 0;
        for (String w : query) {
            if (df.containsKey(w)) known += idf(n, df.get(w));
            else unknown++;
        }
        double denominator = known + 0.25 * unknown;
        List<TemplateMatch> out = new ArrayList<>();
        for (TemplateEntry e : candidates) {
            double hit = 0;
            for (String w : query) {
                if (strong.get(e.id()).contains(w)) hit += idf(n, df.get(w));
                else if (words.get(e.id()).contains(w)) hit += BODY_WEIGHT * idf(n, df.get(w));
            }
            if (hit > 0 && denominator > 0) {
                out.add(new TemplateMatch(e, Math.min(1.0, hit / denominator)));
            }
        }
        out.sort(Comparator.comparingDouble(TemplateMatch::score).reversed().thenComparing(m -> m.entry().id()));
        return out.size() > q.topK() ? List.copyOf(out.subList(0, q.topK())) : List.copyOf(out);
    }

    private static double idf(int n, int df) {
        return Math.log(1.0 + (double) n / df);
    }

    @Override
    public synchronized Optional<TemplateEntry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized boolean remove(String id) {
        words.remove(id);
        strong.remove(id);
        return entries.remove(id) != null;
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    private static String namesIn(String json) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            b.append(m.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ')).append(' ');
        }
        return b.toString();
    }

    static Set<String> words(String text) {
        return new HashSet<>(wordList(text));
    }

    static List<String> wordList(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() < 2 || STOP.contains(w)) continue;
            String s = Inflector.singular(w);
            if (s.endsWith("ing") && s.length() > 5) {
                out.add(s);
                s = s.substring(0, s.length() - 3);
            }
            out.add(s);
        }
        return out;
    }
}
