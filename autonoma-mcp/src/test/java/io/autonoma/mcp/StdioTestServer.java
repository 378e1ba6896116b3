package io.autonoma.mcp;

import io.autonoma.agents.Autonoma;

/** {@code autonoma mcp} without the CLI: the server {@link AutonomaMcpStdioTest} spawns. */
public final class StdioTestServer {
    private StdioTestServer() {}

    public static void main(String[] args) throws Exception {
        try (Autonoma autonoma = Autonoma.builder().build()) {
            AutonomaMcp.builder(autonoma).build().serveStdio(System.in, System.out);
        }
    }
}
