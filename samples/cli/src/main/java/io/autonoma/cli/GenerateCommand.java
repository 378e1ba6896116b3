package io.autonoma.cli;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.change.GenerationRecord;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.llm.LlmCallRecord;
import io.autonoma.llm.LlmClient;
import io.autonoma.llm.LlmEngine;
import io.autonoma.llm.LlmPricing;
import io.autonoma.llm.LlmResponseCache;
import io.autonoma.store.PostgresArtifactStore;
import io.autonoma.store.PostgresRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autonoma generate}: a thin adapter over {@link Autonoma}. It turns flags into
 * {@code Autonoma.builder()} settings (engine, store, runs, budget), hands the prompt to the request
 * boundary, prints progress and exports the files.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a full-stack app from a prompt (or from an AppSpec JSON file) into a directory.",
        footer = {"", "Examples:",
                "  autonoma generate \"a todo app with tasks that have a title, a due date and a priority (low, medium, high)\" -o todo",
                "  autonoma generate --spec todo/app-spec.json -o todo --force",
                "  autonoma generate --spec edited-app-spec.json -o todo     # an app generated before: changed in place (autonoma change)",
                "  AUTONOMA_API_KEY=... autonoma generate \"a library where a member can have at most 3 active loans\" \\",
                "      --engine llm --base-url http://127.0.0.1:8080/v1 --model my-model -o library",
                "  AUTONOMA_DB_URL=jdbc:postgresql://... autonoma generate \"...\" --store postgres -o app   # prints the run id",
                "  AUTONOMA_DB_URL=jdbc:postgresql://... autonoma generate --resume <run id> -o app",
                "", "The llm engine reads the API key only from the environment variable AUTONOMA_API_KEY;",
                "the postgres store reads its JDBC URL (with the password) only from AUTONOMA_DB_URL."})
final class GenerateCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    static final int GENERATION_FAILED = 1;
    /** The app was written, and a check of --verify failed. */
    static final int VERIFY_FAILED = 5;
    /** The app was written, nothing failed, but a check could not run (its toolchain is missing): not verified. */
    static final int NOT_VERIFIED = 6;
    /** Environment variable holding the JDBC URL of the run store (it may carry a password: never a flag). */
    static final String DB_URL_ENV = "AUTONOMA_DB_URL";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "What to build, in plain language.")
    String prompt;

    @Option(names = "--spec", paramLabel = "FILE", description = "Generate from this AppSpec JSON instead of a prompt.")
    Path specFile;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue a recorded run (failed, cancelled or killed) without redoing the agents that finished; "
                    + "implies --store postgres.")
    String resume;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write the app to.")
    Path output;

    @Option(names = "--force", description = "Write into a non-empty directory, replacing files with the same paths (others are kept).")
    boolean force;

    @Option(names = "--allow-destructive", description = "With --spec into an app generated before: apply a change that drops "
            + "tables or columns or narrows a type (see autonoma change).")
    boolean allowDestructive;

    @Option(names = "--engine", defaultValue = "offline", paramLabel = "ENGINE",
            description = "offline (default: no network, deterministic) or llm.")
    String engine;

    @Option(names = "--store", defaultValue = "memory", paramLabel = "STORE",
            description = "memory (default: files are written to the output only) or postgres: files, runs and checkpoints "
                    + "in PostgreSQL (JDBC URL from AUTONOMA_DB_URL), so a run can be resumed with --resume.")
    String store;

    @Option(names = "--owner", defaultValue = "autonoma", paramLabel = "NAME",
            description = "postgres store: the owner the runs and files belong to (default ${DEFAULT-VALUE}).")
    String owner;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final summary.")
    boolean quiet;

    @Option(names = "--verify", description = "Run the app's own checks on the files (backend: ruff, ruff format, mypy, pytest; "
            + "frontend: tsc, ESLint) before writing them; dependencies are cached per lockfile in ~/.cache/autonoma/verify. "
            + "The app is written either way; exit code 5 when a check failed, 6 when one could not run (no python3 or node).")
    boolean verify;

    @Option(names = "--next-build", description = "With --verify: also run next build (slow).")
    boolean nextBuild;

    @Option(names = "--checks", split = ",", paramLabel = "CHECK",
            description = "With --verify: run only these checks, e.g. --checks ruff,mypy,pytest (of: ruff, ruff format, mypy, "
                    + "pytest, tsc, eslint, next build).")
    List<String> checks;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "llm engine: OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (the key comes from AUTONOMA_API_KEY).")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "llm engine: the model name, e.g. gpt-4o-mini.")
    String model;

    @Option(names = "--llm-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "llm engine: longest wait for one model answer (default ${DEFAULT-VALUE} s).")
    int llmTimeoutSeconds;

    @Option(names = "--llm-cache", paramLabel = "DIR",
            description = "llm engine: response cache; a re-run of the same generation makes no model calls "
                    + "(default ~/.cache/autonoma/llm).")
    Path llmCache;

    @Option(names = "--max-tokens", defaultValue = "2000000", paramLabel = "N",
            description = "llm engine: hard token budget of the run (default ${DEFAULT-VALUE}).")
    long maxTokens;

    @Option(names = "--max-cost", defaultValue = "5", paramLabel = "USD",
            description = "llm engine: hard cost budget of the run in US dollars (default ${DEFAULT-VALUE}); needs prices.")
    double maxCostUsd;

    @Option(names = "--price-in", defaultValue = "0", paramLabel = "USD", description = "llm engine: price per 1,000 input tokens.")
    double priceIn;

    @Option(names = "--price-out", defaultValue = "0", paramLabel = "USD", description = "llm engine: price per 1,000 output tokens.")
    double priceOut;

    /** Environment lookup; tests replace it. */
    UnaryOperator<String> env = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LlmCallRecord> calls = new CopyOnWriteArrayList<>();
        LlmClient llm = null;
        Autonoma autonoma;
        if (specFile != null && !force && resume == null && Files.isRegularFile(output.resolve(GenerationRecord.PATH))) {
            // an app generated before: the edited spec is a change, with the user's edits and data kept
            ChangeCommand change = new ChangeCommand();
            change.spec = spec;
            change.app = output;
            change.specFile = specFile;
            change.allowDestructive = allowDestructive;
            change.quiet = quiet;
            return change.call();
        }
        try {
            checkArguments();
            checkOutputDirectory();
            llm = llm() ? llmClient(calls) : null;
            autonoma = autonoma(llm);
        } catch (AutonomaException | IllegalArgumentException | IllegalStateException e) {
            if (llm != null) {
                llm.close();
            }
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        ProgressPrinter progress = new ProgressPrinter(out, quiet);
        try (LlmClient closeLlm = llm; autonoma) {
            RunHandle run;
            try {
                run = resume != null ? autonoma.resume(resume, progress) : autonoma.start(request(autonoma), progress);
            } catch (AutonomaException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (durable()) {
                out.printf("%s run %s (resume it with: autonoma generate --resume %s -o %s)%n",
                        resume != null ? "Resuming" : "Recording", run.runId(), run.runId(), output);
                out.flush();
            }
            GenerationResult result = awaitCancellingOnExit(run);
            if (llm != null) {
                long cached = calls.stream().filter(LlmCallRecord::cached).count();
                out.printf("Model usage: %d tokens, $%.4f; %d model request(s), %d answered from the cache (%s).%n",
                        result.tokensSpent(), result.costMicros() / 1e6, llm.modelCalls(), cached, cacheDir());
            }
            if (!result.succeeded()) {
                err.println("error: generation " + result.status().name().toLowerCase() + ": "
                        + result.error().orElse("no reason given") + "; nothing was written to " + output
                        + (durable() ? "; resume it with: autonoma generate --resume " + result.runId() + " -o " + output : ""));
                return GENERATION_FAILED;
            }
            // what was understood, before anything is written
            result.spec().ifPresent(s -> printSummary(out, s, quiet));
            int files = autonoma.export(result.projectId(), output);
            out.printf("%nWrote %d files to %s in %.1f s.%n", files, output, result.duration().toMillis() / 1000.0);
            int code = verify ? VerifyTable.print(result, "offline".equals(engine), out, err) : 0;
            out.printf("Next: see %s/README.md (backend: uvicorn, frontend: npm run dev).%n", output);
            out.flush();
            return code;
        } catch (AutonomaException e) {
            err.println("error: " + e.getMessage());
            return GENERATION_FAILED;
        }
    }

    /** The spec summary: whole, or in quiet mode the app line and what is not built. */
    static void printSummary(PrintWriter out, io.autonoma.core.spec.AppSpec spec, boolean quiet) {
        io.autonoma.agents.analyst.SpecSummary summary = io.autonoma.agents.analyst.SpecSummary.of(spec);
        if (quiet) {
            out.printf("App '%s' with %d entities: %s%n", spec.name(), spec.entities().size(),
                    String.join(", ", spec.entities().stream().map(e -> e.name()).toList()));
            summary.notBuilt().forEach(c -> out.printf("Capability %s on %s is not built yet: kept in app-spec.json, the app "
                    + "is generated without it.%n", c.type().json(), c.entity()));
        } else {
            out.println();
            summary.lines().forEach(out::println);
        }
    }

    private boolean llm() {
        return engine.equals(LlmEngine.NAME);
    }

    private boolean durable() {
        return resume != null || store.equals("postgres");
    }

    private void checkArguments() {
        if (!engine.equals("offline") && !llm()) {
            throw new IllegalArgumentException("unknown engine '" + engine + "'; use --engine offline or --engine llm");
        }
        if (!store.equals("memory") && !store.equals("postgres")) {
            throw new IllegalArgumentException("unknown store '" + store + "'; use --store memory or --store postgres");
        }
        if (llm()) {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("--engine llm needs --base-url, the OpenAI-compatible endpoint, "
                        + "e.g. --base-url http://127.0.0.1:8080/v1");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--engine llm needs --model, e.g. --model gpt-4o-mini");
            }
            if (maxTokens < 1 || maxCostUsd <= 0 || priceIn < 0 || priceOut < 0 || llmTimeoutSeconds < 1) {
                throw new IllegalArgumentException("--max-tokens, --max-cost and --llm-timeout must be positive, prices >= 0");
            }
        } else if (baseUrl != null || model != null) {
            throw new IllegalArgumentException("--base-url and --model are for --engine llm");
        }
        if (checks != null) {
            if (!verify) {
                throw new IllegalArgumentException("--checks selects the checks of --verify; add --verify");
            }
            VerifyCommand.verifier(false, checks); // names the unknown check
        }
        if (resume != null && (prompt != null || specFile != null)) {
            throw new IllegalArgumentException("--resume continues a recorded run with its own prompt or spec; give no PROMPT or --spec with it");
        }
        if (specFile != null) {
            if (prompt != null) {
                throw new IllegalArgumentException("give either a PROMPT or --spec FILE, not both");
            }
            if (!Files.isRegularFile(specFile)) {
                throw new IllegalArgumentException("spec file " + specFile + " does not exist or is not a file");
            }
        } else if (resume == null && (prompt == null || prompt.isBlank())) {
            throw new IllegalArgumentException("the prompt is empty; describe the app, e.g. "
                    + "autonoma generate \"a todo app with tasks that have a title and a due date\" -o todo");
        }
    }

    /** Flags → {@link Autonoma#builder()}: engine, budget and, for a durable run, the PostgreSQL store and run store. */
    private Autonoma autonoma(LlmClient llm) {
        Autonoma.Builder b = Autonoma.builder();
        if (verify) {
            b.verify(VerifyCommand.verifier(nextBuild, checks));
        }
        if (llm != null) {
            b.engine(LlmEngine.builder().client(llm).build()).budget(Budget.of(maxTokens, Math.round(maxCostUsd * 1_000_000)));
        }
        if (durable()) {
            String url = env.apply(DB_URL_ENV);
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException((resume != null ? "--resume" : "--store postgres") + " records runs in PostgreSQL: "
                        + "set the environment variable " + DB_URL_ENV + " to its JDBC URL (never a flag: it holds the password), "
                        + "e.g. export " + DB_URL_ENV + "='jdbc:postgresql://127.0.0.1:5432/autonoma?user=...&password=...'");
            }
            b.store(PostgresArtifactStore.builder().jdbcUrl(url.strip()).ownerId(owner).migrate(true).build())
                    .runs(PostgresRuns.builder().jdbcUrl(url.strip()).ownerId(owner).build());
        }
        return b.build();
    }

    /** The request through the boundary; a durable run gets its own project, named after the run. */
    private GenerationRequest request(Autonoma autonoma) {
        GenerationRequest request = specFile != null ? autonoma.request(AppSpecJson.read(specFile)) : autonoma.request(prompt);
        if (!durable()) {
            return request;
        }
        String runId = UUID.randomUUID().toString();
        return request.toBuilder().projectId(runId).option(CheckpointStore.RUN_ID_OPTION, runId).build();
    }

    /** The model client: key only from AUTONOMA_API_KEY, fail-fast connection, on-disk cache, call records. */
    private LlmClient llmClient(List<LlmCallRecord> calls) {
        String key = LlmEngine.apiKey(env);
        return LlmEngine.openAiCompatibleClient(baseUrl, key, model, Duration.ofSeconds(llmTimeoutSeconds),
                LlmPricing.perThousand(priceIn, priceOut), LlmResponseCache.onDisk(cacheDir()), calls::add);
    }

    private static GenerationResult awaitCancellingOnExit(RunHandle run) {
        Thread hook = new Thread(run::cancel, "autonoma-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        GenerationResult result = run.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook cancels the run
        }
        return result;
    }

    private Path cacheDir() {
        if (llmCache != null) {
            return llmCache;
        }
        return Path.of(System.getProperty("user.home"), ".cache", "autonoma", "llm");
    }

    /**
     * Checks the output without writing to it: a failed generation must leave no trace, not even an
     * empty directory or a probe file (the directory is created by the export after success).
     */
    private void checkOutputDirectory() {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("output " + output + " exists and is not a directory");
        }
        if (Files.isDirectory(output) && !force) {
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("output directory " + output
                            + " is not empty; choose another directory, pass --force to replace generated files, or change "
                            + "an app generated before with: autonoma change " + output + " \"<what to change>\"");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read output directory " + output + ": " + e.getMessage());
            }
        }
        Path existing = output.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        String problem = !Files.isDirectory(existing) ? existing + " is not a directory"
                : !Files.isWritable(existing) ? existing + " is not writable" : null;
        if (problem != null) {
            throw new IllegalArgumentException("cannot write to output directory " + output + " (" + problem
                    + "); choose a writable directory");
        }
    }
}
