package io.autonoma.agents.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheVisitor;
import io.autonoma.agents.render.internal.CoalescingMustacheVisitor;
import io.autonoma.core.AutonomaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a template pack from the classpath with mustache.java, HTML escaping off (we generate
 * code, not HTML: the view models escape values for their target language).
 *
 * <p>A pack lives in {@code templates/<pack>/} and lists its files in {@code pack.txt}, one per line:
 * <pre>
 * # template (relative to the pack)     -> output path (a mustache template itself)   [each=&lt;property&gt;]
 * app/main.py.mustache                  -> backend/app/main.py
 * app/routers/entity.py.mustache        -> backend/app/routers/{{snake}}.py            each=entities
 * </pre>
 * With {@code each=entities} the file is rendered once per element of the root context's
 * {@code entities} property (a Map key, a no-arg method or a field), with that element pushed
 * on top of the context. Thread-safe; compiled templates are cached.
 */
public final class TemplateRenderer {
    private final MustacheFactory factory;
    private final Map<String, List<PackLine>> manifests = new ConcurrentHashMap<>();
    private final Map<String, Mustache> inline = new ConcurrentHashMap<>();

    public TemplateRenderer() {
        this.factory = new DefaultMustacheFactory("templates") {
            @Override
            public MustacheVisitor createMustacheVisitor() {
                return new CoalescingMustacheVisitor(this);
            }

            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Renders every file of a pack; returns output path → content in manifest order. */
    public Map<String, String> renderPack(String pack, Object root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PackLine line : manifest(pack)) {
            Mustache template = factory.compile(pack + "/" + line.template());
            if (line.each() == null) {
                put(out, render(inlineTemplate(line.output()), root), render(template, root), line);
            } else {
                for (Object item : collection(root, line.each(), pack)) {
                    Object[] scopes = {root, item};
                    put(out, render(inlineTemplate(line.output()), scopes), render(template, scopes), line);
                }
            }
        }
        return out;
    }

    /** Renders one template file of a pack (path relative to {@code templates/}). */
    public String render(String templatePath, Object... scopes) {
        return render(factory.compile(templatePath), scopes);
    }

    private static void put(Map<String, String> out, String path, String content, PackLine line) {
        if (path.isBlank() || path.contains("{{")) {
            throw new AutonomaException("template pack line '" + line.raw() + "' produced an invalid path '" + path + "'");
        }
        if (out.put(path, content) != null) {
            throw new AutonomaException("template pack produced '" + path + "' twice (line '" + line.raw() + "')");
        }
    }

    private Mustache inlineTemplate(String text) {
        return inline.computeIfAbsent(text, t -> factory.compile(new StringReader(t), "path:" + t));
    }

    private static String render(Mustache m, Object... scopes) {
        StringWriter w = new StringWriter();
        m.execute(w, scopes);
        return w.toString();
    }

    private List<PackLine> manifest(String pack) {
        return manifests.computeIfAbsent(pack, p -> {
            String resource = "templates/" + p + "/pack.txt";
            try (InputStream in = TemplateRenderer.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AutonomaException("template pack '" + p + "' not found: no " + resource + " on the classpath");
                }
                List<PackLine> lines = new ArrayList<>();
                for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String l = raw.strip();
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    int arrow = l.indexOf("->");
                    if (arrow < 0) throw new AutonomaException(resource + ": line '" + l + "' needs 'template -> output'");
                    String template = l.substring(0, arrow).strip();
                    String rest = l.substring(arrow + 2).strip();
                    String each = null;
                    int sp = rest.lastIndexOf(" each=");
                    if (sp >= 0) {
                        each = rest.substring(sp + 6).strip();
                        rest = rest.substring(0, sp).strip();
                    }
                    lines.add(new PackLine(template, rest, each, l));
                }
                return List.copyOf(lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Collection<?> collection(Object root, String property, String pack) {
        Object v;
        try {
            if (root instanceof Map<?, ?> m) {
                v = m.get(property);
            } else {
                Method method = findMethod(root.getClass(), property);
                if (method != null) {
                    method.setAccessible(true);
                    v = method.invoke(root);
                } else {
                    Field f = root.getClass().getDeclaredField(property);
                    f.setAccessible(true);
                    v = f.get(root);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AutonomaException("template pack '" + pack + "': root context has no property '" + property + "'", e);
        }
        if (v instanceof Collection<?> c) return c;
        throw new AutonomaException("template pack '" + pack + "': property '" + property + "' is not a collection");
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) return m;
        }
        return null;
    }

    private record PackLine(String template, String output, String each, String raw) {}
}
