package io.autonoma.core.guard;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.GenerationRequest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Treats prompts as data. {@link #check(String)} rejects input that cannot be a genuine app
 * description (empty, too long, binary) and neutralises text aimed at a language model or at the
 * generated code: instruction overrides ("ignore previous instructions"), chat-template and
 * tool-call spoofing, and markup (HTML tags, code fences, template delimiters) that could end up
 * in generated files. The cleaned prompt keeps the words that describe the app.
 */
public final class PromptGuard {
    /** The longest prompt accepted unless configured otherwise: the one prompt-length limit of Autonoma. */
    public static final int DEFAULT_MAX_CHARS = 20_000;

    /**
     * Request option set by {@link #apply(GenerationRequest)}: what the guard removed from the prompt
     * ({@link Result#summary()}), absent when nothing was. Agents report it (the analyst notes it in the spec).
     */
    public static final String NOTE_OPTION = "autonoma.prompt-guard";

    private static final List<Pattern> INJECTIONS = List.of(
            Pattern.compile("(?i)\\b(ignore|disregard|forget|override)\\b[^.\\n]{0,40}\\b(previous|prior|above|earlier|all|system|your)\\b[^.\\n]{0,40}\\b(instructions?|prompts?|rules?|messages?|context)\\b[^.\\n]*"),
            Pattern.compile("(?i)\\byou are now\\b[^.\\n]*"),
            Pattern.compile("(?i)\\b(new|updated) (system )?instructions?\\s*:[^\\n]*"),
            Pattern.compile("(?i)\\b(system|assistant|developer)\\s*(prompt|message)?\\s*:\\s*"),
            Pattern.compile("(?i)\\b(reveal|print|show|output|leak)\\b[^.\\n]{0,30}\\b(system prompt|api[ _-]?key|secrets?|environment variables|env vars|password)s?\\b[^.\\n]*"),
            Pattern.compile("(?i)\\b(run|execute|exec)\\b[^.\\n]{0,20}\\b(shell|command|bash|sh|curl|wget|rm -rf|os\\.system|subprocess)\\b[^.\\n]*"));
    private static final List<Pattern> SPOOFING = List.of(
            Pattern.compile("(?i)<\\|[a-z_]{2,20}\\|>(\\s*(system|assistant|user)\\b)?"),      // <|im_start|>system
            Pattern.compile("(?i)</?\\s*(tool_call|tool_use|function_call|function_calls|invoke|parameter|system|assistant|user|antml:[a-z_]+)\\b[^>]*>"),
            Pattern.compile("(?i)\"(tool_calls|function_call|tool_use)\"\\s*:"),
            Pattern.compile("(?i)\\[/?(INST|SYS)\\]|<<SYS>>|<</SYS>>"),
            Pattern.compile("(?im)^\\s*#{1,6}\\s*(system|assistant|instructions?)\\b.*$"));
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z!][^>]{0,200}>");
    /** A fenced block is code, not a description: it goes whole, up to the closing fence or the end. */
    private static final Pattern FENCE = Pattern.compile("(?s)(```|~~~).*?(```|~~~|\\z)");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{|\\}\\}|\\{%|%\\}|\\$\\{|<%|%>");

    private final int maxChars;

    private PromptGuard(int maxChars) {
        this.maxChars = maxChars;
    }

    public static PromptGuard defaults() {
        return new PromptGuard(DEFAULT_MAX_CHARS);
    }

    public static PromptGuard withMaxChars(int maxChars) {
        if (maxChars < 10) throw new IllegalArgumentException("maxChars must be at least 10");
        return new PromptGuard(maxChars);
    }

    /** The longest prompt this guard accepts, in characters. */
    public int maxChars() {
        return maxChars;
    }

    /**
     * The request with its prompt checked, as the request boundary ({@code Autonoma}) applies it: the
     * cleaned prompt, and {@link #NOTE_OPTION} when something was removed (a note already present, from
     * an earlier check of the same prompt, is kept). A request without a prompt is returned as it is.
     *
     * @throws RejectedPromptException as {@link #check(String)}
     */
    public GenerationRequest apply(GenerationRequest request) {
        if (request.prompt().isBlank()) {
            return request;
        }
        Result checked = check(request.prompt());
        GenerationRequest.Builder b = request.toBuilder().prompt(checked.prompt());
        if (checked.changed() && !request.options().containsKey(NOTE_OPTION)) {
            b.option(NOTE_OPTION, checked.summary());
        }
        return b.build();
    }

    /** What the guard removed from the request's prompt at the boundary ({@link #NOTE_OPTION}), if anything. */
    public static Optional<String> note(GenerationRequest request) {
        return Optional.ofNullable(request.options().get(NOTE_OPTION)).filter(n -> !n.isBlank());
    }

    /**
     * Returns the cleaned prompt and what was neutralised. Throws {@link RejectedPromptException}
     * when nothing usable is left or the input is empty, too long or binary.
     */
    public Result check(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw new RejectedPromptException("the prompt is empty; describe the app you want, e.g. "
                    + "\"a todo app where tasks have a title and a due date\"");
        }
        if (prompt.length() > maxChars) {
            throw new RejectedPromptException("the prompt has " + prompt.length() + " characters; the limit is " + maxChars
                    + ". Shorten it, or write an AppSpec JSON and generate from that");
        }
        int control = 0;
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (c == 0 || c == 0xFFFD || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) control++;
        }
        if (control > 0) {
            throw new RejectedPromptException("the prompt contains " + control
                    + " binary or control characters; send plain text (UTF-8)");
        }
        String text = Normalizer.normalize(prompt, Normalizer.Form.NFKC)
                .replaceAll("[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]", "");
        List<String> findings = new ArrayList<>();
        text = strip(text, SPOOFING, "role or tool-call markup", findings);
        text = strip(text, INJECTIONS, "instructions aimed at the model", findings);
        text = strip(text, List.of(FENCE), "code fences", findings);
        text = strip(text, List.of(HTML_TAG), "HTML/XML tags", findings);
        text = strip(text, List.of(TEMPLATE), "template delimiters", findings);
        text = text.replaceAll("[ \\t]{2,}", " ").replaceAll("\\n{3,}", "\n\n").strip();
        if (text.replaceAll("[^\\p{L}]", "").length() < 3) {
            throw new RejectedPromptException("nothing describing an app is left after removing "
                    + String.join(", ", findings.isEmpty() ? List.of("punctuation") : findings)
                    + "; describe the entities and fields you need in plain words");
        }
        return new Result(text, List.copyOf(findings));
    }

    private static String strip(String text, List<Pattern> patterns, String what, List<String> findings) {
        String out = text;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                if (!findings.contains(what)) findings.add(what);
                out = m.replaceAll(" ");
            }
        }
        return out;
    }

    /** The prompt to use and what was removed from it (empty when nothing was). */
    public record Result(String prompt, List<String> neutralised) {
        public boolean changed() {
            return !neutralised.isEmpty();
        }

        public String summary() {
            return changed() ? "removed " + String.join(", ", neutralised).toLowerCase(Locale.ROOT) + " from the prompt" : "";
        }
    }

    /** The prompt cannot be used; the message says why and what to do. */
    public static class RejectedPromptException extends AutonomaException {
        public RejectedPromptException(String message) {
            super(message);
        }
    }
}
