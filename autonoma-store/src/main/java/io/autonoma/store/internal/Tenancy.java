package io.autonoma.store.internal;

import io.autonoma.core.artifact.ArtifactPaths;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Owner and project rows. Every lookup is by (owner, project name): there is no way to reach a project by name alone. */
public final class Tenancy {
    private Tenancy() {}

    /** Owner ids: 1-200 characters, no control characters. */
    public static String requireOwnerId(String ownerId) {
        if (ownerId == null || ownerId.isBlank() || ownerId.length() > 200 || ownerId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("owner id '" + ownerId + "' must be 1-200 characters without control characters"
                    + " (the id of the user every project of this store belongs to)");
        }
        return ownerId;
    }

    /** The project-id rule of {@link ArtifactPaths#requireValidProjectId}, the one every store and request uses. */
    public static String requireProjectId(String projectId) {
        return ArtifactPaths.requireValidProjectId(projectId);
    }

    public static void ensureOwner(Handle h, String ownerId) {
        h.createUpdate("INSERT INTO users (id) VALUES (:id) ON CONFLICT (id) DO NOTHING").bind("id", ownerId).execute();
    }

    /** Creates the owner's project if missing and returns its id, without locking. */
    public static UUID ensureProject(Handle h, String ownerId, String name) {
        ensureOwner(h, ownerId);
        h.createUpdate("INSERT INTO projects (owner_id, name) VALUES (:o, :n) ON CONFLICT (owner_id, name) DO NOTHING")
                .bind("o", ownerId).bind("n", name).execute();
        return h.createQuery("SELECT id FROM projects WHERE owner_id = :o AND name = :n")
                .bind("o", ownerId).bind("n", name).mapTo(UUID.class).one();
    }

    /** Creates the owner's project if missing and takes its row lock until the transaction ends (serialises puts per project). */
    public static UUID lockProject(Handle h, String ownerId, String name) {
        h.createUpdate("INSERT INTO projects (owner_id, name) VALUES (:o, :n) ON CONFLICT (owner_id, name) DO NOTHING")
                .bind("o", ownerId).bind("n", name).execute();
        return h.createQuery("SELECT id FROM projects WHERE owner_id = :o AND name = :n FOR NO KEY UPDATE")
                .bind("o", ownerId).bind("n", name).mapTo(UUID.class).one();
    }

    public static Optional<UUID> findProject(Handle h, String ownerId, String name) {
        return h.createQuery("SELECT id FROM projects WHERE owner_id = :o AND name = :n")
                .bind("o", ownerId).bind("n", name).mapTo(UUID.class).findOne();
    }
}
