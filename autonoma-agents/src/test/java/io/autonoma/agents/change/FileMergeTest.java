package io.autonoma.agents.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileMergeTest {

    private static final String BASE = "import a\n\ndef one():\n    return 1\n\ndef two():\n    return 2\n";

    @Test
    void a_file_the_user_never_touched_takes_the_new_generation() {
        String generated = BASE + "\ndef three():\n    return 3\n";

        assertThat(FileMerge.merge(BASE, BASE, generated)).isEqualTo(new FileMerge.Result(generated, false));
    }

    @Test
    void a_file_only_the_user_changed_stays_the_users() {
        String user = BASE + "\ndef custom():\n    return 42\n";

        assertThat(FileMerge.merge(BASE, user, BASE)).isEqualTo(new FileMerge.Result(user, false));
    }

    @Test
    void changes_of_both_sides_in_different_places_are_both_kept() {
        String user = BASE.replace("return 1", "return 100");
        String generated = BASE.replace("import a\n", "import a\nimport b\n");

        FileMerge.Result result = FileMerge.merge(BASE, user, generated);

        assertThat(result.conflicted()).isFalse();
        assertThat(result.text()).isEqualTo("import a\nimport b\n\ndef one():\n    return 100\n\ndef two():\n    return 2\n");
    }

    @Test
    void a_line_both_sides_changed_differently_is_a_conflict_that_keeps_both_versions() {
        String user = BASE.replace("return 2", "return 20");
        String generated = BASE.replace("return 2", "return 2.0");

        FileMerge.Result result = FileMerge.merge(BASE, user, generated);

        assertThat(result.conflicted()).isTrue();
        assertThat(result.text()).contains("<<<<<<< yours\n    return 20\n=======\n    return 2.0\n>>>>>>> generated now\n")
                .startsWith("import a\n").contains("return 1\n");
    }
}
