package io.autonoma.agents.frontend;

import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders the frontend of a spec into a directory, for scripts and CI:
 * {@code java -cp ... io.autonoma.agents.frontend.RenderFrontend <spec.json> <outDir>} writes
 * {@code <outDir>/frontend/...}. Exits 2 on bad arguments, 1 on an invalid spec.
 */
public final class RenderFrontend {
    private RenderFrontend() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RenderFrontend <spec.json> <outDir>");
            System.exit(2);
            return;
        }
        AppSpec spec;
        try {
            spec = AppSpecJson.read(Path.of(args[0]));
        } catch (RuntimeException e) {
            System.err.println("cannot read spec " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        int n = write(spec, Path.of(args[1]));
        System.out.println("wrote " + n + " files under " + Path.of(args[1]).resolve("frontend"));
    }

    /** Renders {@code spec} and writes the files below {@code outDir}; returns how many. */
    public static int write(AppSpec spec, Path outDir) throws IOException {
        Map<String, String> files = new FrontendAgent().render(spec);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = outDir.resolve(ArtifactPaths.normalize(f.getKey()));
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        return files.size();
    }
}
