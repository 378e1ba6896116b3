package io.autonoma.spring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by an API key ({@code X-API-Key: <key>}, or {@code Authorization: Bearer <key>} when
 * {@code bearer} is true, i.e. when no JWT decoder claims bearer tokens): the principal is the key's owner. Keys are
 * compared in constant time. A request without a known key passes on unauthenticated (the chain answers 401).
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final Map<String, String> ownerOfKey;
    private final boolean bearer;

    public ApiKeyAuthenticationFilter(Map<String, String> ownerOfKey, boolean bearer) {
        this.ownerOfKey = Map.copyOf(ownerOfKey);
        this.bearer = bearer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader("X-API-Key");
        String authorization = request.getHeader("Authorization");
        if (key == null && bearer && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7);
        }
        String owner = key == null ? null : owner(key.strip());
        if (owner != null) {
            UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(owner, null,
                    List.of(new SimpleGrantedAuthority("ROLE_USER")));
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }

    private String owner(String key) {
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> e : ownerOfKey.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return found;
    }
}
