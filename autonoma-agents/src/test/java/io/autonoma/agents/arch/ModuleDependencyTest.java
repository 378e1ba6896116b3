package io.autonoma.agents.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Module dependencies point one way: core ← agents ← (store, starter) ← samples. */
class ModuleDependencyTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.autonoma");
    }

    @Test
    void core_depends_on_no_other_module() {
        noClasses().that().resideInAPackage("io.autonoma.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.autonoma.agents..", "io.autonoma.store..", "io.autonoma.spring..", "io.autonoma.cli..")
                .check(classes);
    }

    @Test
    void agents_do_not_depend_on_store_starter_or_samples() {
        noClasses().that().resideInAPackage("io.autonoma.agents..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.autonoma.store..", "io.autonoma.spring..", "io.autonoma.cli..")
                .check(classes);
    }

    @Test
    void nobody_outside_core_uses_core_internals() {
        noClasses().that().resideOutsideOfPackage("io.autonoma.core..")
                .should().dependOnClassesThat().resideInAPackage("io.autonoma.core..internal..")
                .check(classes);
    }

    @Test
    void classes_were_imported() {
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.autonoma.core.spec", "io.autonoma.core.pipeline", "io.autonoma.agents.render");
    }
}
