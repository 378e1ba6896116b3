package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        CommandLine cl = AutonomaCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void plan_prints_what_was_understood_and_writes_only_the_spec() throws Exception {
        Path dir = tmp.resolve("board");
        Run r = run("plan", "A team board where tiles can be dragged between lanes and assigned to crew members.", "-o",
                dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("app-spec.json");
        }
        AppSpec spec = AppSpecJson.read(dir.resolve("app-spec.json"));
        assertThat(r.out()).contains("App '" + spec.name() + "'").contains("Relations:").contains("Confidence: ")
                .contains("ordering on Tile").doesNotContain("not built yet")
                .contains("autonoma generate --spec " + dir.resolve("app-spec.json"));
        for (var e : spec.entities()) {
            assertThat(r.out()).contains("  " + e.name() + ": ");
        }
    }

    @Test
    void a_plan_regenerates_through_generate_spec() throws Exception {
        Path plan = tmp.resolve("plan");
        assertThat(run("plan", "Crew rosters: sailors sign up for voyages and skippers approve or reject them; the roster updates in real time.", "-o",
                plan.toString()).exit()).isZero();
        Path app = tmp.resolve("app");
        Run r = run("generate", "--spec", plan.resolve("app-spec.json").toString(), "-o", app.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(app.resolve("app-spec.json"))).isEqualTo(Files.readString(plan.resolve("app-spec.json")));
        // the workflow and real time are both built: generate reports neither as left out
        assertThat(r.out()).doesNotContain("is not built yet").doesNotContain("Capability workflow")
                .doesNotContain("Capability realtime");
        assertThat(app.resolve("backend/app/realtime.py")).exists();
    }

    @Test
    void an_existing_spec_is_kept_without_force() throws Exception {
        Path dir = tmp.resolve("keep");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("app-spec.json"), "mine");
        Run r = run("plan", "A todo app with tasks that have a title.", "-o", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--force");
        assertThat(Files.readString(dir.resolve("app-spec.json"))).isEqualTo("mine");
    }

    @Test
    void vague_prompt_says_plainly_that_confidence_is_low() {
        Run r = run("plan", "please make it nice and fast", "-o", tmp.resolve("vague").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Confidence: low");
    }

    @Test
    void empty_prompt_is_rejected() {
        Run r = run("plan", "  ", "-o", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the prompt is empty");
    }
}
