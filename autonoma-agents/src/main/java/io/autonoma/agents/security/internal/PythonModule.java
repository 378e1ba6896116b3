package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PyToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structure of one Python module that the security review reads, built on
 * {@link PythonTokenizer}'s tokens: logical statements and their block depth, imports, module-level
 * assignments, every function (decorators, parameters with annotation and default, body), every
 * class (bases, annotated fields, body) and every call (dotted callee, positional and keyword
 * arguments). Not a Python parser: only these shapes, read exactly; a decorator that decorates
 * no function or class makes the module unreadable.
 */
public final class PythonModule {
    /** A logical line: tokens {@code [start, end)}, nested {@code depth} blocks deep. */
    public record Statement(int start, int end, int depth, int line) {}

    /** A call argument: {@code keyword} is empty for a positional one ({@code *x} and {@code **x} included). */
    public record Arg(Optional<String> keyword, List<PyToken> value) {}

    /** {@code callee(args)} where callee is a dotted name, e.g. {@code router.post} or {@code Depends}. */
    public record Call(String callee, List<Arg> args, int line) {
        public Optional<List<PyToken>> keyword(String name) {
            return args.stream().filter(a -> a.keyword().equals(Optional.of(name))).map(Arg::value).findFirst();
        }

        public List<List<PyToken>> positional() {
            return args.stream().filter(a -> a.keyword().isEmpty()).map(Arg::value).toList();
        }
    }

    /** A parameter; annotation and default are empty token lists when absent. */
    public record Param(String name, List<PyToken> annotation, List<PyToken> defaultValue) {}

    /** The tokens after {@code @} of one decorator. */
    public record Decorator(List<PyToken> tokens, int line) {}

    /** A {@code def} or {@code async def}; {@code body} holds the tokens after the header's colon; depth 0 is module level. */
    public record Function(String name, int line, int depth, List<Decorator> decorators, List<Param> params, List<PyToken> body) {}

    /** A class: its bases (each as tokens), the names of its annotated fields, its body's tokens; depth 0 is module level. */
    public record ClassDef(String name, int line, int depth, List<List<PyToken>> bases, List<String> fields, List<PyToken> body) {}

    private final String path;
    private final List<PyToken> tokens;
    private final List<Statement> statements = new ArrayList<>();
    private final Map<String, String> imports = new LinkedHashMap<>();
    private final Map<String, List<PyToken>> assignments = new LinkedHashMap<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<ClassDef> classes = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();

    private PythonModule(String path, List<PyToken> tokens) {
        this.path = path;
        this.tokens = tokens;
    }

    /** Reads a module; {@code path} only names it. */
    public static PythonModule read(String path, String source) throws UnreadableSourceException {
        PythonModule m = new PythonModule(path, PythonTokenizer.tokenize(source));
        m.splitStatements();
        m.readStatements();
        m.readCalls();
        return m;
    }

    public String path() {
        return path;
    }

    public List<PyToken> tokens() {
        return tokens;
    }

    public List<Statement> statements() {
        return List.copyOf(statements);
    }

    /** Local name → what it is bound to: {@code import a.b as c} gives c → a.b, {@code from x import y} gives y → x.y. */
    public Map<String, String> imports() {
        return Map.copyOf(imports);
    }

    /** Module-level {@code NAME = value} and {@code NAME: T = value}: name → value tokens (the last one wins). */
    public Map<String, List<PyToken>> assignments() {
        return Map.copyOf(assignments);
    }

    public List<Function> functions() {
        return List.copyOf(functions);
    }

    public List<ClassDef> classes() {
        return List.copyOf(classes);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose callee is spelled {@code callee} or ends with {@code "." + callee}. */
    public List<Call> callsTo(String callee) {
        return calls.stream().filter(c -> c.callee().equals(callee) || c.callee().endsWith("." + callee)).toList();
    }

    /** Whether {@code local} is bound by an import to {@code qualified} (e.g. PasswordHasher → argon2.PasswordHasher). */
    public boolean imports(String local, String qualified) {
        return qualified.equals(imports.get(local));
    }

    /** Whether the module itself (not an import) binds {@code name} at module level: a def, a class or an assignment. */
    public boolean defines(String name) {
        return assignments.containsKey(name) || functions.stream().anyMatch(f -> f.depth() == 0 && f.name().equals(name))
                || classes.stream().anyMatch(c -> c.depth() == 0 && c.name().equals(name));
    }

    // ---------------------------------------------------------------- reading

    private void splitStatements() {
        int depth = 0;
        int start = -1;
        for (int i = 0; i < tokens.size(); i++) {
            PyToken t = tokens.get(i);
            switch (t.kind()) {
                case INDENT -> depth++;
                case DEDENT -> depth--;
                case NEWLINE -> {
                    if (start >= 0) {
                        statements.add(new Statement(start, i, depth, tokens.get(start).line()));
                        start = -1;
                    }
                }
                case END -> { }
                default -> {
                    if (start < 0) {
                        start = i;
                    }
                }
            }
        }
    }

    private void readStatements() throws UnreadableSourceException {
        List<Decorator> pending = new ArrayList<>();
        for (int si = 0; si < statements.size(); si++) {
            Statement s = statements.get(si);
            List<PyToken> st = tokens.subList(s.start(), s.end());
            PyToken first = st.get(0);
            if (first.is("@")) {
                pending.add(new Decorator(st.subList(1, st.size()), s.line()));
                continue;
            }
            int def = first.is("async") && st.size() > 1 ? 1 : 0;
            if (st.get(def).is("def")) {
                functions.add(function(st, def, s, pending, body(si)));
                pending = new ArrayList<>();
                continue;
            }
            if (!pending.isEmpty() && !first.is("class")) {
                throw new UnreadableSourceException(pending.get(0).line(), "a decorator that decorates no function or class");
            }
            pending = new ArrayList<>();
            if (first.is("class")) {
                classes.add(classDef(st, s, body(si), si));
            } else if (first.is("import") || first.is("from")) {
                readImport(st);
            } else if (s.depth() == 0) {
                readAssignment(st);
            }
        }
        if (!pending.isEmpty()) {
            throw new UnreadableSourceException(pending.get(0).line(), "a decorator at the end of the module");
        }
    }

    /** The tokens of statement {@code si}'s block: after its header's colon to the end of its last nested statement. */
    private List<PyToken> body(int si) {
        Statement header = statements.get(si);
        int colon = headerColon(header);
        int end = header.end();
        for (int j = si + 1; j < statements.size() && statements.get(j).depth() > header.depth(); j++) {
            end = statements.get(j).end();
        }
        return tokens.subList(colon + 1, end);
    }

    /** Index of the colon that ends a def/class header: the first one outside brackets. */
    private int headerColon(Statement header) {
        int colon = indexOfTopLevel(tokens.subList(header.start(), header.end()), ":");
        return colon < 0 ? header.end() - 1 : header.start() + colon;
    }

    private Function function(List<PyToken> st, int def, Statement s, List<Decorator> decorators, List<PyToken> body)
            throws UnreadableSourceException {
        int open = def + 2;
        if (st.size() > open && st.get(open).is("[")) {
            open = matching(st, open) + 1; // type parameters: def f[T](x: T)
        }
        if (st.size() < open + 2 || st.get(def + 1).kind() != Kind.NAME || !st.get(open).is("(")) {
            throw new UnreadableSourceException(s.line(), "a def without a name and parameter list");
        }
        int close = matching(st, open);
        List<Param> params = new ArrayList<>();
        for (List<PyToken> p : splitTopLevel(st.subList(open + 1, close), ",")) {
            if (!p.isEmpty()) {
                params.add(param(p, s.line()));
            }
        }
        return new Function(st.get(def + 1).text(), s.line(), s.depth(), List.copyOf(decorators), List.copyOf(params), body);
    }

    private static Param param(List<PyToken> p, int line) throws UnreadableSourceException {
        int eq = indexOfTopLevel(p, "=");
        List<PyToken> head = eq < 0 ? p : p.subList(0, eq);
        List<PyToken> dflt = eq < 0 ? List.of() : p.subList(eq + 1, p.size());
        int colon = indexOfTopLevel(head, ":");
        List<PyToken> nameTokens = colon < 0 ? head : head.subList(0, colon);
        List<PyToken> annotation = colon < 0 ? List.of() : head.subList(colon + 1, head.size());
        String name = nameTokens.stream().map(PyToken::text).reduce("", String::concat);
        if (name.isEmpty()) {
            throw new UnreadableSourceException(line, "a parameter without a name");
        }
        return new Param(name, List.copyOf(annotation), List.copyOf(dflt));
    }

    private ClassDef classDef(List<PyToken> st, Statement s, List<PyToken> body, int si) throws UnreadableSourceException {
        if (st.size() < 2 || st.get(1).kind() != Kind.NAME) {
            throw new UnreadableSourceException(s.line(), "a class without a name");
        }
        List<List<PyToken>> bases = List.of();
        if (st.size() > 2 && st.get(2).is("(")) {
            bases = splitTopLevel(st.subList(3, matching(st, 2)), ",").stream().filter(b -> !b.isEmpty()).toList();
        }
        List<String> fields = new ArrayList<>();
        for (int j = si + 1; j < statements.size() && statements.get(j).depth() > s.depth(); j++) {
            Statement f = statements.get(j);
            if (f.depth() == s.depth() + 1 && f.end() - f.start() >= 2 && tokens.get(f.start()).kind() == Kind.NAME
                    && tokens.get(f.start() + 1).is(":")) {
                fields.add(tokens.get(f.start()).text());
            }
        }
        return new ClassDef(st.get(1).text(), s.line(), s.depth(), bases, List.copyOf(fields), body);
    }

    private void readImport(List<PyToken> st) {
        if (st.get(0).is("import")) {
            for (List<PyToken> part : splitTopLevel(st.subList(1, st.size()), ",")) {
                int as = indexOfTopLevel(part, "as");
                String module = joined(as < 0 ? part : part.subList(0, as));
                String local = as < 0 ? module.split("\\.")[0] : joined(part.subList(as + 1, part.size()));
                imports.put(local, as < 0 ? local : module);
            }
            return;
        }
        int imp = indexOfTopLevel(st, "import");
        if (imp < 0) {
            return;
        }
        String module = joined(st.subList(1, imp));
        List<PyToken> names = st.subList(imp + 1, st.size());
        if (!names.isEmpty() && names.get(0).is("(")) {
            names = names.subList(1, names.size() - 1);
        }
        for (List<PyToken> part : splitTopLevel(names, ",")) {
            if (part.isEmpty() || part.get(0).is("*")) {
                continue;
            }
            int as = indexOfTopLevel(part, "as");
            String name = joined(as < 0 ? part : part.subList(0, as));
            String local = as < 0 ? name : joined(part.subList(as + 1, part.size()));
            imports.put(local, module + (module.endsWith(".") ? "" : ".") + name);
        }
    }

    private void readAssignment(List<PyToken> st) {
        if (st.size() < 3 || st.get(0).kind() != Kind.NAME) {
            return;
        }
        int eq = indexOfTopLevel(st, "=");
        if (eq == 1 || eq > 1 && st.get(1).is(":")) {
            assignments.put(st.get(0).text(), List.copyOf(st.subList(eq + 1, st.size())));
        }
    }

    private void readCalls() throws UnreadableSourceException {
        for (int i = 0; i < tokens.size(); i++) {
            PyToken t = tokens.get(i);
            boolean chainStart = t.kind() == Kind.NAME && (i == 0 || !tokens.get(i - 1).is("."))
                    && !(i > 0 && (tokens.get(i - 1).is("def") || tokens.get(i - 1).is("class")));
            if (!chainStart) {
                continue;
            }
            int j = i + 1;
            while (j + 1 < tokens.size() && tokens.get(j).is(".") && tokens.get(j + 1).kind() == Kind.NAME) {
                j += 2;
            }
            if (j < tokens.size() && tokens.get(j).is("(")) {
                int close = matching(tokens, j);
                calls.add(new Call(joined(tokens.subList(i, j)), arguments(tokens.subList(j + 1, close)), t.line()));
            }
        }
    }

    /** The call {@code ts} spells exactly ({@code a.b(args)} and nothing after), or empty. */
    public static Optional<Call> callOf(List<PyToken> ts) throws UnreadableSourceException {
        int open = 0;
        while (open < ts.size() && !ts.get(open).is("(")) {
            open++;
        }
        if (open == 0 || open >= ts.size() || !ts.get(ts.size() - 1).is(")") || matching(ts, open) != ts.size() - 1) {
            return Optional.empty();
        }
        Optional<String> callee = dottedName(ts.subList(0, open));
        if (callee.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Call(callee.get(), arguments(ts.subList(open + 1, ts.size() - 1)), ts.get(0).line()));
    }

    private static List<Arg> arguments(List<PyToken> inside) {
        List<Arg> args = new ArrayList<>();
        for (List<PyToken> a : splitTopLevel(inside, ",")) {
            if (a.isEmpty()) {
                continue;
            }
            boolean kw = a.size() >= 2 && a.get(0).kind() == Kind.NAME && a.get(1).is("=");
            args.add(kw ? new Arg(Optional.of(a.get(0).text()), List.copyOf(a.subList(2, a.size())))
                    : new Arg(Optional.empty(), List.copyOf(a)));
        }
        return List.copyOf(args);
    }

    // ---------------------------------------------------------------- token helpers

    /** The index of the bracket that closes the one at {@code open}. */
    static int matching(List<PyToken> ts, int open) throws UnreadableSourceException {
        int depth = 0;
        for (int i = open; i < ts.size(); i++) {
            PyToken t = ts.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        throw new UnreadableSourceException(ts.get(open).line(), "'" + ts.get(open).text() + "' is never closed in its statement");
    }

    /** {@code ts} split at the separators that are not inside brackets (empty parts kept). */
    public static List<List<PyToken>> splitTopLevel(List<PyToken> ts, String separator) {
        List<List<PyToken>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < ts.size(); i++) {
            PyToken t = ts.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && t.is(separator)) {
                parts.add(ts.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(ts.subList(start, ts.size()));
        return parts;
    }

    /** The index of the first {@code op} outside brackets, or -1. */
    static int indexOfTopLevel(List<PyToken> ts, String op) {
        List<List<PyToken>> parts = splitTopLevel(ts, op);
        return parts.size() > 1 ? parts.get(0).size() : -1;
    }

    /** The dotted name the tokens spell exactly ({@code a.b.c}), or empty. */
    public static Optional<String> dottedName(List<PyToken> ts) {
        if (ts.isEmpty() || ts.size() % 2 == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < ts.size(); i++) {
            if (i % 2 == 0 ? ts.get(i).kind() != Kind.NAME : !ts.get(i).is(".")) {
                return Optional.empty();
            }
        }
        return Optional.of(joined(ts));
    }

    private static String joined(List<PyToken> ts) {
        StringBuilder b = new StringBuilder();
        ts.forEach(t -> b.append(t.text()));
        return b.toString();
    }
}
