package io.autonoma.llm.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * Syntax check of generated or model-written source with tree-sitter: Python ({@code .py}),
 * TypeScript ({@code .ts}, {@code .mts}) and TSX/JSX ({@code .tsx}, {@code .jsx}, {@code .js}, {@code .mjs}).
 * A first, fast gate: passing it means the file parses, not that it type-checks or runs; the real
 * tools (mypy, tsc…) come after. Thread-safe: each call uses its own parser.
 */
public final class CodeValidator {

    /** One syntax problem: 1-based line and column, and what tree-sitter saw there. */
    public record SyntaxProblem(String path, int line, int column, String message) {
        @Override
        public String toString() {
            return path + ":" + line + ":" + column + ": " + message;
        }
    }

    private CodeValidator() {}

    /** Whether {@link #validate} understands files with this path's extension. */
    public static boolean supports(String path) {
        return language(path).isPresent();
    }

    /** Problems found (empty when the file parses cleanly, or when the language is not supported). */
    public static List<SyntaxProblem> validate(String path, String source) {
        Optional<TSLanguage> lang = language(path);
        if (lang.isEmpty()) {
            return List.of();
        }
        TSParser parser = new TSParser();
        parser.setLanguage(lang.get());
        TSTree tree = parser.parseString(null, source);
        List<SyntaxProblem> out = new ArrayList<>();
        collect(tree.getRootNode(), path, source, out);
        return out;
    }

    private static void collect(TSNode node, String path, String source, List<SyntaxProblem> out) {
        if (out.size() >= 20 || !node.hasError() && !node.isMissing()) {
            return;
        }
        if (node.isMissing()) {
            out.add(problem(path, node, "missing " + node.getType()));
            return;
        }
        if (node.getType().equals("ERROR")) {
            String text = snippet(source, node);
            out.add(problem(path, node, "syntax error near '" + text + "'"));
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collect(node.getChild(i), path, source, out);
        }
    }

    private static SyntaxProblem problem(String path, TSNode node, String message) {
        return new SyntaxProblem(path, node.getStartPoint().getRow() + 1, node.getStartPoint().getColumn() + 1, message);
    }

    private static String snippet(String source, TSNode node) {
        byte[] bytes = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int start = Math.min(node.getStartByte(), bytes.length);
        int end = Math.min(Math.min(node.getEndByte(), bytes.length), start + 40);
        return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8).replace("\n", "\\n");
    }

    private static Optional<TSLanguage> language(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".py")) return Optional.of(new TreeSitterPython());
        if (p.endsWith(".ts") || p.endsWith(".mts") || p.endsWith(".cts")) return Optional.of(new TreeSitterTypescript());
        if (p.endsWith(".tsx") || p.endsWith(".jsx") || p.endsWith(".js") || p.endsWith(".mjs")) return Optional.of(new TreeSitterTsx());
        return Optional.empty();
    }
}
