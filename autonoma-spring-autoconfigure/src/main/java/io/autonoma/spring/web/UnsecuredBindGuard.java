package io.autonoma.spring.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Stops the application when the REST + SSE API would serve an address that is not loopback without authentication
 * (no Spring Security filter chain), unless {@code autonoma.security.allow-unsecured=true}: anyone who reaches it could
 * start runs and read every project.
 */
final class UnsecuredBindGuard implements ApplicationListener<WebServerInitializedEvent> {
    private final Environment environment;
    private final ListableBeanFactory beans;
    private final boolean allowUnsecured;

    UnsecuredBindGuard(Environment environment, ListableBeanFactory beans, boolean allowUnsecured) {
        this.environment = environment;
        this.beans = beans;
        this.allowUnsecured = allowUnsecured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (allowUnsecured || secured()) {
            return;
        }
        String address = environment.getProperty("server.address");
        if (address == null || address.isBlank() || !loopback(address)) {
            throw new IllegalStateException("the Autonoma API (autonoma.api.enabled=true) is not secured and would serve "
                    + (address == null || address.isBlank() ? "every network interface (server.address is not set)" : address)
                    + ": add Spring Security with autonoma.security.api-keys.<owner>=<key> or an OAuth2 resource server, "
                    + "bind to loopback (server.address=127.0.0.1), or set autonoma.security.allow-unsecured=true");
        }
    }

    private boolean secured() {
        try {
            Class<?> chain = Class.forName("org.springframework.security.web.SecurityFilterChain", false, getClass().getClassLoader());
            return beans.getBeanNamesForType(chain).length > 0;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
