package io.autonoma.agents.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.extrapack.EntityNotesPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplatePacksTest {

    /** A pack named and rendered as given, over the entity-notes folder. */
    private record Named(String name, AgentId agentId) implements TemplatePack {
        @Override public PackDescriptor descriptor() {
            return PackDescriptor.builder(name).folder("templates/entity-notes").agent(agentId).build();
        }
        @Override public Object view(AppSpec spec) { return new EntityNotesPack().view(spec); }
    }

    @Test
    void the_built_in_packs_keep_the_pipeline_s_agents_in_their_order() {
        assertThat(TemplatePacks.defaults().agentIds()).containsExactly(AgentIds.ARCHITECTURE, AgentIds.BACKEND, AgentIds.TESTING,
                AgentIds.FRONTEND, AgentIds.PERFORMANCE, AgentIds.DEPLOYMENT);
        assertThat(TemplatePacks.defaults().names()).containsExactly("docs", "backend-fastapi", "backend-fastapi-tests", "frontend-nextjs", "performance", "deploy");
    }

    /**
     * The words the core's validator reserved before the packs held them, so the offline analyst renames exactly what
     * it renamed before and generated apps stay byte-identical.
     */
    @Test
    void the_built_in_packs_reserve_exactly_the_names_the_core_used_to() {
        assertThat(TemplatePacks.defaults().reservedNames().fields()).containsOnlyKeys(
                "id", "created_at", "updated_at", "owner_id", "class", "def", "from", "import", "return", "global",
                "lambda", "pass", "yield", "async", "await", "none", "true", "false", "and", "or", "not", "is", "in",
                "if", "else", "elif", "for", "while", "with", "try", "except", "finally", "raise", "del", "assert",
                "break", "continue", "nonlocal", "metadata", "registry", "query", "self", "type", "delete", "new",
                "function", "var", "let", "const", "this", "super", "default", "switch", "case", "enum", "interface");
        assertThat(TemplatePacks.defaults().reservedNames().entities()).containsOnlyKeys(
                "User", "Base", "Health", "Auth", "Token", "Session", "Settings", "Config", "Model", "Schema", "Page",
                "List", "Object", "String", "Number", "Boolean", "Date", "Error", "Response", "Request", "Query",
                "Index", "Types", "Common", "Associations");
        assertThat(TemplatePacks.defaults().reservedNames().fieldReason("class"))
                .contains("backend-fastapi (a Python keyword) and frontend-nextjs (a JavaScript or TypeScript reserved word)");
    }

    @Test
    void a_spec_is_validated_against_every_pack_in_use_and_only_those() {
        AppSpec spec = new AppSpec("X", null, List.of(new io.autonoma.core.spec.Entity("Note", List.of(
                io.autonoma.core.spec.Field.builder("lambda", io.autonoma.core.spec.FieldType.STRING).build(),
                io.autonoma.core.spec.Field.builder("function", io.autonoma.core.spec.FieldType.STRING).build()))),
                null, null, null, null, null, null);

        assertThat(TemplatePacks.defaults().validate(spec).problems()).containsExactly(
                "entities[0].fields[0].name: 'lambda' is reserved by backend-fastapi (a Python keyword); choose another name",
                "entities[0].fields[1].name: 'function' is reserved by frontend-nextjs (a JavaScript or TypeScript reserved word); "
                        + "choose another name");
        assertThat(TemplatePacks.of(List.of(new FastApiPack())).validate(spec).problems()).hasSize(1);
        assertThat(TemplatePacks.of(List.of(new NextJsPack())).validate(spec).problems()).hasSize(1);
        assertThat(TemplatePacks.of(List.of()).validate(spec).valid()).isTrue();
    }

    @Test
    void names_and_agents_must_be_unique_and_kebab_case() {
        assertThatThrownBy(() -> TemplatePacks.defaults().with(new FastApiPack())).isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("two template packs are named 'backend-fastapi'");
        assertThatThrownBy(() -> TemplatePacks.defaults().with(new Named("second-backend", AgentIds.BACKEND)))
                .hasMessageContaining("rendered by agent 'backend', which already renders 'backend-fastapi'");
        assertThatThrownBy(() -> TemplatePacks.defaults().with(new Named("reviewer", AgentIds.SECURITY)))
                .hasMessageContaining("is another agent of the pipeline");
        assertThatThrownBy(() -> PackDescriptor.builder("Not Kebab").build()).isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("is named 'Not Kebab'; use a short kebab-case name");
        assertThatThrownBy(() -> PackDescriptor.builder("loop").dependsOn(AgentId.of("loop")).build())
                .hasMessageContaining("its agent 'loop' cannot depend on itself");
    }

    @Test
    void with_adds_after_the_others_and_leaves_the_original_alone() {
        TemplatePacks more = TemplatePacks.defaults().with(new EntityNotesPack());

        assertThat(more.all()).hasSize(7).last().isInstanceOf(EntityNotesPack.class);
        assertThat(TemplatePacks.defaults().all()).hasSize(6);
        assertThat(more.named("entity-notes")).isPresent();
        assertThat(more.reservedNames().isReservedEntity("Readme")).isTrue();
        assertThat(TemplatePacks.defaults().reservedNames().isReservedEntity("Readme")).isFalse();
        assertThat(Set.copyOf(more.agentIds())).contains(AgentId.of("entity-notes"));
    }
}
