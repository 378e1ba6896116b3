package io.autonoma.agents.verify;

import java.util.Objects;

/**
 * What isolation was really in force for a run, never more than was applied.
 *
 * @param network         the network the command saw
 * @param ownProcessSpace whether the command ran in a PID namespace of its own, so that every process it started died
 *                        with it (the kernel kills a namespace's processes when its first process ends)
 * @param detail          how, or why not, in words (e.g. the error of the kernel when a namespace was refused)
 */
public record Isolation(Network network, boolean ownProcessSpace, String detail) {

    /** The network a sandboxed command sees. */
    public enum Network {
        /** A network namespace of its own whose only interface is loopback, brought up: 127.0.0.1 and ::1 work, nothing else is reachable. */
        NETWORK_NAMESPACE,
        /** A network namespace of its own with loopback down (no {@code ip} command to bring it up): no network at all. */
        NETWORK_NAMESPACE_LOOPBACK_DOWN,
        /** No network isolation: the command had the machine's network. {@link #detail()} says why. */
        NONE
    }

    public Isolation {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether non-loopback addresses were unreachable. */
    public boolean networkIsolated() {
        return network != Network.NONE;
    }

    /** One line for a report, e.g. {@code "NETWORK_NAMESPACE (own process space): unshare --net ..."}. */
    public String describe() {
        return network + (ownProcessSpace ? " (own process space)" : "") + ": " + detail;
    }
}
