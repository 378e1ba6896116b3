package io.autonoma.agents.backend;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders a spec's backend and its tests into a directory without the CLI:
 * {@code java -cp ... io.autonoma.agents.backend.RenderBackend app-spec.json out/}. Writes
 * {@code out/app-spec.json} and {@code out/backend/**}.
 */
public final class RenderBackend {
    private RenderBackend() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RenderBackend <spec.json> <outDir>");
            System.exit(2);
        }
        AppSpec spec = AppSpecJson.read(Path.of(args[0]));
        int n = render(spec, Path.of(args[1]));
        System.out.println("wrote " + n + " files to " + args[1]);
    }

    /** Writes the files and returns how many were written. */
    public static int render(AppSpec spec, Path outDir) throws IOException {
        Map<String, String> files = new BackendTemplates().all(spec);
        write(outDir.resolve("app-spec.json"), AppSpecJson.write(spec));
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(outDir.resolve(f.getKey()), f.getValue());
        }
        return files.size() + 1;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
