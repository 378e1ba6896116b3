package io.autonoma.agents.preview;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a preview of an app runs: its processes, each told the free loopback ports the supervisor found for it, and
 * the address to show. Implementations are stateless.
 */
public interface PreviewLauncher {

    /** One process of a preview. {@code environment} is added to a minimal environment (PATH, HOME, LANG). */
    record Process(String name, List<String> command, Path workingDirectory, Map<String, String> environment) {
        public Process {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** The names of the ports it needs, e.g. {@code ["backend", "frontend"]}. */
    List<String> ports();

    /** The processes that run the app in {@code directory}, in start order. */
    List<Process> processes(Path directory, Map<String, Integer> ports);

    /** Where the running preview is seen, e.g. {@code http://127.0.0.1:<frontend port>/}. */
    String url(Map<String, Integer> ports);
}
