package io.autonoma.agents.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.AgentId;
import org.junit.jupiter.api.Test;

class ExtensionPointTest {
    private static final AgentId RULES = AgentId.of("rules");

    private static ExtensionPoint.Builder point() {
        return ExtensionPoint.builder(RULES, "app/rules.py").task("write the rules").mustKeep("async def before_create(", "class RuleViolation");
    }

    @Test
    void defaults_to_the_file_s_directory_and_type() {
        ExtensionPoint p = point().build();

        assertThat(p.writableRoots()).containsExactly("app/");
        assertThat(p.fileTypes()).containsExactly(".py");
        assertThat(p.after()).isEmpty();
        assertThat(p.examplesFramework()).isEmpty();
    }

    @Test
    void check_lists_every_lost_text_and_accepts_other_whitespace() {
        ExtensionPoint p = point().build();

        assertThat(p.check("class RuleViolation(Exception):\nasync  def\tbefore_create(x): ...")).isEmpty();
        assertThat(p.check("class RuleViolation: ...")).containsExactly(
                "app/rules.py: must keep 'async def before_create(' (the templates call it)");
        assertThat(p.check("")).hasSize(2);
    }

    @Test
    void build_refuses_what_an_engine_could_not_use_safely() {
        assertThatThrownBy(() -> ExtensionPoint.builder(RULES, "app/rules.py").build()).hasMessageContaining("needs a task");
        assertThatThrownBy(() -> point().writableRoots("../").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writable root '../'");
        assertThatThrownBy(() -> point().writableRoots("app").build()).hasMessageContaining("ending in '/'");
        assertThatThrownBy(() -> point().writableRoots("tests/").build()).hasMessageContaining("outside its writable roots");
        assertThatThrownBy(() -> point().fileTypes(".ts").build()).hasMessageContaining("not among its file types");
        assertThatThrownBy(() -> ExtensionPoint.builder(RULES, "../rules.py").task("t").build())
                .hasMessageContaining("normalized project-relative path");
        assertThatThrownBy(() -> point().contextFiles("/etc/passwd").build()).hasMessageContaining("'/etc/passwd'");
    }
}
