package io.autonoma.core.artifact;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * One version of one file of a project. {@code path} is normalised, relative, '/'-separated.
 * {@code version} starts at 1 and grows by one per put of the same path. {@code content} is a copy.
 */
public record Artifact(String projectId, String path, int version, byte[] content, String sha256, String producedBy, Instant createdAt) {

    public Artifact {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public long size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && projectId.equals(a.projectId) && path.equals(a.path) && version == a.version
                && Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return (projectId + path).hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return "Artifact[" + projectId + ":" + path + "@v" + version + ", " + content.length + " bytes]";
    }
}
