package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    private static Cli.Run run(String... args) {
        return Cli.run(java.util.Map.of(), args);
    }

    private static Cli.Run run(java.util.Map<String, String> env, String... args) {
        return Cli.run(env, args);
    }

    @Test
    void generates_a_real_file_tree_from_a_prompt() throws Exception {
        Path outDir = tmp.resolve("todo");
        Cli.Run r = run("generate", "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).",
                "-o", outDir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(outDir.resolve("app-spec.json")).exists();
        assertThat(outDir.resolve("docs/architecture.md")).content().contains("Task");
        assertThat(outDir.resolve("backend/app/main.py")).exists();
        assertThat(outDir.resolve("frontend/package.json")).exists();
        assertThat(r.out()).contains("requirements").contains("backend").contains("Wrote");
    }

    @Test
    void regenerates_byte_identical_output_from_the_written_spec() throws Exception {
        Path first = tmp.resolve("a");
        Path second = tmp.resolve("b");
        assertThat(run("generate", "A library with books (title, author, ISBN) and members (name, email).", "-o", first.toString()).exit()).isZero();
        assertThat(run("generate", "--spec", first.resolve("app-spec.json").toString(), "-o", second.toString()).exit()).isZero();
        try (var files = Files.walk(first)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path other = second.resolve(first.relativize(f));
                assertThat(other).as("missing in regenerated tree: %s", first.relativize(f)).exists();
                assertThat(Files.readAllBytes(other)).as("differs: %s", first.relativize(f)).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void empty_prompt_is_rejected_with_exit_2_and_an_example() {
        Cli.Run r = run("generate", "   ", "-o", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("prompt is empty").contains("autonoma generate");
    }

    @Test
    void missing_prompt_and_spec_is_rejected() {
        Cli.Run r = run("generate", "-o", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("prompt is empty");
    }

    @Test
    void non_empty_output_directory_needs_force() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        Cli.Run r = run("generate", "a todo app with tasks that have a title", "-o", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not empty").contains("--force");
        assertThat(tmp.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void force_writes_into_a_non_empty_directory_and_keeps_unrelated_files() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        Cli.Run r = run("generate", "a todo app with tasks that have a title", "-o", tmp.toString(), "--force");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("keep.txt")).hasContent("mine");
        assertThat(tmp.resolve("app-spec.json")).exists();
    }

    @Test
    void unwritable_output_is_rejected_with_exit_2() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Run r = run("generate", "a todo app with tasks", "-o", file.resolve("sub").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write to output directory");
    }

    @Test
    void output_that_is_a_file_is_rejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Run r = run("generate", "a todo app with tasks", "-o", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not a directory");
    }

    @Test
    void invalid_spec_errors_point_at_the_field() throws Exception {
        Path spec = Files.writeString(tmp.resolve("bad.json"),
                "{\"name\":\"X\",\"entities\":[{\"name\":\"Task\",\"fields\":[{\"name\":\"title\",\"type\":\"strng\"}]}]}");
        Cli.Run r = run("generate", "--spec", spec.toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("entities[0].fields[0].type").contains("strng");
    }

    @Test
    void a_name_a_template_pack_reserves_is_refused_before_the_run_with_its_path_and_writes_nothing() throws Exception {
        Path spec = Files.writeString(tmp.resolve("python.json"),
                "{\"name\":\"X\",\"entities\":[{\"name\":\"Task\",\"fields\":[{\"name\":\"lambda\",\"type\":\"string\"}]}]}");
        Cli.Run r = run("generate", "--spec", spec.toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("entities[0].fields[0].name: 'lambda' is reserved by backend-fastapi (a Python keyword)");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void prompt_and_spec_together_are_rejected() throws Exception {
        Path spec = Files.writeString(tmp.resolve("s.json"), "{}");
        Cli.Run r = run("generate", "a todo app", "--spec", spec.toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not both");
    }

    @Test
    void unknown_engine_is_rejected() {
        Cli.Run r = run("generate", "a todo app", "--engine", "magic", "-o", tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown engine 'magic'");
    }

    @Test
    void resume_and_the_postgres_store_need_the_database_url_from_the_environment() {
        Cli.Run resume = run("generate", "--resume", "some-run", "-o", tmp.resolve("out").toString());
        assertThat(resume.exit()).isEqualTo(2);
        assertThat(resume.err()).contains("--resume records runs in PostgreSQL", "AUTONOMA_DB_URL", "never a flag");

        Cli.Run store = run("generate", "a todo app with tasks that have a title", "--store", "postgres", "-o", tmp.resolve("out2").toString());
        assertThat(store.exit()).isEqualTo(2);
        assertThat(store.err()).contains("--store postgres", "AUTONOMA_DB_URL");
        assertThat(tmp.resolve("out2")).as("nothing written for bad arguments").doesNotExist();
    }

    @Test
    void resume_takes_no_prompt_and_the_store_must_be_known() {
        Cli.Run withPrompt = run(java.util.Map.of("AUTONOMA_DB_URL", "jdbc:postgresql://127.0.0.1:9/x"),
                "generate", "a todo app", "--resume", "r1", "-o", tmp.resolve("out").toString());
        assertThat(withPrompt.exit()).isEqualTo(2);
        assertThat(withPrompt.err()).contains("give no PROMPT or --spec");

        Cli.Run unknown = run("generate", "a todo app", "--store", "mongo", "-o", tmp.resolve("out3").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown store 'mongo'");
    }

    @Test
    void an_oversized_prompt_is_rejected_at_the_request_boundary_with_the_one_limit() {
        Cli.Run r = run("generate", "a todo app with tasks " + "x".repeat(20_000), "-o", tmp.resolve("big").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the limit is 20000");
    }

    @Test
    void help_describes_the_options() {
        Cli.Run r = run("generate", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--output").contains("--spec").contains("--force").contains("--engine")
                .contains("--resume").contains("--store").contains("AUTONOMA_DB_URL");
    }
}
