package io.autonoma.core.artifact;

import java.nio.charset.StandardCharsets;

/** A request to store a new version of a file. {@code producedBy} names the agent (or "user"). */
public record ArtifactWrite(String projectId, String path, byte[] content, String producedBy) {
    public ArtifactWrite {
        if (content == null) {
            throw new IllegalArgumentException("artifact content must not be null (use an empty array)");
        }
        content = content.clone();
        producedBy = producedBy == null ? "unknown" : producedBy;
    }

    public static ArtifactWrite text(String projectId, String path, String content, String producedBy) {
        return new ArtifactWrite(projectId, path, content.getBytes(StandardCharsets.UTF_8), producedBy);
    }
}
