package io.autonoma.mcp.internal;

import java.util.Locale;
import java.util.Map;

/** The MIME type of a generated file, from its name. */
public final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("py", "text/x-python"), Map.entry("ts", "text/typescript"), Map.entry("tsx", "text/tsx"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("cjs", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("md", "text/markdown"), Map.entry("css", "text/css"),
            Map.entry("html", "text/html"), Map.entry("yml", "application/yaml"), Map.entry("yaml", "application/yaml"),
            Map.entry("toml", "application/toml"), Map.entry("ini", "text/plain"), Map.entry("txt", "text/plain"),
            Map.entry("cfg", "text/plain"), Map.entry("sql", "application/sql"), Map.entry("sh", "text/x-shellscript"),
            Map.entry("mako", "text/plain"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("zip", "application/zip"));
    private static final Map<String, String> BY_NAME = Map.of("Dockerfile", "text/plain", "Makefile", "text/plain",
            ".gitignore", "text/plain", ".dockerignore", "text/plain", ".env.example", "text/plain");

    private MimeTypes() {}

    public static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String known = BY_NAME.get(name);
        if (known != null) return known;
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }

    /** Whether the content is sent as text (else as a base64 blob). */
    public static boolean isText(String mime) {
        return mime.startsWith("text/") || mime.equals("application/json") || mime.equals("application/yaml")
                || mime.equals("application/toml") || mime.equals("application/sql") || mime.equals("image/svg+xml");
    }
}
