package io.autonoma.test;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.ArtifactWrite;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Minimal {@link ArtifactStore}s for tests of pipelines and agents, so they do not depend on a
 * particular store implementation. Not a reference implementation: use the core's in-memory store
 * in applications.
 */
public final class TestStores {
    private TestStores() {}

    /** A thread-safe store kept in concurrent maps; paths go through {@link ArtifactPaths#normalize}. */
    public static ArtifactStore mapBacked() {
        return new MapBacked();
    }

    private static final class MapBacked implements ArtifactStore {
        /** project → normalised path → versions, oldest first (each list guarded by itself). */
        private final Map<String, ConcurrentSkipListMap<String, List<Artifact>>> projects = new ConcurrentHashMap<>();

        @Override
        public Artifact put(ArtifactWrite write) {
            if (write == null || write.projectId() == null || write.projectId().isBlank()) {
                throw new IllegalArgumentException("a write needs a project id");
            }
            String path = ArtifactPaths.normalize(write.path());
            List<Artifact> versions = projects.computeIfAbsent(write.projectId(), k -> new ConcurrentSkipListMap<>())
                    .computeIfAbsent(path, k -> new ArrayList<>());
            synchronized (versions) {
                byte[] content = write.content();
                Artifact a = new Artifact(write.projectId(), path, versions.size() + 1, content, sha256(content),
                        write.producedBy(), Instant.now());
                versions.add(a);
                return a;
            }
        }

        @Override
        public Optional<Artifact> get(String projectId, String path) {
            List<Artifact> h = history(projectId, path);
            return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
        }

        @Override
        public List<Artifact> list(String projectId) {
            var files = projectId == null ? null : projects.get(projectId);
            if (files == null) {
                return List.of();
            }
            List<Artifact> out = new ArrayList<>();
            for (List<Artifact> versions : files.values()) {
                synchronized (versions) {
                    if (!versions.isEmpty()) out.add(versions.get(versions.size() - 1));
                }
            }
            out.sort(Comparator.comparing(Artifact::path));
            return List.copyOf(out);
        }

        @Override
        public List<Artifact> history(String projectId, String path) {
            var files = projectId == null ? null : projects.get(projectId);
            if (files == null) {
                return List.of();
            }
            List<Artifact> versions = files.get(ArtifactPaths.normalize(path));
            if (versions == null) {
                return List.of();
            }
            synchronized (versions) {
                return List.copyOf(versions);
            }
        }

        @Override
        public List<String> projects() {
            return projects.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
        }

        private static String sha256(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
