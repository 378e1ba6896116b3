package io.autonoma.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * MCP over Streamable HTTP in the web sample, through the MCP Java SDK's client: a bearer token per owner, each owner
 * sees only its own projects, no token is 401 and a foreign Origin 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"autonoma.store.type=memory", "autonoma.verify=false",
        "autonoma.templates.semantic=false", "autonoma.mcp.enabled=true",
        "autonoma.mcp.tokens.alice=alice-token-0123456789abcdef", "autonoma.mcp.tokens.bob=bob-token-0123456789abcdef"})
class McpHttpTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @LocalServerPort
    int port;

    private McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .clientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2)).build();
        c.initialize();
        return c;
    }

    private int post(Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INIT));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @SuppressWarnings("unchecked")
    void each_owner_sees_only_its_own_projects() {
        try (McpSyncClient alice = client("alice-token-0123456789abcdef"); McpSyncClient bob = client("bob-token-0123456789abcdef")) {
            McpSchema.CallToolResult made = alice.callTool(new CallToolRequest("generate_app",
                    Map.of("prompt", "A todo app where users keep tasks with a title and a due date.")));
            String project = (String) ((Map<String, Object>) made.structuredContent()).get("project_id");

            assertThat(alice.callTool(new CallToolRequest("list_files", Map.of("project_id", project))).isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(alice.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .contains("autonoma://projects/" + project + "/files/backend/app/main.py");
            assertThatThrownBy(() -> bob.callTool(new CallToolRequest("read_file", Map.of("project_id", project, "path", "backend/app/main.py"))))
                    .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().message()).contains("unknown project"));
            assertThatThrownBy(() -> bob.readResource(new McpSchema.ReadResourceRequest("autonoma://projects/" + project + "/spec")))
                    .isInstanceOf(McpError.class);
            assertThat(bob.listResources().resources()).extracting(McpSchema.Resource::uri).noneMatch(u -> u.contains(project));
        }
    }

    @Test
    void no_token_is_401_a_wrong_one_too_and_a_foreign_origin_403() throws Exception {
        assertThat(post(Map.of())).isEqualTo(401);
        assertThat(post(Map.of("Authorization", "Bearer alice-token-0123456789abcdeX"))).isEqualTo(401);
        assertThat(post(Map.of("Authorization", "Bearer alice-token-0123456789abcdef", "Origin", "http://evil.example"))).isEqualTo(403);
        assertThat(post(Map.of("Authorization", "Bearer alice-token-0123456789abcdef", "Origin", "http://localhost:3000"))).isEqualTo(200);
    }
}
