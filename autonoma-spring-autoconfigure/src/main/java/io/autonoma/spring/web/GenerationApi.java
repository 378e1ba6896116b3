package io.autonoma.spring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.agents.change.ChangeRequest;
import io.autonoma.core.change.SpecChange;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.ProjectChange;
import io.autonoma.spring.web.internal.ApiException;
import io.autonoma.spring.web.internal.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request and response bodies of the REST API under {@code /api/generations}, as records.
 * Errors are RFC 9457 problem details ({@link GenerationApiExceptionHandler}).
 */
public final class GenerationApi {
    private GenerationApi() {}

    /**
     * {@code POST /api/generations}: {@code {"prompt": "..."}} or {@code {"spec": {...AppSpec...}}}, exactly one.
     * {@link #from(JsonNode)} reads it and says precisely what is wrong otherwise.
     */
    public record StartRequest(Optional<String> prompt, Optional<AppSpec> spec) {

        /**
         * @throws ApiException (400 {@code bad_request}) for anything but an object with exactly one of the two
         *     fields, a prompt that is not a string or a spec that is not an object
         * @throws io.autonoma.core.spec.InvalidSpecException for a spec that is not a valid AppSpec
         */
        public static StartRequest from(JsonNode body) {
            if (!body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object: {\"prompt\": \"...\"} or {\"spec\": {...}}");
            }
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("prompt") && !f.equals("spec")) {
                    throw new ApiException(400, "bad_request", "unknown field '" + f + "'; send {\"prompt\": \"...\"} or {\"spec\": {...}}",
                            List.of(f + ": unknown field"));
                }
            }
            boolean hasPrompt = body.has("prompt") && !body.get("prompt").isNull();
            boolean hasSpec = body.has("spec") && !body.get("spec").isNull();
            if (hasPrompt == hasSpec) {
                throw ApiException.badRequest(hasPrompt ? "give either a prompt or a spec, not both"
                        : "the body needs a prompt, e.g. {\"prompt\": \"a todo app where tasks have a title\"}, or an app spec as {\"spec\": {...}}");
            }
            if (hasPrompt) {
                JsonNode p = body.get("prompt");
                if (!p.isTextual()) {
                    throw new ApiException(400, "bad_request", "prompt must be a string", List.of("prompt: must be a string"));
                }
                return new StartRequest(Optional.of(p.asText()), Optional.empty());
            }
            JsonNode s = body.get("spec");
            if (!s.isObject()) {
                throw new ApiException(400, "invalid_spec", "spec must be a JSON object (an AppSpec)", List.of("spec: must be an object"));
            }
            return new StartRequest(Optional.empty(), Optional.of(AppSpecJson.read(Json.write(s))));
        }
    }

    /**
     * {@code POST /api/generations/{id}/changes}: {@code {"change": "..."}} (a request in plain language, read by the
     * engine's change reader) or {@code {"spec": {...AppSpec...}}} (the spec the app should have now), exactly one, and
     * optionally {@code "allowDestructive": true} to let the change drop tables or columns.
     */
    public record ChangeBody(ChangeRequest request) {

        /**
         * @throws ApiException (400 {@code bad_request}) for anything but an object with exactly one of
         *     {@code change} and {@code spec}, a change that is not a non-blank string, a spec that is not an object,
         *     or an {@code allowDestructive} that is not a boolean
         * @throws io.autonoma.core.spec.InvalidSpecException for a spec that is not a valid AppSpec
         */
        public static ChangeBody from(JsonNode body) {
            String shape = "send {\"change\": \"give tasks a due date\"} or {\"spec\": {...}}, optionally with \"allowDestructive\": true";
            if (!body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object: " + shape);
            }
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("change") && !f.equals("spec") && !f.equals("allowDestructive")) {
                    throw new ApiException(400, "bad_request", "unknown field '" + f + "'; " + shape, List.of(f + ": unknown field"));
                }
            }
            boolean hasChange = body.has("change") && !body.get("change").isNull();
            boolean hasSpec = body.has("spec") && !body.get("spec").isNull();
            if (hasChange == hasSpec) {
                throw ApiException.badRequest(hasChange ? "give either a change or a spec, not both" : "the body needs a change; " + shape);
            }
            boolean allow = false;
            JsonNode a = body.get("allowDestructive");
            if (a != null && !a.isNull()) {
                if (!a.isBoolean()) {
                    throw new ApiException(400, "bad_request", "allowDestructive must be true or false",
                            List.of("allowDestructive: must be a boolean"));
                }
                allow = a.asBoolean();
            }
            ChangeRequest request;
            if (hasChange) {
                JsonNode c = body.get("change");
                if (!c.isTextual() || c.asText().isBlank()) {
                    throw new ApiException(400, "bad_request", "change must be a non-blank string, e.g. \"give tasks a due date\"",
                            List.of("change: must be a non-blank string"));
                }
                request = ChangeRequest.of(c.asText());
            } else {
                JsonNode s = body.get("spec");
                if (!s.isObject()) {
                    throw new ApiException(400, "invalid_spec", "spec must be a JSON object (an AppSpec)", List.of("spec: must be an object"));
                }
                request = ChangeRequest.to(AppSpecJson.read(Json.write(s)));
            }
            return new ChangeBody(allow ? request.allowingDestructive() : request);
        }
    }

    /** One path in {@link Changed}: {@code action} is one of {@code create}, {@code update}, {@code keep}, {@code merge},
     * {@code conflict}, {@code delete}, {@code keep_removed}, {@code keep_deleted}; {@code version} the store's now. */
    public record ChangedFile(String path, String action, int version) {}

    /**
     * 200 answer to a change. {@code status}: {@code succeeded}, {@code conflicted} (files written with conflict
     * markers, listed in {@code conflicts}), {@code unchanged} (the request changes nothing; no run) or {@code failed}
     * (the generation failed; nothing written, {@code error} says why). {@code delta}: each step of the spec delta in
     * words; {@code losses}: what those steps drop (only when the change was allowed to); {@code noLongerGenerated}:
     * paths the new spec does not generate, still in the store (it deletes nothing); {@code migration}: the path of the
     * new Alembic revision, when the schema changed; {@code runId} and {@code links}: the change's run (absent when
     * unchanged), served like a generation's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(String projectId, String status, String runId, List<String> delta, List<String> losses,
                          List<ChangedFile> files, List<String> conflicts, List<String> noLongerGenerated, String migration,
                          String error, Links links) {
        static Changed of(ProjectChange c) {
            var r = c.result();
            String status;
            if (r.generation() == null) {
                status = "unchanged";
            } else if (!r.succeeded()) {
                status = "failed";
            } else {
                status = r.conflicted() ? "conflicted" : "succeeded";
            }
            String runId = c.run().map(Generation::id).orElse(null);
            return new Changed(c.projectId(), status, runId,
                    r.delta().changes().stream().map(SpecChange::describe).toList(),
                    r.delta().losses(),
                    c.files().stream().map(f -> new ChangedFile(f.path(), lower(f.action()), f.version())).toList(),
                    r.conflicts(), c.noLongerGenerated(), r.migration().orElse(null),
                    r.generation() == null || r.succeeded() ? null : r.generation().error().orElse("the generation failed"),
                    runId == null ? null : Links.of(runId));
        }
    }

    /**
     * One file of a {@link Proposal}: {@code action} as in {@link ChangedFile} ({@code create}, {@code update},
     * {@code merge}, {@code conflict} or {@code delete}: only steps that write or delete are listed), {@code diff} the
     * unified diff of the store's content (empty for a new file) against the proposed one (empty for a deleted file).
     */
    public record ProposedFile(String path, String action, String diff) {}

    /** Where a {@link Proposal} is accepted ({@code POST}) and discarded ({@code DELETE} of {@code self}). */
    public record ProposalLinks(String self, String accept) {
        static ProposalLinks of(String id, String proposalId) {
            String self = "/api/generations/" + id + "/proposals/" + proposalId;
            return new ProposalLinks(self, self + "/accept");
        }
    }

    /**
     * 200 answer to {@code POST /api/generations/{id}/proposals}: a change worked out and not written. {@code status}:
     * {@code ready} (files to write), {@code conflicted} (some of them with conflict markers, listed in
     * {@code conflicts}), {@code unchanged} (the request changes nothing) or {@code failed} (the generation failed;
     * {@code error} says why); only {@code ready} and {@code conflicted} proposals are kept, with an {@code id} (null
     * otherwise) and {@code links}. {@code delta}, {@code losses}, {@code noLongerGenerated} and {@code migration} as in
     * {@link Changed}; {@code files}: what accepting would write, each with its diff.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proposal(@JsonInclude(JsonInclude.Include.ALWAYS) String id, String projectId, String status, List<String> delta,
                           List<String> losses, List<ProposedFile> files, List<String> conflicts, List<String> noLongerGenerated,
                           String migration, String error, ProposalLinks links) {
        /** {@code id}: the generation (or project) id the proposal was asked for, used in the links. */
        static Proposal of(String id, io.autonoma.spring.generation.ChangeProposal p) {
            var r = p.result();
            return new Proposal(p.id(), p.projectId(), lower(p.status()),
                    r.delta().changes().stream().map(SpecChange::describe).toList(),
                    r.delta().losses(),
                    p.files().stream().map(f -> new ProposedFile(f.path(), lower(f.action()), f.diff())).toList(),
                    r.conflicts(), p.noLongerGenerated(), r.migration().orElse(null), p.error().orElse(null),
                    p.id() == null ? null : ProposalLinks.of(id, p.id()));
        }
    }

    /** Where a generation's resources are. */
    public record Links(String self, String events, String files, String zip, String changes) {
        static Links of(String id) {
            String self = "/api/generations/" + id;
            return new Links(self, self + "/events", self + "/files", self + "/zip", self + "/changes");
        }
    }

    /** 202 answer to a start: the id and where to follow the run. {@code promptNote}: what the prompt guard removed, if anything. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Started(String id, String status, String promptNote, Links links) {
        static Started of(Generation g) {
            return new Started(g.id(), lower(g.status()), emptyToNull(g.promptNote()), Links.of(g.id()));
        }
    }

    /** One remembered run in {@link Listing}. */
    public record Summary(String id, String status, String createdAt) {}

    /** {@code GET /api/generations}: every remembered run, oldest first. */
    public record Listing(List<Summary> generations) {}

    /** One agent in {@link Status}. {@code summary} and {@code error} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentStatus(String name, String status, int attempt, long durationMillis, String summary, String error) {}

    /**
     * {@code GET /api/generations/{id}}. The result fields ({@code durationMillis}, {@code tokensSpent},
     * {@code appName}, {@code failedAgent}) appear once the run has ended; {@code error} is always there,
     * null unless the run failed or was cancelled.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String id, String status, String source, String promptNote, String createdAt, List<AgentStatus> agents,
                         int files, Long durationMillis, Long tokensSpent, String appName, String failedAgent,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String error, Links links) {
        static Status of(Generation g) {
            List<AgentStatus> agents = g.agents().stream().map(a -> new AgentStatus(a.name(), lower(a.status()), a.attempt(),
                    a.durationMillis(), emptyToNull(a.summary()), emptyToNull(a.error()))).toList();
            var r = g.result();
            return new Status(g.id(), lower(g.status()), g.source(), emptyToNull(g.promptNote()), g.createdAt().toString(), agents,
                    g.files().size(),
                    r.map(x -> x.duration().toMillis()).orElse(null),
                    r.map(x -> x.tokensSpent()).orElse(null),
                    r.flatMap(x -> x.spec()).map(AppSpec::name).orElse(null),
                    r.flatMap(x -> x.failedAgent()).orElse(null),
                    g.status() == Generation.Status.SUCCEEDED || g.message().isEmpty() ? null : g.message(),
                    Links.of(g.id()));
        }
    }

    /** One file in {@link Files}. */
    public record FileEntry(String path, long size, int version) {}

    /** {@code GET /api/generations/{id}/files}, sorted by path. */
    public record Files(String id, List<FileEntry> files) {}

    /** 202 answer to {@code DELETE /api/generations/{id}}. */
    public record Cancelling(String id, String status, Links links) {
        static Cancelling of(Generation g) {
            return new Cancelling(g.id(), "cancelling", Links.of(g.id()));
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** {@code PUT /api/generations/{id}/files/{path}}: the version the saved content became. */
    public record Saved(String id, String path, int version, long size) {}

    /** One stored version of a file. */
    public record Version(int version, long size, String sha256, String producedBy, String createdAt) {}

    /** {@code GET /api/generations/{id}/versions/{path}}: every version of a file, oldest first. */
    public record Versions(String id, String path, List<Version> versions) {}

    /** {@code POST /api/plans}: what would be generated, before generating: a summary to read and the spec to edit. */
    public record Plan(String app, List<String> entities, String confidence, List<String> summary, com.fasterxml.jackson.databind.JsonNode spec) {}

    /** {@code POST /api/generations/{id}/git}: the commit the project's files became on the remote's branch. */
    public record GitPushed(String id, String remote, String branch, String commit, int files, boolean unchanged) {}
}
