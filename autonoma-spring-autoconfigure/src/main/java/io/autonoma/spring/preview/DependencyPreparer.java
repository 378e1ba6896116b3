package io.autonoma.spring.preview;

import io.autonoma.agents.preview.DependencyCache;
import io.autonoma.agents.preview.FullStackPreviewLauncher;
import io.autonoma.agents.preview.PreviewLauncher;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Prepares a generated app (FastAPI {@code backend/} + Next.js {@code frontend/}) from a {@link DependencyCache}: the
 * backend's virtualenv and the frontend's {@code node_modules} are installed once per requirements and lockfile hash
 * (both at once), and the cached {@code node_modules} is linked into {@code frontend/} as a tree of hard links (Next.js's
 * Turbopack refuses a symbolic link out of the project). Runs it with a {@link FullStackPreviewLauncher}.
 */
public final class DependencyPreparer implements Preparer {
    private final DependencyCache cache;
    private final Path node;

    /** {@code node}: the Node.js executable that runs {@code next dev} (a path, or a name on the PATH). */
    public DependencyPreparer(DependencyCache cache, Path node) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public PreviewLauncher prepare(Path app, Consumer<String> log) {
        Path backend = app.resolve("backend");
        Path frontend = app.resolve("frontend");
        if (!Files.isRegularFile(backend.resolve("requirements.txt")) || !Files.isRegularFile(frontend.resolve("package.json"))) {
            throw new IllegalArgumentException("the project is not a full generated app: it needs backend/requirements.txt and "
                    + "frontend/package.json to be previewed");
        }
        long t0 = System.nanoTime();
        log.accept("[prepare] installing the backend's requirements and the frontend's packages (cached in " + cache.directory() + ")");
        CompletableFuture<Path> python = CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            Path p = cache.python(backend);
            log.accept("[prepare] backend: virtualenv ready (" + seconds(t) + ")");
            return p;
        }, r -> {
            Thread th = new Thread(r, "autonoma-preview-pip");
            th.setDaemon(true);
            th.start();
        });
        Path modules;
        try {
            modules = cache.nodeModules(frontend);
        } catch (RuntimeException e) {
            python.cancel(false);
            throw e;
        }
        log.accept("[prepare] frontend: node_modules ready (" + seconds(t0) + ")");
        Path target = frontend.resolve("node_modules");
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            DependencyCache.deleteTree(target);
        }
        long t1 = System.nanoTime();
        DependencyCache.linkTree(modules, target);
        log.accept("[prepare] frontend: node_modules linked into the app (" + seconds(t1) + ")");
        Path interpreter;
        try {
            interpreter = python.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        log.accept("[prepare] dependencies ready in " + seconds(t0));
        return new FullStackPreviewLauncher(interpreter, node);
    }

    private static String seconds(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }
}
