package io.autonoma.agents.verify;

import java.util.Objects;

/**
 * One check of a generated app (ruff, mypy, pytest, tsc, ESLint, next build) as it ran on the files: passed, failed,
 * or not verified (its toolchain is missing on this machine: never counted as a pass). {@code counts} is what the tool
 * counted (e.g. {@code 109 passed}); {@code excerpt} a trimmed excerpt of the first failures (empty when it passed);
 * {@code isolation} what the sandbox enforced ({@link Isolation#describe()}), e.g. whether the network was cut.
 */
public record CheckResult(String check, Status status, String counts, long durationMillis, String excerpt, String isolation) {

    public enum Status { PASSED, FAILED, NOT_VERIFIED }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        counts = counts == null ? "" : counts;
        excerpt = excerpt == null ? "" : excerpt;
        isolation = isolation == null ? "" : isolation;
    }

    /** A result with no isolation to report (the check did not run). */
    public CheckResult(String check, Status status, String counts, long durationMillis, String excerpt) {
        this(check, status, counts, durationMillis, excerpt, "");
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
