package io.autonoma.agents.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backend of a generated app (FastAPI, {@code backend/}) as a preview: its migrations applied to a SQLite file of
 * its own ({@code backend/preview.db}), then uvicorn on the preview's loopback port. The URL is the API's interactive
 * documentation ({@code /docs}). {@code python} must have the backend's requirements installed (a venv of
 * {@code backend/requirements.txt}). The secret key is random, made once per preview directory and kept in
 * {@value #SECRET_KEY_FILE} (owner-only), so that a restart on the same data keeps its users' sessions valid.
 */
public final class FastApiPreviewLauncher implements PreviewLauncher {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The preview's data in {@code backend/}: what a restart on the same data keeps. */
    public static final String DATABASE_FILE = "preview.db";
    public static final String SECRET_KEY_FILE = ".preview-secret-key";
    private final Path python;

    /** {@code python}: an interpreter with the backend's requirements, e.g. {@code <venv>/bin/python}. */
    public FastApiPreviewLauncher(Path python) {
        this.python = Objects.requireNonNull(python, "python");
    }

    @Override
    public List<String> ports() {
        return List.of("backend");
    }

    @Override
    public List<Process> processes(Path directory, Map<String, Integer> ports) {
        return List.of(backend(python, directory, ports.get("backend"), Map.of()));
    }

    /**
     * The backend's process: migrations onto {@code backend/preview.db}, then uvicorn on 127.0.0.1:{@code port}, with the
     * directory's secret key and {@code environment} added (e.g. the frontend's origin for CORS).
     */
    static Process backend(Path python, Path directory, int port, Map<String, String> environment) {
        Path backend = directory.resolve("backend");
        if (!Files.isRegularFile(backend.resolve("app/main.py"))) {
            throw new IllegalArgumentException(directory + " has no generated FastAPI backend (backend/app/main.py)");
        }
        String py = python.toString();
        // one process: a failed migration ends it, and the supervisor reports it with alembic's output
        String script = "\"$0\" -m alembic upgrade head && exec \"$0\" -m uvicorn app.main:app --host 127.0.0.1 --port \"$1\"";
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(Map.of(
                "DATABASE_URL", "sqlite+aiosqlite:///./" + DATABASE_FILE,
                "SECRET_KEY", secretKey(backend.resolve(SECRET_KEY_FILE)),
                "ENVIRONMENT", "development",
                "PYTHONUNBUFFERED", "1"));
        return new Process("backend", List.of("sh", "-c", script, py, Integer.toString(port)), backend, env);
    }

    @Override
    public String url(Map<String, Integer> ports) {
        return "http://127.0.0.1:" + ports.get("backend") + "/docs";
    }

    private static String secretKey(Path file) {
        try {
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String kept = Files.readString(file).strip();
                if (kept.length() >= 64) {
                    return kept;
                }
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            String hex = HexFormat.of().formatHex(key);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, hex);
            return hex;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the preview's secret key in " + file, e);
        }
    }
}
