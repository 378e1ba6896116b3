package io.autonoma.store;

import io.autonoma.core.pipeline.RunStore;
import io.autonoma.test.RunStoreContract;

/** {@link PostgresRuns} is a {@link RunStore}: the shared contract, each test with a fresh owner. */
class PostgresRunsContractIT extends RunStoreContract {

    @Override
    protected RunStore newStore() {
        return PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build();
    }
}
