package io.autonoma.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.security.SecurityAgent;
import io.autonoma.agents.testkit.TemplatePackContract;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.AgentContract;
import io.autonoma.test.TemplateIndexContract;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Agent}, {@link TemplateIndex} and {@link TemplatePack} implementation of this module has a test class
 * that extends its contract ({@link AgentContract}, {@link TemplateIndexContract}, {@link TemplatePackContract}): the
 * contract tests are instantiated and asked for the object they test, so a new implementation without one fails here.
 */
class ContractCoverageTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.autonoma.agents");
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("io.autonoma.agents");

    private static Set<String> implementations(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (c.isAssignableTo(type) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** The classes of what the concrete subclasses of {@code contract} return from {@code factory}. */
    private static Set<String> covered(Class<?> contract, String factory) throws Exception {
        Method make = contract.getDeclaredMethod(factory);
        make.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (JavaClass c : TESTS) {
            if (c.isAssignableTo(contract) && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                Constructor<?> constructor = Class.forName(c.getName()).getDeclaredConstructor();
                constructor.setAccessible(true);
                out.add(make.invoke(constructor.newInstance()).getClass().getName());
            }
        }
        return out;
    }

    @Test
    void every_agent_implementation_extends_the_agent_contract() throws Exception {
        Set<String> agents = implementations(Agent.class);

        assertThat(agents).contains(SecurityAgent.class.getName(), PackAgent.class.getName(), "io.autonoma.agents.analyst.RequirementsAnalystAgent");
        assertThat(covered(AgentContract.class, "agent")).containsAll(agents);
    }

    @Test
    void every_template_pack_extends_the_template_pack_contract() throws Exception {
        Set<String> packs = implementations(TemplatePack.class);

        assertThat(packs).contains(FastApiPack.class.getName(), "io.autonoma.agents.frontend.NextJsPack");
        assertThat(covered(TemplatePackContract.class, "pack")).containsAll(packs);
    }

    @Test
    void every_template_index_implementation_extends_the_template_index_contract() throws Exception {
        Set<String> indexes = implementations(TemplateIndex.class);

        assertThat(indexes).contains("io.autonoma.agents.analyst.internal.KeywordTemplateIndex");
        assertThat(covered(TemplateIndexContract.class, "newIndex")).containsAll(indexes);
    }
}
