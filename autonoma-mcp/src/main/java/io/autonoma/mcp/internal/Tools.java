package io.autonoma.mcp.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.analyst.SpecSummary;
import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeRequest;
import io.autonoma.agents.change.ChangeResult;
import io.autonoma.agents.change.DestructiveChangeException;
import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.InvalidSpecException;
import io.autonoma.mcp.McpProjects;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The tools of one owner's server. Arguments are checked here (the SDK's schema validation aside) and bad ones are a
 * JSON-RPC error {@code -32602} with a message that says what to fix; a project of another owner is unknown. Long tools
 * (generate, change, verify) send progress notifications when the client gave a progress token, and stop when the
 * client cancels the request.
 */
public final class Tools {
    /** The tools that run long enough to be cancelled. */
    public static final Set<String> LONG = Set.of("generate_app");

    private static final ObjectMapper JSON = AppSpecJson.mapper();
    private static final int MAX_EXPORT_BYTES = 50 << 20;

    private final Autonoma autonoma;
    private final String owner;
    private final McpProjects projects;
    private final Verifier verifier;
    private final Cancellations cancellations;
    private final Function<McpSyncServerExchange, String> session;
    private final Consumer<McpProjects.Run> onFiles;

    public Tools(Autonoma autonoma, String owner, McpProjects projects, Verifier verifier, Cancellations cancellations,
            Function<McpSyncServerExchange, String> session, Consumer<McpProjects.Run> onFiles) {
        this.autonoma = autonoma;
        this.owner = owner;
        this.projects = projects;
        this.verifier = verifier;
        this.cancellations = cancellations;
        this.session = session;
        this.onFiles = onFiles;
    }

    public List<SyncToolSpecification> all() {
        int max = autonoma.maxPromptChars();
        List<SyncToolSpecification> out = new ArrayList<>();
        out.add(tool("plan_app", "Plan an app",
                "Read a plain-language app description and say what would be built, without building it: the entities with "
                        + "their fields, the relations, the roles, the behaviour asked for (and whether it is built yet), the "
                        + "assumptions made and a confidence. Fast; nothing is stored. Pass the returned spec to generate_app to "
                        + "build exactly that.",
                schema(Map.of("prompt", Map.of("type", "string", "minLength", 1, "maxLength", max,
                        "description", "The app in plain language, e.g. 'a CRM with companies, contacts and deals'")), List.of("prompt")),
                true, this::plan));
        out.add(tool("generate_app", "Generate an app",
                "Generate a full-stack web app (FastAPI + PostgreSQL backend, Next.js frontend, tests, deployment) from a "
                        + "plain-language prompt or from an AppSpec (as plan_app returns it). Takes seconds to minutes; sends "
                        + "progress notifications as the agents finish; honours cancellation (or cancel_run). Returns the project id to read "
                        + "files with (list_files, read_file, the resources autonoma://projects/{id}/files/{path}) and to "
                        + "change, verify or export the app.",
                schema(Map.of("prompt", Map.of("type", "string", "minLength", 1, "maxLength", max,
                                "description", "The app in plain language; give this or spec"),
                        "spec", Map.of("type", "object", "description", "An AppSpec (plan_app's 'spec'); give this or prompt")),
                        List.of()), false, this::generate));
        out.add(tool("change_app", "Change an app",
                "Change an app generated before in words, e.g. 'add a phone number to contacts' or 'rename deals to "
                        + "opportunities': the spec is changed, the app regenerated, and a database migration that keeps the "
                        + "data is added. A change that would drop data is refused unless allow_destructive is true. Sends "
                        + "progress notifications.",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project generate_app returned"),
                        "request", Map.of("type", "string", "minLength", 1, "maxLength", max, "description", "What to change"),
                        "allow_destructive", Map.of("type", "boolean", "description", "Go ahead when the change drops data "
                                + "(columns, tables); default false")), List.of("project_id", "request")), false, this::change));
        out.add(tool("verify_app", "Verify an app",
                "Run the app's own checks on its files in a sandbox (no network, no secrets): backend ruff, ruff format, "
                        + "mypy, pytest; frontend tsc, ESLint. Dependencies are cached; the first run installs them. Reports "
                        + "each check passed, failed (with the first failures) or not verified (toolchain missing).",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project to verify"),
                        "checks", Map.of("type", "array", "items", Map.of("type", "string", "enum", Verifier.CHECKS),
                                "description", "Only these checks; default all but next build")), List.of("project_id")),
                false, this::verify));
        out.add(tool("get_run", "Get a run",
                "The status of a project's latest run (running, succeeded, failed, cancelled), the events so far, the "
                        + "files written, the tokens and cost spent.",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project (or give run_id)"),
                        "run_id", Map.of("type", "string", "description", "The run")), List.of()), true, this::getRun));
        out.add(tool("cancel_run", "Cancel a run",
                "Stop a running generation: agents not yet started never start, running ones are asked to stop.",
                schema(Map.of("run_id", Map.of("type", "string", "description", "The run to stop")), List.of("run_id")),
                false, this::cancelRun));
        out.add(tool("list_files", "List an app's files",
                "The files of a generated app: path, size, MIME type and resource URI.",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project"),
                        "prefix", Map.of("type", "string", "description", "Only paths starting with this, e.g. 'backend/'")),
                        List.of("project_id")), true, this::listFiles));
        out.add(tool("read_file", "Read a file of an app",
                "The content of one file of a generated app (text, or base64 for binary files).",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project"),
                        "path", Map.of("type", "string", "description", "Project-relative path, e.g. 'backend/app/main.py'")),
                        List.of("project_id", "path")), true, this::readFile));
        out.add(tool("export_app", "Export an app as a zip",
                "The whole app as a zip archive (base64, application/zip), to unpack and run.",
                schema(Map.of("project_id", Map.of("type", "string", "description", "The project")), List.of("project_id")),
                true, this::export));
        return out;
    }

    private SyncToolSpecification tool(String name, String title, String description, Map<String, Object> inputSchema,
            boolean readOnly, BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description).inputSchema(inputSchema)
                .annotations(new McpSchema.ToolAnnotations(title, readOnly, !readOnly && name.equals("change_app"), false, false, null))
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            try {
                return handler.apply(exchange, request);
            } catch (McpError e) {
                throw e;
            } catch (IllegalArgumentException | UnsafePathException | PromptGuard.RejectedPromptException e) {
                throw invalid(e.getMessage());
            }
        }).build();
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", new java.util.TreeMap<>(properties));
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    // ---- tools

    private CallToolResult plan(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("prompt"));
        String prompt = string(args, "prompt", true);
        AppSpec spec = autonoma.plan(prompt);
        SpecSummary summary = SpecSummary.of(spec);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("app", spec.name());
        structured.put("entities", spec.entities().stream().map(e -> e.name()).toList());
        structured.put("confidence", summary.confidence());
        structured.put("spec", specMap(spec));
        return CallToolResult.builder().addTextContent(String.join("\n", summary.lines())).structuredContent(structured).build();
    }

    private CallToolResult generate(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("prompt", "spec"));
        String prompt = string(args, "prompt", false);
        Object specArg = args.get("spec");
        if ((prompt == null) == (specArg == null)) {
            throw invalid("give exactly one of 'prompt' (the app in words) or 'spec' (an AppSpec object, as plan_app returns it)");
        }
        GenerationRequest base;
        if (specArg != null) {
            if (!(specArg instanceof Map)) {
                throw invalid("'spec' must be an AppSpec object, as plan_app returns it");
            }
            AppSpec spec;
            try {
                spec = AppSpecJson.read(JSON.writeValueAsString(specArg));
            } catch (InvalidSpecException e) {
                throw invalid("'spec' is not a valid AppSpec: " + String.join("; ", e.problems()));
            } catch (IOException e) {
                throw invalid("'spec' cannot be read: " + e.getMessage());
            }
            base = autonoma.request(spec);
        } else {
            base = autonoma.request(prompt);
        }
        String projectId = "app-" + UUID.randomUUID();
        Object token = progressToken(request);
        Progress progress = new Progress(exchange, token);
        List<GenerationEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        RunHandle handle = autonoma.start(base.toBuilder().projectId(projectId).build(), event -> {
            events.add(event);
            progress.on(event);
        });
        McpProjects.Run run = projects.add(projectId, owner, handle.runId(), handle.result(), handle::cancel, events, Instant.now(), List.of());
        GenerationResult result = awaitCancellable(exchange, token, handle);
        if (result.succeeded()) {
            onFiles.accept(run);
        }
        return runResult(run, result, "Generated");
    }

    private CallToolResult change(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id", "request", "allow_destructive"));
        McpProjects.Run before = project(args);
        String text = string(args, "request", true);
        Object allow = args.get("allow_destructive");
        if (allow != null && !(allow instanceof Boolean)) {
            throw invalid("'allow_destructive' must be true or false");
        }
        if (before.result().isEmpty()) {
            throw invalid("project '" + before.projectId() + "' is still being generated (run " + before.runId()
                    + "); wait for it (get_run) before changing it");
        }
        if (!before.result().get().succeeded()) {
            throw invalid("project '" + before.projectId() + "' did not generate (" + before.result().get().status()
                    + "); generate it again before changing it");
        }
        PromptGuard.Result guarded = PromptGuard.withMaxChars(autonoma.maxPromptChars()).check(text);
        ChangeRequest change = ChangeRequest.of(guarded.prompt());
        if (Boolean.TRUE.equals(allow)) {
            change = change.allowingDestructive();
        }
        Object token = progressToken(request);
        Progress progress = new Progress(exchange, token);
        List<GenerationEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Path dir = tempDir();
        try {
            autonoma.export(before.projectId(), dir);
            for (String gone : before.deleted()) {
                Files.deleteIfExists(ArtifactPaths.resolveInside(dir, gone));
            }
            ChangeResult result;
            try {
                result = autonoma.change(dir, change, event -> {
                    events.add(event);
                    progress.on(event);
                });
            } catch (DestructiveChangeException e) {
                return CallToolResult.builder().isError(true).addTextContent("Refused: the change would lose data: "
                        + String.join("; ", e.losses()) + ". Nothing was changed; call change_app again with allow_destructive "
                        + "true to go ahead.").structuredContent(Map.of("status", "refused", "losses", e.losses())).build();
            }
            if (result.delta().isEmpty()) {
                return CallToolResult.builder().addTextContent("Nothing to change: the request asks for nothing the app does not "
                        + "already have.").structuredContent(Map.of("status", "unchanged", "project_id", before.projectId())).build();
            }
            List<String> deleted = new ArrayList<>(before.deleted());
            if (result.succeeded()) {
                for (ChangePlan.Step step : result.plan().steps()) {
                    if (step.action().writes()) {
                        autonoma.store().put(before.projectId(), step.path(), step.content(), "change");
                        deleted.remove(step.path());
                    } else if (step.action() == ChangePlan.Action.DELETE || step.action() == ChangePlan.Action.KEEP_REMOVED) {
                        deleted.add(step.path());
                    }
                }
            }
            GenerationResult generation = result.generation();
            McpProjects.Run run = projects.add(before.projectId(), owner, generation.runId(),
                    CompletableFuture.completedFuture(generation), () -> {}, events, Instant.now(), deleted);
            if (result.succeeded()) {
                onFiles.accept(run);
            }
            CallToolResult generated = runResult(run, generation, "Changed");
            List<String> lines = new ArrayList<>();
            result.delta().changes().forEach(c -> lines.add("  " + c.describe()));
            result.migration().ifPresent(m -> lines.add("  migration " + m));
            String summary = ((McpSchema.TextContent) generated.content().get(0)).text() + "\nWhat changed:\n" + String.join("\n", lines);
            return CallToolResult.builder().isError(generated.isError()).addTextContent(summary)
                    .structuredContent(generated.structuredContent()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare project '" + before.projectId() + "' for the change", e);
        } finally {
            deleteTree(dir);
        }
    }

    private CallToolResult verify(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id", "checks"));
        McpProjects.Run run = finished(project(args));
        Verifier v = verifier;
        Object checks = args.get("checks");
        if (checks != null) {
            if (!(checks instanceof List<?> list) || list.stream().anyMatch(c -> !(c instanceof String))) {
                throw invalid("'checks' must be a list of check names, e.g. [\"mypy\", \"pytest\"]; the checks are " + Verifier.CHECKS);
            }
            v = verifier.only(list.stream().map(String::valueOf).toList());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Set<String> deleted = run.deleted();
        for (Artifact a : autonoma.store().list(run.projectId())) {
            if (!deleted.contains(a.path())) files.put(a.path(), a.content());
        }
        Object token = progressToken(request);
        AtomicInteger done = new AtomicInteger();
        List<CheckResult> results = v.verifyFiles(files, r -> {
            if (Cancellations.clientAsked(token)) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, done.incrementAndGet(), null,
                        r.check() + " " + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + (r.counts().isBlank() ? "" : " (" + r.counts() + ")")));
            }
        });
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> structured = new ArrayList<>();
        for (CheckResult r : results) {
            String status = r.status().name().toLowerCase(Locale.ROOT);
            lines.add(String.format(Locale.ROOT, "%-12s %-13s %6.1fs  %s", r.check(), status.replace('_', ' '), r.durationMillis() / 1000.0, r.counts()));
            if (!r.excerpt().isBlank() && !r.passed()) {
                r.excerpt().lines().limit(30).forEach(l -> lines.add("    | " + l));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", r.check());
            m.put("status", status);
            m.put("counts", r.counts());
            m.put("duration_ms", r.durationMillis());
            m.put("excerpt", r.excerpt());
            m.put("isolation", r.isolation());
            structured.add(m);
        }
        long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAILED).count();
        long notVerified = results.stream().filter(r -> r.status() == CheckResult.Status.NOT_VERIFIED).count();
        String verdict = results.isEmpty() ? "not verified: the app has no backend or frontend to check"
                : failed > 0 ? failed + " check(s) failed" : notVerified > 0 ? notVerified + " check(s) could not run (not verified)"
                : "all " + results.size() + " checks passed";
        return CallToolResult.builder().addTextContent("Verification of project " + run.projectId() + ": " + verdict + "\n"
                + String.join("\n", lines)).structuredContent(Map.of("project_id", run.projectId(), "verdict", verdict,
                "checks", structured)).build();
    }

    private CallToolResult getRun(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id", "run_id"));
        String runId = string(args, "run_id", false);
        McpProjects.Run run;
        if (runId != null) {
            run = projects.run(owner, runId).orElseThrow(() -> invalid("unknown run '" + runId + "': no run of yours has this id"));
        } else if (args.get("project_id") != null) {
            run = project(args);
        } else {
            throw invalid("give 'project_id' or 'run_id'");
        }
        List<GenerationEvent> events = run.events();
        List<String> lines = new ArrayList<>();
        for (GenerationEvent e : events) {
            describe(e).ifPresent(lines::add);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_id", run.projectId());
        m.put("run_id", run.runId());
        m.put("status", run.result().map(r -> r.status().name().toLowerCase(Locale.ROOT)).orElse("running"));
        m.put("events", events.size());
        run.result().ifPresent(r -> {
            m.put("files", r.files().size());
            m.put("tokens", r.tokensSpent());
            m.put("cost_usd", r.costMicros() / 1e6);
            m.put("duration_ms", r.duration().toMillis());
            r.error().ifPresent(err -> m.put("error", err));
        });
        List<String> recent = lines.size() > 60 ? lines.subList(lines.size() - 60, lines.size()) : lines;
        return CallToolResult.builder().addTextContent("Run " + run.runId() + " of project " + run.projectId() + ": " + m.get("status")
                + "\n" + String.join("\n", recent)).structuredContent(m).build();
    }

    private CallToolResult cancelRun(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("run_id"));
        String runId = string(args, "run_id", true);
        McpProjects.Run run = projects.run(owner, runId).orElseThrow(() -> invalid("unknown run '" + runId + "': no run of yours has this id"));
        if (run.result().isPresent()) {
            return CallToolResult.builder().addTextContent("Run " + runId + " has already ended ("
                    + run.result().get().status().name().toLowerCase(Locale.ROOT) + ").").build();
        }
        run.cancel();
        return CallToolResult.builder().addTextContent("Run " + runId + " is being cancelled.").build();
    }

    private CallToolResult listFiles(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id", "prefix"));
        McpProjects.Run run = project(args);
        String prefix = string(args, "prefix", false);
        List<Map<String, Object>> files = new ArrayList<>();
        Set<String> deleted = run.deleted();
        for (Artifact a : autonoma.store().list(run.projectId())) {
            if (deleted.contains(a.path()) || (prefix != null && !a.path().startsWith(prefix))) continue;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", a.path());
            f.put("size", a.content().length);
            f.put("mime_type", MimeTypes.of(a.path()));
            f.put("uri", Resources.fileUri(run.projectId(), a.path()));
            files.add(f);
        }
        StringBuilder text = new StringBuilder(files.size() + " file(s) in project " + run.projectId() + ":\n");
        files.forEach(f -> text.append(f.get("path")).append("  (").append(f.get("size")).append(" bytes)\n"));
        return CallToolResult.builder().addTextContent(text.toString()).structuredContent(Map.of("project_id", run.projectId(),
                "files", files)).build();
    }

    private CallToolResult readFile(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id", "path"));
        McpProjects.Run run = project(args);
        String path = ArtifactPaths.normalize(string(args, "path", true));
        Artifact a = file(run, path).orElseThrow(() -> invalid("project '" + run.projectId() + "' has no file '" + path
                + "'; list_files names them"));
        String mime = MimeTypes.of(path);
        String uri = Resources.fileUri(run.projectId(), path);
        if (MimeTypes.isText(mime)) {
            return CallToolResult.builder().addTextContent(new String(a.content(), StandardCharsets.UTF_8)).build();
        }
        return CallToolResult.builder().addContent(new McpSchema.EmbeddedResource(null,
                new McpSchema.BlobResourceContents(uri, mime, Base64.getEncoder().encodeToString(a.content())))).build();
    }

    private CallToolResult export(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> args = args(request, Set.of("project_id"));
        McpProjects.Run run = finished(project(args));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> deleted = run.deleted();
        int count = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Artifact a : autonoma.store().list(run.projectId())) {
                if (deleted.contains(a.path())) continue;
                zip.putNextEntry(new ZipEntry(a.path()));
                zip.write(a.content());
                zip.closeEntry();
                count++;
                if (bytes.size() > MAX_EXPORT_BYTES) {
                    throw invalid("project '" + run.projectId() + "' is larger than " + (MAX_EXPORT_BYTES >> 20)
                            + " MiB zipped; read its files one by one");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String uri = "autonoma://projects/" + run.projectId() + "/export.zip";
        return CallToolResult.builder()
                .addTextContent("Project " + run.projectId() + ": " + count + " files, " + bytes.size() + " bytes zipped.")
                .addContent(new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents(uri, "application/zip",
                        Base64.getEncoder().encodeToString(bytes.toByteArray())))).build();
    }

    // ---- helpers

    /** The file at {@code path} of the project when the project has it (not removed by a change). */
    public java.util.Optional<Artifact> file(McpProjects.Run run, String path) {
        if (run.deleted().contains(path)) return java.util.Optional.empty();
        return autonoma.store().get(run.projectId(), path);
    }

    private GenerationResult awaitCancellable(McpSyncServerExchange exchange, Object token, RunHandle handle) {
        try (AutoCloseable registration = cancellations.register(session.apply(exchange), token, handle::cancel)) {
            return handle.result().join();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private CallToolResult runResult(McpProjects.Run run, GenerationResult result, String verb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_id", run.projectId());
        m.put("run_id", result.runId());
        m.put("status", result.status().name().toLowerCase(Locale.ROOT));
        m.put("files", result.files().size());
        result.spec().ifPresent(s -> {
            m.put("app", s.name());
            m.put("entities", s.entities().stream().map(e -> e.name()).toList());
        });
        m.put("duration_ms", result.duration().toMillis());
        m.put("tokens", result.tokensSpent());
        m.put("cost_usd", result.costMicros() / 1e6);
        result.error().ifPresent(e -> m.put("error", e));
        if (!result.succeeded()) {
            return CallToolResult.builder().isError(true).addTextContent("The run " + result.status().name().toLowerCase(Locale.ROOT)
                    + (result.failedAgent().map(a -> " in agent '" + a + "'").orElse("")) + ": " + result.error().orElse("no reason given")
                    + " (project " + run.projectId() + ", run " + result.runId() + "; get_run shows its events)").structuredContent(m).build();
        }
        String app = result.spec().map(s -> "app '" + s.name() + "' with " + s.entities().size() + " entities ("
                + String.join(", ", s.entities().stream().map(e -> e.name()).toList()) + ")").orElse("the app");
        return CallToolResult.builder().addTextContent(String.format(Locale.ROOT, "%s %s: project %s, run %s, %d files in %.1f s. "
                        + "Read them with list_files/read_file or the resources autonoma://projects/%s/files/{path}; "
                        + "verify_app runs their checks; export_app gives a zip.", verb, app, run.projectId(), result.runId(),
                result.files().size(), result.duration().toMillis() / 1000.0, run.projectId())).structuredContent(m).build();
    }

    private static java.util.Optional<String> describe(GenerationEvent e) {
        if (e instanceof GenerationEvent.AgentFinished f) return java.util.Optional.of(f.agent() + ": done — " + f.summary());
        if (e instanceof GenerationEvent.AgentFailed f) return java.util.Optional.of(f.agent() + ": FAILED — " + f.error());
        if (e instanceof GenerationEvent.AgentStarted s) return java.util.Optional.of(s.agent() + ": started");
        if (e instanceof GenerationEvent.CheckFinished c) return java.util.Optional.of(c.agent() + ": " + c.check() + " " + c.status());
        if (e instanceof GenerationEvent.RunFinished r) return java.util.Optional.of("run " + r.status() + (r.message().isBlank() ? "" : ": " + r.message()));
        return java.util.Optional.empty();
    }

    private McpProjects.Run project(Map<String, Object> args) {
        String id = string(args, "project_id", true);
        return projects.project(owner, id).orElseThrow(() -> invalid("unknown project '" + id
                + "': no project of yours has this id (generate_app returns one)"));
    }

    private static McpProjects.Run finished(McpProjects.Run run) {
        if (run.result().isEmpty()) {
            throw invalid("project '" + run.projectId() + "' is still being generated (run " + run.runId() + "); wait for it (get_run)");
        }
        return run;
    }

    private static Object progressToken(CallToolRequest request) {
        return request.meta() == null ? null : request.meta().get("progressToken");
    }

    private static Map<String, Object> args(CallToolRequest request, Set<String> allowed) {
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        for (String k : args.keySet()) {
            if (!allowed.contains(k)) {
                throw invalid("unknown argument '" + k + "' for " + request.name() + "; it takes " + new java.util.TreeSet<>(allowed));
            }
        }
        return args;
    }

    private static String string(Map<String, Object> args, String name, boolean required) {
        Object v = args.get(name);
        if (v == null) {
            if (required) throw invalid("'" + name + "' is required");
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid("'" + name + "' must be a string");
        }
        if (s.isBlank()) {
            throw invalid("'" + name + "' must not be blank");
        }
        return s;
    }

    private static Map<String, Object> specMap(AppSpec spec) {
        try {
            return JSON.readValue(AppSpecJson.write(spec), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("autonoma-mcp-change-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the change", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing a finished change for
        }
    }

    /** Progress notifications of one tool call: one per finished agent, out of the run's agents. */
    private static final class Progress {
        private final McpSyncServerExchange exchange;
        private final Object token;
        private final AtomicInteger done = new AtomicInteger();
        private volatile int total;

        Progress(McpSyncServerExchange exchange, Object token) {
            this.exchange = exchange;
            this.token = token;
        }

        void on(GenerationEvent event) {
            if (!Cancellations.clientAsked(token)) return;
            String message = null;
            if (event instanceof GenerationEvent.RunStarted s) {
                total = s.agents().size();
                message = "project " + s.projectId() + ", run " + s.runId() + " started: " + String.join(", ", s.agents());
            } else if (event instanceof GenerationEvent.AgentFinished f) {
                done.incrementAndGet();
                message = f.agent() + " done";
            } else if (event instanceof GenerationEvent.AgentFailed f && !f.willRetry()) {
                message = f.agent() + " failed";
            }
            if (message != null) {
                try {
                    exchange.progressNotification(new McpSchema.ProgressNotification(token, done.get(),
                            total > 0 ? (double) total : null, message));
                } catch (RuntimeException gone) {
                    // the client went away; the run goes on and its result is kept
                }
            }
        }
    }
}
