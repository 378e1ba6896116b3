package io.autonoma.agents.security;

import io.autonoma.core.AutonomaException;
import java.util.List;

/** The security review found problems that block the run; {@link #findings()} lists each with its file and line. */
public class SecurityReviewException extends AutonomaException {
    private final List<String> findings;

    public SecurityReviewException(List<String> findings) {
        super("security review blocked the run:\n  - " + String.join("\n  - ", findings)
                + "\nFix the templates or the spec that produced these files and generate again.");
        this.findings = List.copyOf(findings);
    }

    public List<String> findings() {
        return findings;
    }
}
