package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.test.llm.OpenAiStubServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * "A failed generation exits 1 and writes nothing" (README): the business-rules agent fails after
 * the requirements, backend, testing, frontend… agents have written their files, and the output
 * directory must not see any of them.
 */
class FailedGenerationTest {
    private static final String PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    /** The analyst gets a good spec; the business-rules agent only ever answers with a path outside its roots. */
    private static String respond(OpenAiStubServer.Request r) {
        if (r.first("system").contains("requirements analyst")) {
            return GenerateLlmCommandTest.respond(r);
        }
        return "{\"files\": [{\"path\": \"../outside.py\", \"content\": \"x = 1\\n\"}]}";
    }

    private Run generate(Path output, String... extra) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(FailedGenerationTest::respond).apiKey("k").start()) {
            CommandLine cl = AutonomaCli.commandLine();
            ((GenerateCommand) cl.getSubcommands().get("generate").getCommand()).env = Map.of("AUTONOMA_API_KEY", "k")::get;
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            String[] args = Stream.concat(Stream.of("generate", PROMPT, "--engine", "llm", "--base-url", stub.baseUrl(),
                    "--model", "stub-model", "--llm-cache", tmp.resolve("cache").toString(), "-o", output.toString()),
                    Stream.of(extra)).toArray(String[]::new);
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        }
    }

    /** Every file and directory under {@code dir} with its content and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                String content = Files.isRegularFile(p) ? Files.readString(p) : "<dir>";
                out.put(dir.relativize(p).toString(), content + " @" + modified.toMillis());
            }
        }
        return out;
    }

    private static void assertFailedMidRun(Run r) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(GenerateCommand.GENERATION_FAILED);
        assertThat(r.err()).contains("generation failed", "nothing was written");
        // mid-run: other agents had finished and written their files to the store before the failure
        assertThat(r.out()).containsPattern("backend +done: .*\\(\\d+ files").containsPattern("business-rules +FAILED");
    }

    @Test
    void a_run_that_fails_after_other_agents_wrote_files_creates_no_output_directory() {
        Path output = tmp.resolve("new-app");

        Run r = generate(output);

        assertFailedMidRun(r);
        assertThat(output).doesNotExist();
    }

    @Test
    void a_run_that_fails_leaves_an_existing_directory_exactly_as_it_was() throws Exception {
        Path output = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(output.resolve("notes.txt"), "mine");
        Files.createDirectories(output.resolve("backend/app"));
        Files.writeString(output.resolve("backend/app/main.py"), "# my own main, which a success would replace\n");
        Files.setLastModifiedTime(output.resolve("backend/app/main.py"), FileTime.fromMillis(1_000_000_000_000L));
        Map<String, String> before = snapshot(output);

        Run r = generate(output, "--force");

        assertFailedMidRun(r);
        assertThat(snapshot(output)).isEqualTo(before);
    }
}
