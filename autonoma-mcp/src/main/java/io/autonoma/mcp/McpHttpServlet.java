package io.autonoma.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.mcp.internal.Cancellations;
import io.autonoma.mcp.internal.Tools;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Streamable HTTP endpoint of {@link AutonomaMcp}: checks each request, then hands it to the SDK's transport of
 * the token's owner (one server per owner, so that each owner lists and reads only its own projects).
 *
 * <ol>
 *   <li>a client not on loopback gets 403 unless {@link McpHttpAccess#allowRemote()};</li>
 *   <li>an {@code Origin} header that is neither loopback nor allowed gets 403, and so does a {@code Host} that is not
 *       loopback when remote clients are not allowed (DNS-rebinding protection, as the MCP specification requires);</li>
 *   <li>no bearer token, or an unknown one, gets 401 with {@code WWW-Authenticate: Bearer};</li>
 *   <li>a POST body larger than 4 MiB gets 413.</li>
 * </ol>
 */
public final class McpHttpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4 << 20;

    private final transient AutonomaMcp mcp;
    private final transient McpHttpAccess access;
    private final transient Map<String, Owner> owners = new ConcurrentHashMap<>();

    private record Owner(HttpServletStreamableServerTransportProvider transport, McpSyncServer server, Cancellations cancellations) {}

    McpHttpServlet(AutonomaMcp mcp, McpHttpAccess access) {
        this.mcp = mcp;
        this.access = access;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (!access.allowRemote() && !loopback(req.getRemoteAddr())) {
            refuse(resp, 403, "the MCP endpoint answers loopback clients only (allow remote clients in the configuration)");
            return;
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !originAllowed(origin)) {
            refuse(resp, 403, "Origin " + origin + " is not allowed");
            return;
        }
        String host = req.getHeader("Host");
        if (!access.allowRemote() && host != null && !loopbackHost(host)) {
            refuse(resp, 403, "Host " + host + " is not a loopback name");
            return;
        }
        String owner = owner(req.getHeader("Authorization"));
        if (owner == null) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"autonoma-mcp\"");
            refuse(resp, 401, "a bearer token is required: Authorization: Bearer <token>");
            return;
        }
        Owner o = owners.computeIfAbsent(owner, this::serve);
        HttpServletRequest forward = req;
        if ("POST".equalsIgnoreCase(req.getMethod())) {
            byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                refuse(resp, 413, "a message may have at most " + MAX_BODY + " bytes");
                return;
            }
            String session = req.getHeader("Mcp-Session-Id");
            String seen = o.cancellations().inbound(session == null ? "" : session, new String(body, StandardCharsets.UTF_8));
            forward = new Body(req, seen.getBytes(StandardCharsets.UTF_8));
        }
        o.transport().service(forward, resp);
    }

    private Owner serve(String owner) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).mcpEndpoint(access.endpoint()).build();
        Cancellations cancellations = new Cancellations(Tools.LONG);
        return new Owner(transport, mcp.server(owner, transport, cancellations), cancellations);
    }

    @Override
    public void destroy() {
        owners.values().forEach(o -> {
            o.server().closeGracefully();
            o.transport().destroy();
        });
        owners.clear();
    }

    private String owner(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> t : access.tokens().entrySet()) {
            // compare every token in constant time: no early exit that would time the right one
            if (MessageDigest.isEqual(given, t.getKey().strip().getBytes(StandardCharsets.UTF_8))) {
                found = t.getValue();
            }
        }
        return found;
    }

    private boolean originAllowed(String origin) {
        if (access.allowedOrigins().contains(origin)) {
            return true;
        }
        try {
            URI u = URI.create(origin);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && loopbackName(u.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean loopbackHost(String host) {
        String h = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']'))) : host.replaceFirst(":\\d+$", "");
        return loopbackName(h);
    }

    private static boolean loopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.startsWith("127.");
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        resp.getWriter().write("{\"jsonrpc\": \"2.0\", \"id\": null, \"error\": {\"code\": -32600, \"message\": \"" + escaped + "\"}}");
    }

    /** The request with its body, already read, readable again. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException("blocking reads only"); }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
