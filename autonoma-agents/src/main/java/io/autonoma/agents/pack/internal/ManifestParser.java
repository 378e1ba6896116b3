package io.autonoma.agents.pack.internal;

import io.autonoma.agents.pack.InvalidPackException;
import io.autonoma.agents.pack.PackManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks a pack's {@code pack.txt} ({@link PackManifest#read}). */
public final class ManifestParser {
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ManifestParser() {}

    public static PackManifest read(ClassLoader loader, String folder) {
        String dir = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        if (dir.isBlank() || dir.startsWith("/") || dir.contains("\\") || List.of(dir.split("/")).contains("..")) {
            throw new InvalidPackException("template pack folder '" + folder + "' must be a relative class-path folder such as "
                    + "templates/my-pack");
        }
        String resource = dir + "/" + PackManifest.FILE;
        String text;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidPackException("template pack folder '" + dir + "' has no " + PackManifest.FILE + " on the class path; "
                        + "add " + resource + " listing the pack's templates ('template -> output' per line)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        List<PackManifest.Entry> entries = new ArrayList<>();
        Set<String> fixedOutputs = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String at = resource + " line " + (i + 1) + " ('" + l + "')";
            int arrow = l.indexOf("->");
            if (arrow < 0) {
                throw new InvalidPackException(at + ": needs 'template -> output', e.g. app/main.py.mustache -> backend/app/main.py");
            }
            String template = l.substring(0, arrow).strip();
            String rest = l.substring(arrow + 2).strip();
            String each = "";
            int sp = rest.lastIndexOf(" each=");
            if (sp >= 0) {
                each = rest.substring(sp + 6).strip();
                rest = rest.substring(0, sp).strip();
                if (!PROPERTY.matcher(each).matches()) {
                    throw new InvalidPackException(at + ": each= needs the name of a collection of the pack's view, e.g. each=entities");
                }
            }
            if (template.isEmpty() || rest.isEmpty()) {
                throw new InvalidPackException(at + ": needs a template before '->' and an output path after it");
            }
            if (rest.chars().anyMatch(Character::isWhitespace)) {
                String[] words = rest.split("\\s+", 2);
                throw new InvalidPackException(at + ": unexpected '" + words[1] + "' after the output path '" + words[0]
                        + "'; the only option is each=<collection>");
            }
            if (!relative(template)) {
                throw new InvalidPackException(at + ": template '" + template + "' must be a path inside the pack folder " + dir);
            }
            if (!relative(rest)) {
                throw new InvalidPackException(at + ": output '" + rest + "' must be a relative path inside the project "
                        + "(no leading '/', no '..', no '\\\\')");
            }
            if (loader.getResource(dir + "/" + template) == null) {
                throw new InvalidPackException(at + ": template '" + template + "' is not in " + dir + "/ on the class path; add "
                        + dir + "/" + template + " or fix the line");
            }
            if (!each.isEmpty() || rest.contains("{{") || fixedOutputs.add(rest)) {
                entries.add(new PackManifest.Entry(i + 1, template, rest, each));
            } else {
                throw new InvalidPackException(at + ": output '" + rest + "' is already written by an earlier line; "
                        + "remove one of the lines");
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidPackException(resource + " lists no files; add a line 'template -> output' per file");
        }
        return new PackManifest(dir, entries);
    }

    private static boolean relative(String path) {
        return !path.startsWith("/") && !path.contains("\\") && !List.of(path.split("/")).contains("..") && !path.contains("\0");
    }
}
