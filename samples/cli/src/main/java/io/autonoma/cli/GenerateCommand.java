package io.autonoma.cli;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a full-stack app from a prompt (or from an AppSpec JSON file) into a directory.",
        footer = {"", "Examples:",
                "  autonoma generate \"a todo app with tasks that have a title, a due date and a priority (low, medium, high)\" -o todo",
                "  autonoma generate --spec todo/app-spec.json -o todo --force"})
final class GenerateCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    static final int GENERATION_FAILED = 1;
    static final int MAX_PROMPT_CHARS = 20_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "What to build, in plain language.")
    String prompt;

    @Option(names = "--spec", paramLabel = "FILE", description = "Generate from this AppSpec JSON instead of a prompt.")
    Path specFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write the app to.")
    Path output;

    @Option(names = "--force", description = "Write into a non-empty directory, replacing files with the same paths (others are kept).")
    boolean force;

    @Option(names = "--engine", defaultValue = "offline", paramLabel = "ENGINE",
            description = "offline (default: no network, deterministic) or llm.")
    String engine;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final summary.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GenerationRequest request;
        try {
            request = request();
            checkOutputDirectory();
        } catch (AutonomaException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        ProgressPrinter progress = new ProgressPrinter(out, quiet);
        try (Autonoma autonoma = Autonoma.builder().build()) {
            RunHandle run = autonoma.start(request, progress);
            Thread hook = new Thread(run::cancel, "autonoma-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            GenerationResult result = run.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the hook cancels the run
            }
            if (!result.succeeded()) {
                err.println("error: generation " + result.status().name().toLowerCase() + ": "
                        + result.error().orElse("no reason given") + "; nothing was written to " + output);
                return GENERATION_FAILED;
            }
            int files = autonoma.export(result.projectId(), output);
            out.printf("%nWrote %d files to %s in %.1f s.%n", files, output, result.duration().toMillis() / 1000.0);
            result.spec().ifPresent(s -> out.printf("App '%s' with %d entities: %s%n", s.name(), s.entities().size(),
                    String.join(", ", s.entities().stream().map(e -> e.name()).toList())));
            out.printf("Next: see %s/README.md (backend: uvicorn, frontend: npm run dev).%n", output);
            out.flush();
            return 0;
        } catch (AutonomaException e) {
            err.println("error: " + e.getMessage());
            return GENERATION_FAILED;
        }
    }

    private GenerationRequest request() {
        if (!engine.equals("offline") && !engine.equals("llm")) {
            throw new IllegalArgumentException("unknown engine '" + engine + "'; use --engine offline or --engine llm");
        }
        if (engine.equals("llm")) {
            throw new IllegalArgumentException("the llm engine is not available in this build yet; use --engine offline");
        }
        GenerationRequest.Builder b = GenerationRequest.builder().projectId("app").option("engine", engine);
        if (specFile != null) {
            if (prompt != null) {
                throw new IllegalArgumentException("give either a PROMPT or --spec FILE, not both");
            }
            if (!Files.isRegularFile(specFile)) {
                throw new IllegalArgumentException("spec file " + specFile + " does not exist or is not a file");
            }
            AppSpec appSpec = AppSpecJson.read(specFile);
            return b.spec(appSpec).build();
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("the prompt is empty; describe the app, e.g. "
                    + "autonoma generate \"a todo app with tasks that have a title and a due date\" -o todo");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new IllegalArgumentException("the prompt has " + prompt.length() + " characters; the limit is "
                    + MAX_PROMPT_CHARS + ". Shorten it or write an AppSpec and use --spec");
        }
        return b.prompt(prompt).build();
    }

    private void checkOutputDirectory() {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("output " + output + " exists and is not a directory");
        }
        if (Files.isDirectory(output) && !force) {
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("output directory " + output
                            + " is not empty; choose another directory or pass --force to replace generated files");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read output directory " + output + ": " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(output);
            Path probe = Files.createTempFile(output, ".autonoma-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot write to output directory " + output + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable directory");
        }
    }
}
