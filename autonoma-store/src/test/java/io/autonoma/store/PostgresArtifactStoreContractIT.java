package io.autonoma.store;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.test.ArtifactStoreContract;

/** The shared ArtifactStore contract, against PostgreSQL: every test gets a fresh owner, hence an empty store. */
class PostgresArtifactStoreContractIT extends ArtifactStoreContract {
    @Override
    protected ArtifactStore newStore() {
        return PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build();
    }
}
