package io.autonoma.agents.verify.internal;

import io.autonoma.agents.verify.Isolation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds out once per ({@code unshare}, {@code ip}) pair whether the kernel lets this process create a network
 * namespace, and how: a user namespace mapping the caller to root ({@code --map-root-user}, needed when not root) or a
 * plain one (root), with a PID namespace of its own where allowed, each tried by really running {@code ip link set lo
 * up} inside. The answer is cached for the life of the JVM.
 */
public final class NamespaceProbe {
    /** Placed before the command inside the namespaces: brings loopback up, then runs the command as its child. */
    static final String LOOPBACK_UP = "\"$1\" link set lo up || { echo 'autonoma sandbox: could not bring the loopback interface up' >&2; exit 125; }; shift; \"$@\"";
    static final String NO_LOOPBACK = "shift; \"$@\"";

    private static final Map<String, NamespaceProbe> CACHE = new ConcurrentHashMap<>();

    private final List<String> prefix;
    private final Isolation isolation;

    private NamespaceProbe(List<String> prefix, Isolation isolation) {
        this.prefix = List.copyOf(prefix);
        this.isolation = isolation;
    }

    /** The probe's answer for this {@code unshare} and {@code ip} (empty when there is none), computed once. */
    public static NamespaceProbe of(Path unshare, Optional<Path> ip, Path shell) {
        String key = unshare + "|" + ip.map(Path::toString).orElse("") + "|" + shell;
        return CACHE.computeIfAbsent(key, k -> probe(unshare, ip, shell));
    }

    /** No namespace on purpose: the command shares the machine's network, for {@code why} (e.g. an install). */
    public static NamespaceProbe hostNetwork(String why) {
        return new NamespaceProbe(List.of(), new Isolation(Isolation.Network.NONE, false, "the machine's network, on purpose: " + why));
    }

    /** The argv to put before the command (empty when no namespace is allowed). */
    public List<String> prefix() {
        return prefix;
    }

    /** What isolation commands run with this prefix get. */
    public Isolation isolation() {
        return isolation;
    }

    private static NamespaceProbe probe(Path unshare, Optional<Path> ip, Path shell) {
        if (!Files.isExecutable(unshare)) {
            return new NamespaceProbe(List.of(), new Isolation(Isolation.Network.NONE, false,
                    "no network namespace: " + unshare + " is not an executable (install util-linux); the command had the machine's network"));
        }
        List<List<String>> attempts = List.of(
                List.of("--net", "--map-root-user", "--pid", "--fork", "--kill-child=KILL"),
                List.of("--net", "--map-root-user"),
                List.of("--net", "--pid", "--fork", "--kill-child=KILL"),
                List.of("--net"));
        List<String> check = ip.map(p -> List.of(p.toString(), "link", "set", "lo", "up")).orElse(List.of(shell.toString(), "-c", ":"));
        String firstError = "";
        for (List<String> flags : attempts) {
            List<String> argv = new ArrayList<>();
            argv.add(unshare.toString());
            argv.addAll(flags);
            argv.add("--");
            argv.addAll(check);
            Optional<String> error = tryRun(argv);
            if (error.isEmpty()) {
                boolean pid = flags.contains("--pid");
                List<String> prefix = new ArrayList<>();
                prefix.add(unshare.toString());
                prefix.addAll(flags);
                prefix.add("--");
                prefix.add(shell.toString());
                prefix.add("-c");
                prefix.add(ip.isPresent() ? LOOPBACK_UP : NO_LOOPBACK);
                prefix.add("autonoma-sandbox");
                prefix.add(ip.map(Path::toString).orElse("-"));
                String how = "unshare " + String.join(" ", flags);
                Isolation isolation = ip.isPresent()
                        ? new Isolation(Isolation.Network.NETWORK_NAMESPACE, pid,
                                how + "; loopback up, no other interface: only 127.0.0.1 and ::1 are reachable")
                        : new Isolation(Isolation.Network.NETWORK_NAMESPACE_LOOPBACK_DOWN, pid,
                                how + "; no `ip` command to bring loopback up: no network at all, loopback servers cannot work");
                return new NamespaceProbe(prefix, isolation);
            }
            if (firstError.isEmpty()) {
                firstError = error.get();
            }
        }
        return new NamespaceProbe(List.of(), new Isolation(Isolation.Network.NONE, false,
                "the kernel refused a network namespace (" + unshare + " --net: " + firstError
                        + "); the command had the machine's network"));
    }

    /** Runs {@code argv}; empty when it exited 0, else what went wrong. */
    private static Optional<String> tryRun(List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().retainAll(List.of("PATH", "LANG"));
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // keep what was read
                }
            }, "autonoma-sandbox-probe");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return Optional.of("did not answer within 10 s");
            }
            reader.join(2000);
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.UTF_8).strip();
            }
            return Optional.of("exit " + p.exitValue() + (text.isEmpty() ? "" : ", " + text.lines().reduce((a, b) -> a + " / " + b).orElse("")));
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
