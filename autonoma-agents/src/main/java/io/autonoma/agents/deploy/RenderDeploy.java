package io.autonoma.agents.deploy;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders the deployment files of one spec into a directory, without the CLI or a pipeline:
 * {@code java -cp ... io.autonoma.agents.deploy.RenderDeploy <spec.json> <outDir>}. Also copies the
 * spec to {@code <outDir>/app-spec.json}. Exit code 2 on bad arguments, 1 on an invalid spec.
 */
public final class RenderDeploy {
    private RenderDeploy() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RenderDeploy <spec.json> <outDir>");
            System.exit(2);
        }
        AppSpec spec;
        try {
            spec = AppSpecJson.read(Path.of(args[0]));
        } catch (RuntimeException e) {
            System.err.println("invalid spec " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Path out = Path.of(args[1]);
        Map<String, String> files = new DeploymentAgent().render(spec);
        write(out.resolve("app-spec.json"), AppSpecJson.write(spec));
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(out.resolve(f.getKey()), f.getValue());
        }
        System.out.println("wrote " + files.size() + " deployment files to " + out);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
