package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Feature;
import org.junit.jupiter.api.Test;

/** Words that ask for an app-wide feature (domain.json's featureWords) turn it on, and are not read as things kept. */
class FeatureReadingTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    @Test
    void a_graphql_api_is_the_graphql_feature_and_no_entity() {
        for (String prompt : new String[] {
                "A bookstore with books (title, price) and authors (name), with a GraphQL API.",
                "A recipe sharing site where cooks post recipes with ingredients, exposed through GraphQL.",
                "A todo app with tasks (title, due date) and a graphql endpoint"}) {
            AppSpec spec = ANALYST.analyze(prompt);
            SpecAssertions.assertSane(spec);
            assertThat(spec.features()).as(prompt).contains(Feature.GRAPHQL);
            assertThat(spec.entities()).as(prompt).extracting(Entity::name)
                    .isNotEmpty().noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("graph")
                            || n.equals("Api"));
            assertThat(spec.description()).isEqualTo(prompt.strip());
        }
    }

    @Test
    void without_the_word_there_is_no_graphql() {
        AppSpec spec = ANALYST.analyze("A bookstore with books (title, price) and authors (name).");
        assertThat(spec.features()).doesNotContain(Feature.GRAPHQL);
        assertThat(spec.entities()).extracting(Entity::name).containsExactly("Book", "Author");
    }

    @Test
    void a_vague_prompt_that_asks_for_graphql_gets_it_on_its_archetype() {
        AppSpec spec = ANALYST.analyze("A GraphQL API for my bakery.");
        assertThat(spec.features()).contains(Feature.GRAPHQL);
    }
}
