package io.autonoma.cli;

import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.VerifyAgent;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.GenerationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The verify stage's results as a table, and the exit code they mean. */
final class VerifyTable {
    private VerifyTable() {}

    @SuppressWarnings("unchecked")
    static int print(GenerationResult result, boolean offlineEngine, PrintWriter out, PrintWriter err) {
        AgentResult verify = result.agentResults().get(VerifyAgent.NAME);
        return print(verify == null ? List.of()
                : (List<CheckResult>) verify.outputs().getOrDefault(VerifyAgent.RESULTS.name(), List.of()), offlineEngine, out, err);
    }

    /**
     * {@code offlineEngine}: the checks ran on what the offline engine wrote and nobody edited, so a failure is a bug of
     * Autonoma's, and the message says so.
     */
    static int print(List<CheckResult> checks, boolean offlineEngine, PrintWriter out, PrintWriter err) {
        out.println();
        out.println("Verification (the app's own checks):");
        out.printf("  %-12s %-13s %8s  %s%n", "check", "result", "time", "counts");
        for (CheckResult c : checks) {
            out.printf("  %-12s %-13s %7.1fs  %s%n", c.check(), c.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    c.durationMillis() / 1000.0, c.counts());
        }
        checks.stream().map(CheckResult::isolation).filter(i -> !i.isEmpty()).distinct()
                .forEach(i -> out.println("  sandbox: " + i));
        List<CheckResult> failed = checks.stream().filter(c -> c.status() == CheckResult.Status.FAILED).toList();
        List<CheckResult> missing = checks.stream().filter(c -> c.status() == CheckResult.Status.NOT_VERIFIED).toList();
        if (checks.isEmpty()) {
            err.println("not verified: the verify stage reported no checks");
            return GenerateCommand.NOT_VERIFIED;
        }
        if (!failed.isEmpty()) {
            for (CheckResult c : failed) {
                err.println("verification failed: " + c.check() + " (" + c.counts() + ")");
                c.excerpt().lines().limit(40).forEach(l -> err.println("  | " + l));
            }
            if (offlineEngine) {
                err.println("This is a bug in Autonoma: the offline engine's code must pass its own checks. Please report it with the "
                        + "failing check and excerpt above and the app's app-spec.json, which reproduces it "
                        + "(autonoma generate --spec app-spec.json). The app is on disk.");
            } else {
                err.println("The app is on disk; fix the failing check" + (failed.size() > 1 ? "s" : "") + " above.");
            }
            return GenerateCommand.VERIFY_FAILED;
        }
        if (!missing.isEmpty()) {
            missing.forEach(c -> err.println("not verified: " + c.check() + ": " + c.excerpt()));
            return GenerateCommand.NOT_VERIFIED;
        }
        out.println("All " + checks.size() + " checks passed.");
        return 0;
    }
}
