package io.autonoma.core.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials written into files: provider key formats, private keys, and string literals
 * assigned to names like {@code secret}, {@code password}, {@code api_key}. Placeholders
 * ({@code change-me}, {@code ${VAR}}, {@code <your-key>}, {@code example}) and values read from
 * the environment are not findings. Findings never include the secret itself.
 */
public final class SecretScanner {
    /** Name of the rule for string literals assigned to secret-sounding names. */
    public static final String GENERIC_RULE = "hard-coded secret";

    private record Rule(String name, Pattern pattern, int valueGroup) {}

    private static final List<Rule> RULES = List.of(
            new Rule("AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), 0),
            new Rule("private key", Pattern.compile("-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----"), 0),
            new Rule("GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"), 0),
            new Rule("Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"), 0),
            new Rule("OpenAI-style API key", Pattern.compile("\\bsk-(proj-)?[A-Za-z0-9_-]{20,}\\b"), 0),
            new Rule("Anthropic API key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}\\b"), 0),
            new Rule("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0),
            new Rule("JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"), 0),
            new Rule(GENERIC_RULE, Pattern.compile(
                    "(?i)\\b[a-z_]*(secret|password|passwd|api[_-]?key|access[_-]?key|auth[_-]?token|private[_-]?key)[a-z_]*\\b"
                    + "[\"']?\\s*(:|=|:=)\\s*[rbf]?[\"']([^\"'\\s]{8,})[\"']"), 3));
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i).*(change[-_ ]?me|example|placeholder|your[-_]|dummy|sample|xxx|\\$\\{|\\{\\{|<[^>]+>|not[-_]?a[-_]?secret|replace|redacted|test[-_]?only|\\*\\*\\*).*");

    private SecretScanner() {}

    /** One finding: file, 1-based line, the rule name. */
    public record Finding(String path, int line, String rule) {
        @Override
        public String toString() {
            return path + ":" + line + ": " + rule;
        }
    }

    public static List<Finding> scan(String path, String content) {
        List<Finding> out = new ArrayList<>();
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(content);
            while (m.find()) {
                String value = m.group(r.valueGroup());
                if (r.valueGroup() != 0 && (PLACEHOLDER.matcher(value).matches() || value.chars().distinct().count() < 5)) {
                    continue;
                }
                out.add(new Finding(path, lineOf(content, m.start()), r.name()));
            }
        }
        return out;
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (s.charAt(i) == '\n') line++;
        }
        return line;
    }
}
