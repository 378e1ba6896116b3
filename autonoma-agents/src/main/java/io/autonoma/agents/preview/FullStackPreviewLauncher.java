package io.autonoma.agents.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generated app as a whole as a preview: its backend as {@link FastApiPreviewLauncher} runs it (migrations onto its
 * own SQLite file, uvicorn on the {@code backend} port, a fresh secret key), told to accept the frontend's origin
 * (CORS) and not to rate-limit the one user of a preview; and its frontend as {@code next dev} on the {@code frontend}
 * port, pointed at the backend ({@code NEXT_PUBLIC_API_URL}). The URL is the frontend's.
 *
 * <p>The app must be prepared first: {@code python} has the backend's requirements (a venv of
 * {@code backend/requirements.txt}, see {@link DependencyCache#python}), and {@code frontend/node_modules} holds the
 * frontend's packages as a real directory (Turbopack refuses a {@code node_modules} that is a symbolic link out of the
 * project: link the cached one in with {@link DependencyCache#linkTree}).
 */
public final class FullStackPreviewLauncher implements PreviewLauncher {
    private final Path python;
    private final Path node;

    /** {@code python}: an interpreter with the backend's requirements; {@code node}: the Node.js executable (a path, or a name on the PATH). */
    public FullStackPreviewLauncher(Path python, Path node) {
        this.python = Objects.requireNonNull(python, "python");
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public List<String> ports() {
        return List.of("backend", "frontend");
    }

    @Override
    public List<Process> processes(Path directory, Map<String, Integer> ports) {
        int backendPort = ports.get("backend");
        int frontendPort = ports.get("frontend");
        Path frontend = directory.resolve("frontend");
        if (!Files.isRegularFile(frontend.resolve("package.json"))) {
            throw new IllegalArgumentException(directory + " has no generated frontend (frontend/package.json)");
        }
        if (!Files.isRegularFile(frontend.resolve("node_modules/next/dist/bin/next"))) {
            throw new IllegalArgumentException(frontend + " has no node_modules with Next.js; install its packages first "
                    + "(DependencyCache.nodeModules, linked in with DependencyCache.linkTree)");
        }
        Process backend = FastApiPreviewLauncher.backend(python, directory, backendPort, Map.of(
                "CORS_ORIGINS", "http://127.0.0.1:" + frontendPort,
                "RATE_LIMIT_PER_MINUTE", "100000",
                "AUTH_RATE_LIMIT_PER_MINUTE", "100000"));
        Process next = new Process("frontend", List.of(node.toString(), "node_modules/next/dist/bin/next", "dev",
                "-H", "127.0.0.1", "-p", Integer.toString(frontendPort)), frontend, Map.of(
                "NEXT_PUBLIC_API_URL", backendUrl(ports),
                "NEXT_TELEMETRY_DISABLED", "1"));
        return List.of(backend, next);
    }

    /** {@code http://127.0.0.1:<frontend port>/}. */
    @Override
    public String url(Map<String, Integer> ports) {
        return "http://127.0.0.1:" + ports.get("frontend") + "/";
    }

    /** The backend's address, {@code http://127.0.0.1:<backend port>} (its health at {@code /health}, its API docs at {@code /docs}). */
    public static String backendUrl(Map<String, Integer> ports) {
        return "http://127.0.0.1:" + ports.get("backend");
    }
}
