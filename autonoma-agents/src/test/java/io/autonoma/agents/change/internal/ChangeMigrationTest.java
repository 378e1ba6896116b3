package io.autonoma.agents.change.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema read back from rendered initial migrations, and the revisions between two of them. */
class ChangeMigrationTest {

    private static final AppSpec GYM = AppSpecJson.read(Path.of("../docs/examples/gym-bookings.app-spec.json"));

    private static String schema(AppSpec spec) {
        Map<String, String> files = new PackAgent(new FastApiPack(), new TemplateRenderer()).render(spec);
        return files.get(ChangeMigration.initialPath(files).orElseThrow());
    }

    @Test
    void every_table_of_a_spec_with_capabilities_is_read_back_with_its_columns_constraints_and_indexes() {
        SchemaScript s = SchemaScript.parse(schema(GYM));

        assertThat(s.tables()).containsKeys("users", "refresh_tokens", "background_jobs", "sent_reminders");
        assertThat(s.tables().size()).isGreaterThan(GYM.entities().size() + 2);
        s.tables().values().forEach(t -> {
            assertThat(t.columns()).as(t.name()).isNotEmpty();
            assertThat(t.columns().get(0).name()).as(t.name()).isEqualTo("id");
        });
        assertThat(s.tables().get("refresh_tokens").indexes()).extracting(SchemaScript.Index::name).containsExactly("ix_refresh_tokens_user_id");
        assertThat(s.tables().get("refresh_tokens").constraints()).extracting(SchemaScript.Item::name)
                .contains("fk_refresh_tokens_user_id_users", "uq_refresh_tokens_jti");
    }

    @Test
    void the_same_schema_needs_no_revision() {
        SchemaScript s = SchemaScript.parse(schema(GYM));
        assertThat(ChangeMigration.revision(s, s, s, Map.of(), Map.of(), "abc", List.of("nothing"))).isEmpty();
    }

    @Test
    void an_entity_rename_renames_its_table_and_recreates_only_its_named_indexes_and_constraints() {
        String entity = GYM.entities().get(0).name();
        SpecDelta delta = new SpecDelta(List.of(new SpecChange.RenameEntity(entity, "Renamed" + entity)));
        AppSpec renamed = delta.apply(GYM);
        SchemaScript before = SchemaScript.parse(schema(GYM));
        SchemaScript after = SchemaScript.parse(schema(renamed));

        String text = ChangeMigration.revision(before, after, after, Map.of(), Map.of(), "abc123", List.of("rename")).orElseThrow().text();

        String oldTable = before.tables().keySet().stream().filter(t -> !after.tables().containsKey(t)).findFirst().orElseThrow();
        String newTable = after.tables().keySet().stream().filter(t -> !before.tables().containsKey(t)).findFirst().orElseThrow();
        assertThat(text).contains("op.rename_table(\"" + oldTable + "\", \"" + newTable + "\")")
                .doesNotContain("op.drop_table").doesNotContain("op.create_table").doesNotContain("drop_column")
                .contains("down_revision: str | None = \"abc123\"");
        String downgrade = text.substring(text.indexOf("def downgrade"));
        assertThat(downgrade).contains("op.rename_table(\"" + newTable + "\", \"" + oldTable + "\")");
    }
}
