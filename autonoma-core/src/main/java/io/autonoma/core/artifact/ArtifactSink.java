package io.autonoma.core.artifact;

import java.util.List;
import java.util.Optional;

/** An agent's view of the run's project: write files, read what earlier agents wrote. */
public interface ArtifactSink {
    /** Writes a text file (UTF-8); publishes an {@code ArtifactWritten} event. */
    Artifact write(String path, String content);

    Optional<Artifact> read(String path);

    /** Latest version of every file so far, sorted by path. */
    List<Artifact> list();
}
