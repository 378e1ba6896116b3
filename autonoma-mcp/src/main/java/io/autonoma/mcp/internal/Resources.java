package io.autonoma.mcp.internal;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.mcp.McpProjects;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each project's files as {@code autonoma://projects/{id}/files/{path}} and its AppSpec as
 * {@code autonoma://projects/{id}/spec}: listed as resources once a run wrote them (the server notifies the client that
 * the list changed) and readable through the templates. Only the owner's projects resolve.
 */
public final class Resources {
    public static final String FILE_TEMPLATE = "autonoma://projects/{id}/files/{+path}";
    public static final String SPEC_TEMPLATE = "autonoma://projects/{id}/spec";
    private static final PathTemplates TEMPLATES = new PathTemplates();

    private final ArtifactStore store;
    private final String owner;
    private final McpProjects projects;

    public Resources(ArtifactStore store, String owner, McpProjects projects) {
        this.store = store;
        this.owner = owner;
        this.projects = projects;
    }

    public static String fileUri(String projectId, String path) {
        return "autonoma://projects/" + projectId + "/files/" + path;
    }

    public static String specUri(String projectId) {
        return "autonoma://projects/" + projectId + "/spec";
    }

    public List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder().uriTemplate(FILE_TEMPLATE)
                        .name("project-file").title("A file of a generated app")
                        .description("One file of a project generate_app made, by its project-relative path").build(), this::read),
                new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder().uriTemplate(SPEC_TEMPLATE)
                        .name("project-spec").title("The AppSpec of a generated app").mimeType("application/json")
                        .description("What the app was generated from: entities, fields, relations, roles, behaviour").build(),
                        this::read));
    }

    /** Lists the files of {@code run}'s project (and its spec) as resources of {@code server}, which notifies its clients. */
    public void publish(McpSyncServer server, McpProjects.Run run) {
        Set<String> deleted = run.deleted();
        for (McpSchema.Resource r : server.listResources()) {
            String prefix = "autonoma://projects/" + run.projectId() + "/files/";
            if (r.uri().startsWith(prefix) && deleted.contains(r.uri().substring(prefix.length()))) {
                server.removeResource(r.uri());
            }
        }
        for (Artifact a : store.list(run.projectId())) {
            if (deleted.contains(a.path())) continue;
            String mime = MimeTypes.of(a.path());
            server.addResource(new SyncResourceSpecification(McpSchema.Resource.builder().uri(fileUri(run.projectId(), a.path()))
                    .name(run.projectId() + "/" + a.path()).title(a.path()).mimeType(mime).size((long) a.content().length).build(),
                    this::read));
        }
        server.addResource(new SyncResourceSpecification(McpSchema.Resource.builder().uri(specUri(run.projectId()))
                .name(run.projectId() + "/spec").title("AppSpec of project " + run.projectId()).mimeType("application/json").build(),
                this::read));
    }

    private ReadResourceResult read(McpSyncServerExchange exchange, ReadResourceRequest request) {
        String uri = request.uri();
        Map<String, String> spec = TEMPLATES.create(SPEC_TEMPLATE).extractVariableValues(uri);
        Map<String, String> file = TEMPLATES.create(FILE_TEMPLATE).extractVariableValues(uri);
        String id = !spec.isEmpty() ? spec.get("id") : file.get("id");
        if (id == null) {
            throw notFound(uri, "not an Autonoma resource; use " + FILE_TEMPLATE + " or " + SPEC_TEMPLATE);
        }
        McpProjects.Run run = projects.project(owner, id).orElseThrow(() -> notFound(uri, "no project of yours has the id '" + id + "'"));
        String path;
        try {
            path = spec.isEmpty() ? ArtifactPaths.normalize(file.get("path")) : "app-spec.json";
        } catch (UnsafePathException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("unsafe path in " + uri + ": " + e.getMessage()).build();
        }
        Optional<Artifact> a = run.deleted().contains(path) ? Optional.empty() : store.get(run.projectId(), path);
        if (a.isEmpty()) {
            throw notFound(uri, "project '" + id + "' has no file '" + path + "'");
        }
        String mime = spec.isEmpty() ? MimeTypes.of(path) : "application/json";
        McpSchema.ResourceContents contents = MimeTypes.isText(mime)
                ? new McpSchema.TextResourceContents(uri, mime, new String(a.get().content(), StandardCharsets.UTF_8))
                : new McpSchema.BlobResourceContents(uri, mime, Base64.getEncoder().encodeToString(a.get().content()));
        return new ReadResourceResult(List.of(contents));
    }

    private static McpError notFound(String uri, String why) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message("resource " + uri + " not found: " + why)
                .data(Map.of("uri", uri)).build();
    }
}
