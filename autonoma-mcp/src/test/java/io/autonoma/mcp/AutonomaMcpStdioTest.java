package io.autonoma.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tool layer through the MCP Java SDK's own client over stdio, against a server process (the test class path's
 * {@link StdioTestServer}): what an IDE or desktop client sees.
 */
class AutonomaMcpStdioTest {
    private static final String PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";
    private static final List<McpSchema.ProgressNotification> PROGRESS = new CopyOnWriteArrayList<>();
    private static final List<List<McpSchema.Resource>> LIST_CHANGES = new CopyOnWriteArrayList<>();
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), StdioTestServer.class.getName()).build();
        client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper())))
                .requestTimeout(Duration.ofMinutes(3)).initializationTimeout(Duration.ofMinutes(2)).progressConsumer(PROGRESS::add)
                .resourcesChangeConsumer(LIST_CHANGES::add).build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.closeGracefully();
    }

    private static CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void lists_every_tool_with_a_schema_a_description_and_the_resource_templates() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("plan_app", "generate_app", "change_app",
                "verify_app", "get_run", "cancel_run", "list_files", "read_file", "export_app");
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.description()).hasSizeGreaterThan(40);
            assertThat(t.inputSchema()).containsEntry("type", "object");
        });
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("autonoma://projects/{id}/files/{+path}", "autonoma://projects/{id}/spec");
        assertThat(client.getServerInfo().name()).isEqualTo("autonoma");
    }

    @Test
    @SuppressWarnings("unchecked")
    void plan_app_says_what_it_understood_with_the_spec() {
        CallToolResult r = call("plan_app", Map.of("prompt", PROMPT));

        assertThat(r.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(r)).contains("Task");
        Map<String, Object> structured = (Map<String, Object>) r.structuredContent();
        assertThat((List<String>) structured.get("entities")).containsExactly("Task");
        assertThat(((Map<String, Object>) structured.get("spec")).get("name")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void generate_app_reports_progress_and_its_files_are_tools_and_resources() {
        PROGRESS.clear();
        CallToolResult r = client.callTool(CallToolRequest.builder("generate_app").arguments(Map.of("prompt", PROMPT))
                .meta(Map.of("progressToken", "gen-1")).build());

        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        String project = (String) ((Map<String, Object>) r.structuredContent()).get("project_id");
        assertThat(PROGRESS).filteredOn(p -> "gen-1".equals(p.progressToken())).hasSizeGreaterThanOrEqualTo(8)
                .anySatisfy(p -> assertThat(p.message()).contains("backend done"))
                .allSatisfy(p -> assertThat(p.total()).isEqualTo(8.0));

        String uri = "autonoma://projects/" + project + "/files/backend/app/main.py";
        // the server said the resource list changed; the SDK's client fetched the new list
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (LIST_CHANGES.stream().noneMatch(l -> l.stream().anyMatch(res -> res.uri().equals(uri))) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(LIST_CHANGES).anySatisfy(l -> assertThat(l).extracting(McpSchema.Resource::uri).contains(uri));
        McpSchema.ReadResourceResult main = client.readResource(new McpSchema.ReadResourceRequest(uri));
        assertThat(((McpSchema.TextResourceContents) main.contents().get(0)).text()).contains("FastAPI");
        assertThat(main.contents().get(0).mimeType()).isEqualTo("text/x-python");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains(uri, "autonoma://projects/" + project + "/spec");
        assertThat(text(call("read_file", Map.of("project_id", project, "path", "frontend/package.json")))).contains("\"next\"");
        Map<String, Object> run = (Map<String, Object>) call("get_run", Map.of("project_id", project)).structuredContent();
        assertThat(run).containsEntry("status", "succeeded");
    }

    @Test
    void bad_arguments_and_unknown_projects_are_json_rpc_errors_that_say_what_to_fix() {
        assertThatThrownBy(() -> call("read_file", Map.of("project_id", "nope", "path", "a.py")))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getJsonRpcError().message()).contains("unknown project 'nope'");
                });
        assertThatThrownBy(() -> call("plan_app", Map.of("prompt", 7)))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().message()).isEqualTo("'prompt' must be a string"));
        assertThatThrownBy(() -> call("plan_app", Map.of("prompt", "a todo app", "extra", 1)))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().message()).contains("unknown argument 'extra'"));
        assertThatThrownBy(() -> call("generate_app", Map.of()))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().message()).contains("exactly one of 'prompt'"));
        assertThatThrownBy(() -> call("generate_app", Map.of("spec", Map.of("name", "X", "entities", List.of()))))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().message()).contains("not a valid AppSpec"));
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("autonoma://projects/nope/spec")))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
    }
}
