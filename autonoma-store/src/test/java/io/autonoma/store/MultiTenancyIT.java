package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.artifact.Artifact;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner can never read, write, list or see the history of another owner's project through the API. */
class MultiTenancyIT {

    @Test
    void owners_never_see_or_touch_each_others_projects(@TempDir Path dir) {
        PostgresArtifactStore alice = PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build();
        PostgresArtifactStore bob = alice.forOwner(PgTest.newOwner());
        alice.put("crm", "backend/secret.py", "alice's code", "backend");
        alice.put("crm", "backend/secret.py", "alice's code v2", "backend");

        // read, list, history, projects, export: nothing of alice's is visible to bob
        assertThat(bob.get("crm", "backend/secret.py")).isEmpty();
        assertThat(bob.list("crm")).isEmpty();
        assertThat(bob.history("crm", "backend/secret.py")).isEmpty();
        assertThat(bob.projects()).isEmpty();
        assertThat(bob.exportTo("crm", dir)).isZero();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        bob.exportZip("crm", zip);
        assertThat(zip.toString()).doesNotContain("secret");

        // write: bob's "crm" is his own project; alice's files and versions are untouched
        Artifact bobs = bob.put("crm", "backend/secret.py", "bob's code", "backend");
        assertThat(bobs.version()).isEqualTo(1);
        assertThat(bob.history("crm", "backend/secret.py")).extracting(Artifact::text).containsExactly("bob's code");
        assertThat(alice.history("crm", "backend/secret.py")).extracting(Artifact::text)
                .containsExactly("alice's code", "alice's code v2");
        assertThat(alice.get("crm", "backend/secret.py").orElseThrow().text()).isEqualTo("alice's code v2");
        assertThat(alice.projects()).containsExactly("crm");
        assertThat(bob.projects()).containsExactly("crm");
    }
}
