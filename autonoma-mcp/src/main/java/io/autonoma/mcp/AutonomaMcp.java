package io.autonoma.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.mcp.internal.Cancellations;
import io.autonoma.mcp.internal.LineFilterInputStream;
import io.autonoma.mcp.internal.PathTemplates;
import io.autonoma.mcp.internal.Resources;
import io.autonoma.mcp.internal.Tools;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Autonoma as a Model Context Protocol server, on the official MCP Java SDK: any MCP client (an IDE assistant, a
 * desktop chat client, another agent) can plan, generate, change, verify, read and export apps.
 *
 * <ul>
 *   <li>Tools: {@code plan_app}, {@code generate_app} (progress notifications, cancellation), {@code change_app},
 *       {@code verify_app}, {@code get_run}, {@code cancel_run}, {@code list_files}, {@code read_file},
 *       {@code export_app}; bad arguments and unknown projects are JSON-RPC errors ({@code -32602}) that say what to
 *       fix.</li>
 *   <li>Resources: each project's files as {@code autonoma://projects/{id}/files/{path}} (with MIME types) and its
 *       AppSpec as {@code autonoma://projects/{id}/spec}, listed once a run wrote them (list-changed
 *       notifications).</li>
 *   <li>Owners: every server serves one owner; a project of another owner is unknown. {@link #serveStdio} serves the
 *       local user; {@link #httpServlet} one server per bearer token's owner.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Autonoma autonoma = Autonoma.builder().build()) {
 *     AutonomaMcp.builder(autonoma).build().serveStdio(System.in, System.out); // until the client closes stdin
 * }
 * }</pre>
 */
public final class AutonomaMcp {
    /** The owner of everything served over stdio: the local user. */
    public static final String LOCAL_OWNER = "local";

    private final Autonoma autonoma;
    private final Verifier verifier;
    private final McpProjects projects;
    private final String version;

    private AutonomaMcp(Builder b) {
        this.autonoma = b.autonoma;
        this.verifier = b.verifier != null ? b.verifier : Verifier.builder().build();
        this.projects = b.projects != null ? b.projects : new McpProjects();
        this.version = b.version;
    }

    public static Builder builder(Autonoma autonoma) {
        return new Builder(autonoma);
    }

    public McpProjects projects() {
        return projects;
    }

    /**
     * Serves the local user over stdio: JSON-RPC messages on {@code in} and {@code out}, nothing else is written to
     * {@code out}. Blocks until {@code in} ends (the client closed it), then closes the server.
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Cancellations cancellations = new Cancellations(Tools.LONG);
        InputStream filtered = new LineFilterInputStream(in, line -> cancellations.inbound("stdio", line), closed::countDown);
        McpSyncServer server = server(LOCAL_OWNER, new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper()),
                filtered, out), cancellations);
        try {
            closed.await();
        } finally {
            server.closeGracefully();
        }
    }

    /**
     * A server for {@code owner} on a single-session transport of your own (cancel_run stops runs; the
     * {@code notifications/cancelled} of requests reach only the transports this class makes).
     */
    public McpSyncServer server(String owner, McpServerTransportProvider transport) {
        return server(owner, transport, new Cancellations(Tools.LONG));
    }

    McpSyncServer server(String owner, McpServerTransportProvider transport, Cancellations cancellations) {
        AtomicReference<McpSyncServer> ref = new AtomicReference<>();
        Resources resources = new Resources(autonoma.store(), owner, projects);
        Tools tools = tools(owner, cancellations, e -> "stdio", ref, resources);
        McpSyncServer server = configure(McpServer.sync(transport), tools, resources).build();
        ref.set(server);
        return server;
    }

    /** A server for {@code owner} on a Streamable HTTP transport, sessions told apart by their MCP session id. */
    McpSyncServer server(String owner, McpStreamableServerTransportProvider transport, Cancellations cancellations) {
        AtomicReference<McpSyncServer> ref = new AtomicReference<>();
        Resources resources = new Resources(autonoma.store(), owner, projects);
        Tools tools = tools(owner, cancellations, McpSyncServerExchange::sessionId, ref, resources);
        // each HTTP request has a container thread of its own: the tool runs and answers on it, so the response is
        // written and the request's async context completed by the thread that is dispatching it (answered from a
        // scheduler thread instead, a response now and then reached the client cut short)
        McpSyncServer server = configure(McpServer.sync(transport), tools, resources).immediateExecution(true).build();
        ref.set(server);
        return server;
    }

    /**
     * The Streamable HTTP endpoint as a servlet to register (async supported) at {@link McpHttpAccess#endpoint()}:
     * bearer token required, {@code Origin} and {@code Host} validated, loopback clients only unless allowed.
     */
    public McpHttpServlet httpServlet(McpHttpAccess access) {
        return new McpHttpServlet(this, access);
    }

    private Tools tools(String owner, Cancellations cancellations, Function<McpSyncServerExchange, String> session,
            AtomicReference<McpSyncServer> server, Resources resources) {
        Objects.requireNonNull(owner, "owner");
        return new Tools(autonoma, owner, projects, verifier, cancellations, session, run -> {
            McpSyncServer s = server.get();
            if (s != null) {
                resources.publish(s, run);
            }
        });
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(McpServer.SyncSpecification<S> spec,
            Tools tools, Resources resources) {
        return spec.serverInfo("autonoma", version)
                .instructions("Autonoma turns a plain-language description into a running full-stack web app (FastAPI + "
                        + "PostgreSQL backend, Next.js frontend, tests, deployment). plan_app says what it understood; "
                        + "generate_app builds it and returns a project id; read the files with list_files/read_file or the "
                        + "resources autonoma://projects/{id}/files/{path}; change_app evolves the app in words; verify_app "
                        + "runs its own checks; export_app returns a zip.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, true).logging().build())
                .uriTemplateManagerFactory(new PathTemplates())
                // the tools check their arguments themselves: bad ones are a JSON-RPC error (-32602) saying what to fix,
                // where the SDK's schema check would answer with a tool result marked isError
                .validateToolInputs(false)
                .requestTimeout(Duration.ofMinutes(30))
                .tools(tools.all())
                .resourceTemplates(resources.templates());
    }

    public static final class Builder {
        private final Autonoma autonoma;
        private Verifier verifier;
        private McpProjects projects;
        private String version = "0.1.0";

        private Builder(Autonoma autonoma) {
            this.autonoma = Objects.requireNonNull(autonoma, "autonoma");
        }

        /** What verify_app runs the checks with; default {@code Verifier.builder().build()}. */
        public Builder verifier(Verifier v) { this.verifier = v; return this; }
        /** The registry of projects and owners; one of its own by default. */
        public Builder projects(McpProjects v) { this.projects = v; return this; }
        /** The version the server reports to clients. */
        public Builder version(String v) { this.version = Objects.requireNonNull(v, "version"); return this; }

        public AutonomaMcp build() {
            return new AutonomaMcp(this);
        }
    }
}
