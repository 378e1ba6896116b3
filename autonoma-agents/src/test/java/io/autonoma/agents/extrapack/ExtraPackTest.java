package io.autonoma.agents.extrapack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.InvalidSpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a target stack is one folder and one class: {@link EntityNotesPack} (test sources) and
 * {@code templates/entity-notes/} (test resources), registered through {@code Autonoma.builder().pack(...)}, with no
 * edit to the core, the agents or an engine.
 */
class ExtraPackTest {

    private static Map<String, String> files(Autonoma autonoma, GenerationResult result) {
        return autonoma.store().list(result.projectId()).stream().collect(Collectors.toMap(Artifact::path, Artifact::text));
    }

    @Test
    void a_registered_pack_s_files_are_in_the_generated_project_beside_the_built_in_ones(@TempDir Path out) {
        try (Autonoma autonoma = Autonoma.builder().pack(new EntityNotesPack()).build()) {
            GenerationResult result = autonoma.generate(TestContext.exampleSpec());

            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            Map<String, String> files = files(autonoma, result);
            assertThat(files).containsKeys("notes/README.md", "notes/product.md", "notes/supplier.md", "notes/purchase-order.md",
                    "notes/custom.md", "backend/app/main.py", "frontend/package.json");
            assertThat(files.get("notes/README.md")).startsWith("# Inventory: notes\n").contains("- [PurchaseOrder](purchase-order.md)");
            assertThat(files.get("notes/product.md")).contains("- sku: string");
            assertThat(autonoma.export(result.projectId(), out)).isEqualTo(files.size());
            assertThat(out.resolve("notes/product.md")).exists();
        }
    }

    @Test
    void its_agent_runs_after_the_spec_is_read_and_the_security_review_waits_for_it() {
        try (Autonoma autonoma = Autonoma.builder().pack(new EntityNotesPack()).build()) {
            Map<String, Agent> agents = autonoma.pipeline().agents().stream().collect(Collectors.toMap(Agent::name, a -> a));

            assertThat(agents.get(EntityNotesPack.NAME).dependsOn()).containsExactly(AgentIds.REQUIREMENTS.name());
            assertThat(agents.get(AgentIds.SECURITY.name()).dependsOn()).contains(EntityNotesPack.NAME, AgentIds.BACKEND.name());
            assertThat(autonoma.packs().names()).endsWith(EntityNotesPack.NAME);
        }
    }

    @Test
    void a_spec_using_a_name_the_pack_reserves_is_refused_at_the_request_with_its_path() {
        AppSpec readme = AppSpec.builder("Docs").entity(new Entity("Readme", List.of(Field.builder("title", FieldType.STRING).build())))
                .build();
        try (Autonoma plain = Autonoma.builder().build(); Autonoma withNotes = Autonoma.builder().pack(new EntityNotesPack()).build()) {
            assertThat(plain.request(readme).spec()).contains(readme);
            assertThatThrownBy(() -> withNotes.request(readme)).isInstanceOfSatisfying(InvalidSpecException.class, e ->
                    assertThat(e.problems()).containsExactly("entities[0].name: 'Readme' is reserved by entity-notes "
                            + "(its index is notes/README.md); rename it (e.g. Member, Account)"));
        }
    }

    @Test
    void a_pack_replaces_the_built_in_ones_when_given_alone() {
        try (Autonoma autonoma = Autonoma.builder().packs(TemplatePacks.of(List.of(new EntityNotesPack()))).build()) {
            GenerationResult result = autonoma.generate(TestContext.exampleSpec());

            assertThat(autonoma.pipeline().agents()).extracting(Agent::name)
                    .containsExactlyInAnyOrder(AgentIds.REQUIREMENTS.name(), EntityNotesPack.NAME, AgentIds.SECURITY.name());
            assertThat(files(autonoma, result).keySet()).containsExactlyInAnyOrder("app-spec.json", "notes/README.md", "notes/supplier.md",
                    "notes/product.md", "notes/purchase-order.md", "notes/custom.md", "docs/security.md");
        }
    }
}
