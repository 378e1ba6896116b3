package io.autonoma.agents.analyst.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a prompt that names no things is matched against the archetypes by. */
class ArchetypeQueryTest {
    @Test
    void the_group_an_app_is_for_is_not_what_it_keeps() {
        String q = SpecAssembler.archetypeQuery("an app for my film club");

        assertThat(q.split(" ")).doesNotContain("club").contains("film", "films");
    }

    @Test
    void a_prompt_with_nothing_but_the_group_is_searched_as_written() {
        assertThat(SpecAssembler.archetypeQuery("an app for my band ")).isEqualTo("an app for my band");
    }
}
