package io.autonoma.spring.actuate;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.FileSystemArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of Autonoma under the name {@code autonoma}: UP when a {@link Pipeline} bean exists and its
 * store can be written. For the filesystem store that is proven by creating and deleting a hidden
 * probe file in its root; the in-memory store is always writable; other stores are asked to list
 * their projects (a read that proves the database is reachable without writing into any project).
 */
public final class AutonomaHealthIndicator implements HealthIndicator {
    private final ObjectProvider<Pipeline> pipelines;
    private final ObjectProvider<io.autonoma.spring.generation.GenerationQueue> queues;

    public AutonomaHealthIndicator(ObjectProvider<Pipeline> pipelines) {
        this(pipelines, null);
    }

    /** Also reports the job queue ({@code autonoma.jobs.enabled}) under {@code jobs}: down when its engine is not running. */
    public AutonomaHealthIndicator(ObjectProvider<Pipeline> pipelines, ObjectProvider<io.autonoma.spring.generation.GenerationQueue> queues) {
        this.pipelines = pipelines;
        this.queues = queues;
    }

    @Override
    public Health health() {
        Pipeline pipeline = pipelines.getIfAvailable();
        if (pipeline == null) {
            return Health.down().withDetail("pipeline", "absent: define a Pipeline bean or remove autonoma.enabled=false").build();
        }
        Health.Builder h = Health.up()
                .withDetail("pipeline", pipeline.getClass().getSimpleName())
                .withDetail("agents", pipeline.agents().stream().map(Agent::name).toList());
        ArtifactStore store = pipeline.store();
        h.withDetail("store", store.getClass().getSimpleName());
        try {
            if (store instanceof FileSystemArtifactStore fs) {
                Path root = fs.root();
                h.withDetail("root", root.toString());
                Path probe = Files.createTempFile(root, ".autonoma-health-", ".tmp");
                Files.delete(probe);
                h.withDetail("writable", true);
            } else if (store instanceof InMemoryArtifactStore) {
                h.withDetail("writable", true);
            } else {
                store.projects();
                h.withDetail("reachable", true);
            }
        } catch (IOException | RuntimeException e) {
            return h.down().withDetail("writable", false).withDetail("error", e.toString()).build();
        }
        io.autonoma.spring.generation.GenerationQueue queue = queues == null ? null : queues.getIfAvailable();
        if (queue != null) {
            try {
                java.util.Map<String, Object> jobs = queue.health();
                h.withDetail("jobs", jobs);
                if (Boolean.FALSE.equals(jobs.get("up"))) {
                    h.down();
                }
            } catch (RuntimeException e) {
                return h.down().withDetail("jobs", java.util.Map.of("up", false, "error", e.toString())).build();
            }
        }
        return h.build();
    }
}
