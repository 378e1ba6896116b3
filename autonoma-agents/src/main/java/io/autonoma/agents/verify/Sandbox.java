package io.autonoma.agents.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs untrusted commands (a generated app's own checks) so that they cannot reach the network beyond loopback, read
 * the caller's secrets, outlive their limits or leave processes behind, as far as the machine allows; each
 * {@link Result} says what isolation was really in force.
 *
 * <p>{@link #run} never returns before every process the command started has ended. A command that cannot be started
 * (no such program) is a result with a non-zero exit code and the reason in its stderr, not an exception; the
 * sandbox itself being unusable on this machine is a {@link SandboxUnavailableException}, and a missing working
 * directory an {@link IllegalArgumentException}. Never returns null.
 */
public interface Sandbox {

    /** Runs {@code command} to its end, its timeout, or one of its limits. */
    Result run(SandboxedCommand command);

    /** The isolation this sandbox applies to the commands it runs on this machine (what a run's result will report). */
    Isolation isolation();

    /**
     * How a sandboxed command ended.
     *
     * @param exitCode    the command's exit code; {@code 128 + n} when signal {@code n} ended it (e.g. 137 for
     *                    SIGKILL after a timeout, 152 for SIGXCPU at the CPU limit)
     * @param timedOut    whether the wall-clock limit passed and the process tree was killed
     * @param stdout      an excerpt of the standard output: all of it when small, else its start and its end with a
     *                    line saying how much was left out (UTF-8, malformed bytes replaced)
     * @param stdoutBytes how many bytes the standard output had in all
     * @param stderr      an excerpt of the standard error, as for stdout
     * @param stderrBytes how many bytes the standard error had in all
     * @param duration    wall-clock time from start to the end of the last process
     * @param isolation   the isolation that was in force
     */
    record Result(int exitCode, boolean timedOut, String stdout, long stdoutBytes, String stderr, long stderrBytes,
            Duration duration, Isolation isolation) {

        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(isolation, "isolation");
        }

        /** Exit code 0 within the timeout. */
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }
}
