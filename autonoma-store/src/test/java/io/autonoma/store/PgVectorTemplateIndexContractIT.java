package io.autonoma.store;

import io.autonoma.test.HashingEmbeddingModel;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.TemplateIndexContract;
import java.util.UUID;

/** The shared TemplateIndex contract against PostgreSQL + pgvector, with the fast deterministic embedding model. */
class PgVectorTemplateIndexContractIT extends TemplateIndexContract {
    @Override
    protected TemplateIndex newIndex() {
        return PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(new HashingEmbeddingModel())
                .namespace("contract-" + UUID.randomUUID()).build();
    }
}
