package io.autonoma.agents.analyst.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordTemplateIndexTest {

    private static TemplateEntry entry(String id, String collection, String title, String description) {
        return new TemplateEntry(id, collection, title, description, "", List.of(), Map.of("framework", "fastapi"));
    }

    @Test
    void ranks_by_shared_words_with_scores_in_unit_range_and_stable_ties() {
        KeywordTemplateIndex index = new KeywordTemplateIndex();
        index.addAll(List.of(entry("b", "project_templates", "Books", "reading list of books"),
                entry("a", "project_templates", "Gym", "workouts and exercises"),
                entry("c", "project_templates", "Books too", "reading books")));

        List<TemplateMatch> hits = index.search("my reading list", 10);

        assertThat(hits).extracting(m -> m.entry().id()).containsExactly("b", "c");
        assertThat(hits).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
        assertThat(index.search("nothing matches here", 10)).isEmpty();
    }

    @Test
    void filters_by_collection_and_framework_and_honours_top_k() {
        KeywordTemplateIndex index = new KeywordTemplateIndex();
        index.addAll(List.of(entry("x", "code_templates", "Books", "books"), entry("y", "project_templates", "Books", "books"),
                entry("z", "project_templates", "Books 2", "books")));

        assertThat(index.search(TemplateQuery.of("books", 10).inCollection("project_templates")))
                .extracting(m -> m.entry().id()).containsExactly("y", "z");
        assertThat(index.search(TemplateQuery.of("books", 1))).hasSize(1);
        assertThat(index.search(TemplateQuery.of("books", 10).forFramework("nextjs"))).isEmpty();
    }

    @Test
    void add_replaces_and_remove_reports() {
        KeywordTemplateIndex index = new KeywordTemplateIndex();
        index.add(entry("x", "c", "Old", "old"));
        index.add(entry("x", "c", "New", "new"));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get("x")).map(TemplateEntry::title).contains("New");
        assertThat(index.search("old", 5)).isEmpty();
        assertThat(index.remove("x")).isTrue();
        assertThat(index.remove("x")).isFalse();
        assertThat(index.size()).isZero();
    }
}
