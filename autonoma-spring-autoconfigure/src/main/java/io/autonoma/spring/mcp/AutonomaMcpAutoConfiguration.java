package io.autonoma.spring.mcp;

import io.autonoma.agents.Autonoma;
import io.autonoma.mcp.AutonomaMcp;
import io.autonoma.mcp.McpHttpAccess;
import io.autonoma.mcp.McpHttpServlet;
import io.autonoma.spring.AutonomaAutoConfiguration;
import io.autonoma.spring.AutonomaProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The MCP server over Streamable HTTP at {@code autonoma.mcp.endpoint} ({@code /mcp}): only when
 * {@code autonoma.mcp.enabled=true}, autonoma-mcp is on the class path and this is a servlet web application. Bearer
 * tokens per owner ({@code autonoma.mcp.tokens.<owner>}) are required — there is no default, and the application does
 * not start without one; loopback clients only unless {@code autonoma.mcp.allow-remote=true}; the {@code Origin} header
 * is validated.
 */
@AutoConfiguration(after = AutonomaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({AutonomaMcp.class, ServletRegistrationBean.class})
@ConditionalOnBooleanProperty(name = "autonoma.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "autonoma.mcp.enabled")
@ConditionalOnBean(Autonoma.class)
public class AutonomaMcpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AutonomaMcp autonomaMcp(Autonoma autonoma) {
        return AutonomaMcp.builder(autonoma).build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "autonomaMcpServlet")
    public ServletRegistrationBean<McpHttpServlet> autonomaMcpServlet(AutonomaMcp mcp, AutonomaProperties properties) {
        AutonomaProperties.Mcp settings = properties.getMcp();
        Map<String, String> ownerOfToken = new LinkedHashMap<>();
        settings.getTokens().forEach((owner, token) -> {
            // a blank token (e.g. an unset environment variable) configures nothing
            if (token != null && !token.isBlank() && ownerOfToken.put(token.strip(), owner) != null) {
                throw new IllegalArgumentException("autonoma.mcp.tokens: two owners share a token; give each its own");
            }
        });
        if (ownerOfToken.isEmpty()) {
            throw new IllegalArgumentException("autonoma.mcp.enabled=true needs at least one bearer token: set "
                    + "autonoma.mcp.tokens.<owner>=<token> (16+ characters, e.g. from openssl rand -hex 32); there is no default");
        }
        McpHttpAccess access = new McpHttpAccess(ownerOfToken, settings.getAllowedOrigins(), settings.isAllowRemote(),
                settings.getEndpoint());
        ServletRegistrationBean<McpHttpServlet> registration = new ServletRegistrationBean<>(mcp.httpServlet(access),
                access.endpoint());
        registration.setName("autonomaMcpServlet");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
