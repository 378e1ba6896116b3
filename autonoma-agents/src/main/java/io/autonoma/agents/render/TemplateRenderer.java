package io.autonoma.agents.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheVisitor;
import io.autonoma.agents.pack.InvalidPackException;
import io.autonoma.agents.pack.PackManifest;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.render.internal.CoalescingMustacheVisitor;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.spec.AppSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders template packs with mustache.java, HTML escaping off (we generate code, not HTML: the views escape
 * values for their target language). A pack's templates and manifest ({@link PackManifest}) are read from the
 * class path of the pack class's loader, so a pack in another jar works the same. Thread-safe; manifests and
 * compiled templates are cached.
 */
public final class TemplateRenderer {
    private final Map<ClassLoader, Templates> templates = new ConcurrentHashMap<>();
    private final Map<ManifestKey, PackManifest> manifests = new ConcurrentHashMap<>();

    private record ManifestKey(ClassLoader loader, String folder) {}

    /** Compiled templates of one class loader. */
    private static final class Templates {
        final MustacheFactory factory;
        final Map<String, Mustache> inline = new ConcurrentHashMap<>();

        Templates(ClassLoader loader) {
            this.factory = new DefaultMustacheFactory(name -> {
                InputStream in = loader.getResourceAsStream(name);
                return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
            }) {
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

        Mustache inline(String text) {
            return inline.computeIfAbsent(text, t -> factory.compile(new StringReader(t), "path:" + t));
        }
    }

    /**
     * Every file of {@code pack} for {@code spec}: project-relative path → content, in manifest order.
     *
     * @throws InvalidPackException when the pack's manifest or a template is missing or malformed, or a rendered
     *     path is empty, unsafe or written twice; the message names the manifest line
     */
    public Map<String, String> render(TemplatePack pack, AppSpec spec) {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(spec, "spec");
        ClassLoader loader = loader(pack.getClass());
        Object view = pack.view(spec);
        if (view == null) {
            throw new InvalidPackException("template pack '" + pack.descriptor().name() + "' built no view (null) for app '" + spec.name() + "'");
        }
        return render(manifest(pack), loader, view);
    }

    /** The manifest of {@code pack}, read once. */
    public PackManifest manifest(TemplatePack pack) {
        return manifest(loader(pack.getClass()), pack.descriptor().folder());
    }

    /** Renders the pack in folder {@code templates/<pack>} of this class's loader with {@code root} as the view. */
    public Map<String, String> renderPack(String pack, Object root) {
        ClassLoader loader = loader(TemplateRenderer.class);
        return render(manifest(loader, "templates/" + pack), loader, root);
    }

    private PackManifest manifest(ClassLoader loader, String folder) {
        return manifests.computeIfAbsent(new ManifestKey(loader, folder), k -> PackManifest.read(k.loader(), k.folder()));
    }

    private Map<String, String> render(PackManifest manifest, ClassLoader loader, Object root) {
        Templates t = templates.computeIfAbsent(loader, Templates::new);
        Map<String, String> out = new LinkedHashMap<>();
        for (PackManifest.Entry line : manifest.entries()) {
            Mustache template = t.factory.compile(manifest.folder() + "/" + line.template());
            Mustache path = t.inline(line.output());
            if (!line.perItem()) {
                put(out, render(path, root), render(template, root), manifest, line);
            } else {
                for (Object item : collection(root, line, manifest)) {
                    Object[] scopes = {root, item};
                    put(out, render(path, scopes), render(template, scopes), manifest, line);
                }
            }
        }
        return out;
    }

    private static String at(PackManifest manifest, PackManifest.Entry line) {
        return manifest.folder() + "/" + PackManifest.FILE + " line " + line.line();
    }

    private static void put(Map<String, String> out, String path, String content, PackManifest manifest, PackManifest.Entry line) {
        if (path.isBlank() || path.contains("{{")) {
            throw new InvalidPackException(at(manifest, line) + " produced an invalid path '" + path + "' from '" + line.output()
                    + "'; every {{name}} of the output path must be a value of the view");
        }
        String safe;
        try {
            safe = ArtifactPaths.normalize(path);
        } catch (UnsafePathException e) {
            throw new InvalidPackException(at(manifest, line) + " produced an unsafe path: " + e.getMessage(), e);
        }
        if (!safe.equals(path)) {
            throw new InvalidPackException(at(manifest, line) + " produced '" + path + "', which is not a normalized project path ('"
                    + safe + "'); fix the output path");
        }
        if (out.put(path, content) != null) {
            throw new InvalidPackException(at(manifest, line) + " produced '" + path + "' twice; make the output path unique per item");
        }
    }

    private static String render(Mustache m, Object... scopes) {
        StringWriter w = new StringWriter();
        m.execute(w, scopes);
        return w.toString();
    }

    private static ClassLoader loader(Class<?> type) {
        ClassLoader l = type.getClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    private static Collection<?> collection(Object root, PackManifest.Entry line, PackManifest manifest) {
        String property = line.each();
        Object v;
        try {
            if (root instanceof Map<?, ?> m) {
                if (!m.containsKey(property)) throw new NoSuchFieldException(property);
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
            throw new InvalidPackException(at(manifest, line) + ": each=" + property + " but the view (" + root.getClass().getSimpleName()
                    + ") has no property '" + property + "'; add it to the view or fix the line", e);
        }
        if (v instanceof Collection<?> c) return c;
        throw new InvalidPackException(at(manifest, line) + ": each=" + property + " but the view's '" + property
                + "' is " + (v == null ? "null" : "a " + v.getClass().getSimpleName()) + ", not a collection");
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) return m;
        }
        return null;
    }

    @Override
    public String toString() {
        return "TemplateRenderer[" + manifests.size() + " manifests]";
    }
}
