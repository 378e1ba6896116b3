package io.autonoma.agents.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.pack.ExtensionPoint;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.agents.pack.PackManifest;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TemplatePack} must have, as its Javadoc states. A pack's test extends this class and
 * returns a new pack from {@link #pack()}; {@link #specs()} are the specs it must render (by default the example
 * inventory spec, a spec of hostile free text and the edge-case spec).
 */
public abstract class TemplatePackContract {

    /** The pack under test. */
    protected abstract TemplatePack pack();

    /** Specs the pack must render. */
    protected List<AppSpec> specs() {
        return List.of(TestContext.exampleSpec(), Specs.hostileText(), Specs.edge());
    }

    @Test
    void describes_itself_the_same_every_time_with_an_agent_after_its_dependencies() {
        PackDescriptor d = pack().descriptor();
        assertThat(d).isNotNull().isEqualTo(pack().descriptor());
        assertThat(d.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        assertThat(d.dependsOn()).doesNotContain(d.agentId());
        PackAgent agent = new PackAgent(pack());
        assertThat(agent.name()).isEqualTo(d.agentId().name());
        assertThat(agent.dependsOn()).containsExactlyInAnyOrderElementsOf(d.dependsOn().stream().map(a -> a.name()).toList());
        assertThat(TemplatePacks.of(List.of(pack())).names()).containsExactly(d.name());
    }

    @Test
    void its_manifest_lists_templates_that_exist_in_its_folder() {
        PackManifest manifest = new TemplateRenderer().manifest(pack());
        assertThat(manifest.folder()).isEqualTo(pack().descriptor().folder());
        assertThat(manifest.entries()).isNotEmpty().allSatisfy(e -> assertThat(pack().getClass().getClassLoader()
                .getResource(manifest.folder() + "/" + e.template())).as(e.template()).isNotNull());
    }

    @Test
    void renders_every_spec_the_same_into_safe_project_paths() {
        for (AppSpec spec : specs()) {
            Map<String, String> first = new PackAgent(pack()).render(spec);
            Map<String, String> again = new PackAgent(pack(), new TemplateRenderer()).render(spec);

            assertThat(first).as(spec.name()).isNotEmpty().isEqualTo(again);
            assertThat(List.copyOf(first.keySet())).isEqualTo(List.copyOf(again.keySet()));
            first.keySet().forEach(p -> assertThat(ArtifactPaths.normalize(p)).isEqualTo(p));
            assertThat(pack().view(spec)).isNotNull();
        }
    }

    @Test
    void its_agent_writes_what_it_renders_and_reports_a_summary() throws Exception {
        AppSpec spec = specs().get(0);
        TestContext ctx = new TestContext(spec);
        AgentResult result = new PackAgent(pack()).run(ctx);

        assertThat(ctx.texts()).isEqualTo(new java.util.TreeMap<>(new PackAgent(pack()).render(spec)));
        assertThat(result.summary()).isNotBlank().isEqualTo(pack().summary(spec, ctx.texts().size()));
    }

    @Test
    void a_spec_using_a_name_it_reserves_is_refused_before_rendering_naming_the_path_and_the_pack() {
        TemplatePack pack = pack();
        PackDescriptor d = pack.descriptor();
        AppSpec base = specs().get(0);
        List<Entity> entities = new ArrayList<>(base.entities());
        List<String> expected = new ArrayList<>();
        d.reservedNames().entities().keySet().stream().sorted().findFirst().ifPresent(name -> {
            expected.add("entities[" + entities.size() + "].name: '" + name + "' is reserved by " + d.name());
            entities.add(new Entity(name, List.of(Field.builder("title", FieldType.STRING).build())));
        });
        d.reservedNames().fields().keySet().stream().sorted().findFirst().ifPresent(name -> {
            Entity first = entities.get(0);
            List<Field> fields = new ArrayList<>(first.fields());
            expected.add("entities[0].fields[" + fields.size() + "].name: '" + name + "' is reserved by " + d.name());
            fields.add(Field.builder(name, FieldType.STRING).build());
            entities.set(0, new Entity(first.name(), first.description(), fields));
        });
        AppSpec spec = new AppSpec(base.name(), base.description(), entities, base.relations(), base.capabilities(), base.roles(),
                base.pages(), base.features(), base.notes());

        d.reservedNames().entities().values().forEach(why -> assertThat(why).startsWith(d.name() + " ("));
        d.reservedNames().fields().values().forEach(why -> assertThat(why).startsWith(d.name() + " ("));
        if (expected.isEmpty()) {
            assertThat(new PackAgent(pack).render(spec)).isNotEmpty();
        } else {
            AppSpec refused = spec;
            assertThatThrownBy(() -> new PackAgent(pack).render(refused)).isInstanceOfSatisfying(InvalidSpecException.class,
                    e -> assertThat(e.problems()).hasSameSizeAs(expected).allSatisfy(p -> assertThat(expected).anyMatch(p::startsWith)));
        }
    }

    @Test
    void its_extension_points_are_files_it_writes_whose_first_version_keeps_their_contract() {
        AppSpec spec = specs().get(0);
        Map<String, String> files = new PackAgent(pack()).render(spec);
        Set<String> agents = new HashSet<>();
        PackDescriptor d = pack().descriptor();
        for (ExtensionPoint point : d.extensionPoints()) {
            assertThat(files).as("the pack writes %s", point.path()).containsKey(point.path());
            assertThat(point.check(files.get(point.path()))).as(point.path()).isEmpty();
            assertThat(point.check("")).hasSameSizeAs(point.mustKeep());
            assertThat(point.agent()).isNotEqualTo(d.agentId());
            assertThat(agents.add(point.agent().name())).as("one agent per extension point").isTrue();
        }
        assertThat(agents).hasSameSizeAs(d.extensionPoints());
    }

    @Test
    void its_checks_run_in_directories_it_writes_into() {
        Map<String, String> files = new PackAgent(pack()).render(specs().get(0));
        Set<String> names = new HashSet<>();
        for (PackCheck check : pack().descriptor().checks()) {
            assertThat(names.add(check.name())).as("check names are unique: %s", check.name()).isTrue();
            assertThat(check.directory().equals(".") || files.keySet().stream().anyMatch(p -> p.startsWith(check.directory() + "/")))
                    .as("check %s runs in %s, which the pack writes into", check.name(), check.directory()).isTrue();
        }
        assertThat(names).hasSameSizeAs(pack().descriptor().checks());
    }
}
