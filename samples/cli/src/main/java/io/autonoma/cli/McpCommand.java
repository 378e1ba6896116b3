package io.autonoma.cli;

import io.autonoma.agents.Autonoma;
import io.autonoma.mcp.AutonomaMcp;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code autonoma mcp}: Autonoma as an MCP server on stdio for desktop and IDE clients. Nothing but protocol goes to
 * stdout: the real stdout is handed to the server and {@code System.out} is pointed at stderr, so that a stray print
 * of any library cannot corrupt the stream.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve Autonoma over the Model Context Protocol on stdio (tools: plan_app, generate_app, change_app, "
                + "verify_app, get_run, cancel_run, list_files, read_file, export_app; resources: each project's files).",
        footer = {"", "Register it in an MCP client, e.g.:",
                "  {\"mcpServers\": {\"autonoma\": {\"command\": \"java\", \"args\": [\"-jar\", \"/path/to/autonoma-cli.jar\", \"mcp\"]}}}",
                "", "Logs go to stderr; the server ends when the client closes stdin."})
final class McpCommand implements Callable<Integer> {

    @Option(names = "--max-prompt-chars", defaultValue = "20000", paramLabel = "N",
            description = "Longest prompt the tools accept (default ${DEFAULT-VALUE}).")
    int maxPromptChars;

    @Override
    public Integer call() throws Exception {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
        try (Autonoma autonoma = Autonoma.builder().maxPromptChars(maxPromptChars).build()) {
            System.err.println("autonoma mcp: serving on stdio (offline engine); close stdin to stop");
            AutonomaMcp.builder(autonoma).build().serveStdio(System.in, protocol);
            return 0;
        } finally {
            System.setOut(stdout);
        }
    }
}
