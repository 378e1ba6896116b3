package io.autonoma.agents.pack;

import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders built-in template packs of one spec into a directory, without the CLI or a pipeline, for scripts and CI:
 * {@code java -cp ... io.autonoma.agents.pack.RenderPacks <spec.json> <outDir> [pack...]} writes
 * {@code <outDir>/app-spec.json} and the files of the named packs (every built-in pack when none is named), e.g.
 * {@code backend-fastapi backend-fastapi-tests} for the backend and its tests. Nothing is written outside
 * {@code outDir}. Exit code 2 on bad arguments, 1 on an invalid spec or pack.
 */
public final class RenderPacks {
    private RenderPacks() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RenderPacks <spec.json> <outDir> [pack...]; packs: " + TemplatePacks.defaults().names());
            System.exit(2);
            return;
        }
        List<TemplatePack> packs;
        try {
            packs = packs(Arrays.asList(args).subList(2, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            AppSpec spec = AppSpecJson.read(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), TemplatePacks.of(packs).reservedNames());
            int n = write(spec, packs, Path.of(args[1]));
            System.out.println("wrote " + n + " files to " + args[1]);
        } catch (AutonomaException e) {
            System.err.println("cannot render " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** The built-in packs named, in the order given; all of them for none. */
    static List<TemplatePack> packs(List<String> names) {
        TemplatePacks all = TemplatePacks.defaults();
        if (names.isEmpty()) {
            return all.all();
        }
        List<TemplatePack> out = new ArrayList<>();
        for (String n : names) {
            out.add(all.named(n).orElseThrow(() -> new IllegalArgumentException("unknown pack '" + n + "'; packs: " + all.names())));
        }
        return out;
    }

    /**
     * Writes {@code app-spec.json} and the files of {@code packs} for {@code spec} under {@code outDir}; returns how many
     * files were written. Every path is checked to stay inside {@code outDir} before anything is written.
     */
    public static int write(AppSpec spec, List<TemplatePack> packs, Path outDir) throws IOException {
        TemplateRenderer renderer = new TemplateRenderer();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("app-spec.json", AppSpecJson.write(spec));
        for (TemplatePack pack : packs) {
            files.putAll(new PackAgent(pack, renderer).render(spec));
        }
        Map<Path, String> targets = new LinkedHashMap<>();
        files.forEach((path, content) -> targets.put(ArtifactPaths.resolveInside(outDir, path), content));
        for (Map.Entry<Path, String> f : targets.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.writeString(f.getKey(), f.getValue(), StandardCharsets.UTF_8);
        }
        return targets.size();
    }
}
