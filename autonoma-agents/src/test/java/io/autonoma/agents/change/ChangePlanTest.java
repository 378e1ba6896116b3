package io.autonoma.agents.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.change.ChangePlan.Action;
import io.autonoma.agents.change.ChangePlan.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangePlanTest {

    @Test
    void each_path_gets_the_decision_its_three_versions_call_for() {
        Map<String, String> base = Map.of(
                "untouched.py", "a\n",
                "edited.py", "a\nb\n",
                "both.py", "a\nb\nc\n",
                "clash.py", "x = 1\n",
                "gone.py", "old\n",
                "gone-edited.py", "old\n",
                "deleted.py", "d\n",
                "same.py", "s\n");
        Map<String, String> current = Map.of(
                "untouched.py", "a\n",
                "edited.py", "a\nb\nmine\n",
                "both.py", "a\nB\nc\n",
                "clash.py", "x = 10\n",
                "gone.py", "old\n",
                "gone-edited.py", "old, edited\n",
                "same.py", "s\n",
                "mine.py", "never generated\n");
        Map<String, String> generated = Map.of(
                "untouched.py", "a\nnew\n",
                "edited.py", "a\nb\n",
                "both.py", "a\nb\nc\nd\n",
                "clash.py", "x = 2\n",
                "deleted.py", "d\n",
                "same.py", "s\n",
                "new.py", "n\n");

        ChangePlan plan = ChangePlan.of(base, current, generated);

        assertThat(plan.steps()).containsExactly(
                new Step("both.py", Action.MERGE, "a\nB\nc\nd\n"),
                new Step("clash.py", Action.CONFLICT, "<<<<<<< yours\nx = 10\n=======\nx = 2\n>>>>>>> generated now\n"),
                new Step("deleted.py", Action.KEEP_DELETED, null),
                new Step("edited.py", Action.KEEP, null),
                new Step("gone-edited.py", Action.KEEP_REMOVED, null),
                new Step("gone.py", Action.DELETE, null),
                new Step("new.py", Action.CREATE, "n\n"),
                new Step("same.py", Action.KEEP, null),
                new Step("untouched.py", Action.UPDATE, "a\nnew\n"));
        assertThat(plan.conflicted()).isTrue();
        assertThat(plan.steps()).extracting(Step::path).doesNotContain("mine.py");
    }

    @Test
    void a_user_deleted_file_comes_back_only_when_the_generator_changed_it() {
        ChangePlan plan = ChangePlan.of(Map.of("f.py", "1\n"), Map.of(), Map.of("f.py", "2\n"));

        assertThat(plan.steps()).containsExactly(new Step("f.py", Action.UPDATE, "2\n"));
        assertThat(plan.conflicted()).isFalse();
    }
}
