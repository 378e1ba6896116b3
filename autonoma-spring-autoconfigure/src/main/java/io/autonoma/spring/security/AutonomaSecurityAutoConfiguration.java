package io.autonoma.spring.security;

import io.autonoma.spring.AutonomaAutoConfiguration;
import io.autonoma.spring.AutonomaProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Secures the REST + SSE API ({@code /api/**}) with Spring Security when it is on the class path and the application
 * has no {@link SecurityFilterChain} of its own: API keys per owner ({@code autonoma.security.api-keys.<owner>=<key>},
 * sent as {@code X-API-Key} or, without JWT, {@code Authorization: Bearer}) and, when an OAuth2 resource server is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.*}), JWTs whose subject is the owner. Every request to
 * the API must be authenticated (401 otherwise); the principal's name owns the runs it starts, and another owner's ids
 * answer 404. Other paths (the page, actuator, /mcp with its own tokens) are left to the application.
 */
@AutoConfiguration(after = AutonomaAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBooleanProperty(name = "autonoma.api.enabled")
public class AutonomaSecurityAutoConfiguration {

    @Bean
    @Order(10)
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain autonomaApiSecurity(HttpSecurity http, AutonomaProperties properties, ListableBeanFactory beans)
            throws Exception {
        Map<String, String> ownerOfKey = new LinkedHashMap<>();
        properties.getSecurity().getApiKeys().forEach((owner, key) -> {
            if (key == null || key.isBlank()) return;
            if (key.strip().length() < 16) {
                throw new IllegalArgumentException("autonoma.security.api-keys." + owner + ": an API key needs at least 16 characters");
            }
            if (ownerOfKey.put(key.strip(), owner) != null) {
                throw new IllegalArgumentException("autonoma.security.api-keys: two owners share a key; give each its own");
            }
        });
        boolean withJwt = jwtDecoders(beans) > 0;
        if (ownerOfKey.isEmpty() && !withJwt) {
            throw new IllegalStateException("Spring Security is on the class path but the Autonoma API has no credentials "
                    + "configured: set autonoma.security.api-keys.<owner>=<key> (16+ characters) or an OAuth2 resource server "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri or public-key-location), or define a "
                    + "SecurityFilterChain of your own");
        }
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable()) // tokens in headers, no cookies: no CSRF
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((req, resp, ex) -> {
                    resp.setStatus(401);
                    resp.setHeader("WWW-Authenticate", withJwt ? "Bearer" : "Bearer, ApiKey");
                    resp.setContentType("application/problem+json");
                    resp.getWriter().write("{\"status\":401,\"error\":\"unauthorized\",\"detail\":\"authenticate with an API key "
                            + "(X-API-Key) or a bearer token\"}");
                }));
        if (!ownerOfKey.isEmpty()) {
            http.addFilterBefore(new ApiKeyAuthenticationFilter(ownerOfKey, !withJwt), AnonymousAuthenticationFilter.class);
        }
        if (withJwt) {
            http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
        }
        return http.build();
    }

    /** JWT decoders defined (by the OAuth2 resource server's auto-configuration or the application); 0 without the classes. */
    private static int jwtDecoders(ListableBeanFactory beans) {
        try {
            Class<?> decoder = Class.forName("org.springframework.security.oauth2.jwt.JwtDecoder", false,
                    AutonomaSecurityAutoConfiguration.class.getClassLoader());
            return beans.getBeanNamesForType(decoder).length;
        } catch (ClassNotFoundException e) {
            return 0;
        }
    }
}
