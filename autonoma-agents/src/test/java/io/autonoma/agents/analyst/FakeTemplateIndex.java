package io.autonoma.agents.analyst;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A tiny keyword-scoring index for tests: score = share of query words found in title/description/tags. */
class FakeTemplateIndex implements TemplateIndex {
    private final Map<String, TemplateEntry> entries = new LinkedHashMap<>();
    final List<TemplateQuery> queries = new ArrayList<>();

    @Override
    public void addAll(List<TemplateEntry> list) {
        list.forEach(e -> entries.put(e.id(), e));
    }

    @Override
    public List<TemplateMatch> search(TemplateQuery q) {
        queries.add(q);
        Set<String> query = words(q.text());
        List<TemplateMatch> out = new ArrayList<>();
        for (TemplateEntry e : entries.values()) {
            if (q.collection().isPresent() && !q.collection().get().equals(e.collection())) continue;
            Set<String> doc = words(e.title() + " " + e.description() + " " + String.join(" ", e.tags()));
            long hits = query.stream().filter(doc::contains).count();
            if (hits > 0) out.add(new TemplateMatch(e, (double) hits / query.size()));
        }
        out.sort(Comparator.comparingDouble(TemplateMatch::score).reversed().thenComparing(m -> m.entry().id()));
        return out.stream().limit(q.topK()).toList();
    }

    private static Set<String> words(String s) {
        return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^a-z]+"))
                .filter(w -> w.length() > 2 && !Set.of("the", "and", "app", "for", "with", "something", "personal").contains(w))
                .map(w -> w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public Optional<TemplateEntry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public boolean remove(String id) {
        return entries.remove(id) != null;
    }

    @Override
    public int size() {
        return entries.size();
    }
}
