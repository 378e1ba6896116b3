package io.autonoma.mcp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use the Streamable HTTP endpoint and from where.
 *
 * @param tokens        bearer token → owner; a client's projects are its owner's. At least one; never a default.
 *                      Tokens shorter than 16 characters are refused.
 * @param allowedOrigins browser origins allowed in the {@code Origin} header (a request with another Origin gets 403:
 *                      DNS-rebinding protection); requests without Origin (non-browser clients) pass. Loopback
 *                      origins ({@code http://localhost[:port]}, {@code http://127.0.0.1[:port]}, {@code http://[::1][:port]})
 *                      are always allowed.
 * @param allowRemote   answer clients that are not on loopback (default false: 403 for them)
 * @param endpoint      the path the servlet is registered at, e.g. {@code /mcp}
 */
public record McpHttpAccess(Map<String, String> tokens, List<String> allowedOrigins, boolean allowRemote, String endpoint) {
    public McpHttpAccess {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the MCP HTTP endpoint needs at least one bearer token (token -> owner); "
                    + "there is no default: generate one, e.g. openssl rand -hex 32");
        }
        tokens.forEach((token, owner) -> {
            if (token == null || token.strip().length() < 16) {
                throw new IllegalArgumentException("an MCP bearer token must have at least 16 characters (owner '" + owner + "')");
            }
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("every MCP bearer token needs an owner");
            }
        });
        tokens = Map.copyOf(tokens);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        endpoint = endpoint == null || endpoint.isBlank() ? "/mcp" : endpoint;
        if (!endpoint.startsWith("/")) {
            throw new IllegalArgumentException("the MCP endpoint must be a path starting with '/': " + endpoint);
        }
    }

    /** Loopback clients only, no browser origin but loopback's, at {@code /mcp}. */
    public static McpHttpAccess loopback(Map<String, String> tokens) {
        return new McpHttpAccess(tokens, List.of(), false, "/mcp");
    }
}
