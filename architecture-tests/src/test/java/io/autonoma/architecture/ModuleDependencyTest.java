package io.autonoma.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, over the compiled classes of every module of the reactor (each module's
 * {@code target/classes}, imported by path):
 * <ul>
 *   <li>dependencies point one way: core ← agents ← (llm, embeddings, store, Spring) ← samples and bench;</li>
 *   <li>nobody outside a module uses its {@code internal} packages;</li>
 *   <li>each module's classes live under its own package root, so the package rules above are the module rules.</li>
 * </ul>
 */
class ModuleDependencyTest {

    /** A module of the reactor: its directory, its package root and the modules its main code may use. */
    record Module(String dir, String layer, String packageRoot, List<String> mayUse) {
        Module(String dir, String layer, String packageRoot, String... mayUse) {
            this(dir, layer, packageRoot, List.of(mayUse));
        }
    }

    /** Every module of the root pom, in dependency order. */
    static final List<Module> MODULES = List.of(
            new Module("autonoma-core", "core", "io.autonoma.core"),
            new Module("autonoma-test", "test", "io.autonoma.test", "core"),
            new Module("autonoma-agents", "agents", "io.autonoma.agents", "core"),
            new Module("autonoma-llm", "llm", "io.autonoma.llm", "core", "agents"),
            new Module("autonoma-embeddings-all-minilm-l6-v2", "embeddings", "io.autonoma.embeddings", "core", "agents"),
            new Module("autonoma-store", "store", "io.autonoma.store", "core", "agents"),
            new Module("autonoma-mcp", "mcp", "io.autonoma.mcp", "core", "agents"),
            new Module("autonoma-spring-autoconfigure", "spring", "io.autonoma.spring", "core", "agents", "llm", "store", "mcp"),
            new Module("samples/cli", "cli", "io.autonoma.cli", "core", "agents", "llm", "store", "mcp"),
            new Module("samples/web", "web", "io.autonoma.samples.web", "core", "agents", "llm", "store", "spring", "mcp"),
            new Module("samples/service", "service", "io.autonoma.samples.service", "core", "agents", "llm", "store", "spring"),
            new Module("bench", "bench", "io.autonoma.bench", "core", "test", "agents", "llm", "embeddings", "store"));

    /** Modules without main code of their own. */
    static final List<String> NO_CLASSES = List.of("autonoma-bom", "autonoma-spring-starter", "architecture-tests");

    static Path root;
    static JavaClasses classes;
    static final Map<String, JavaClasses> byModule = new LinkedHashMap<>();

    @BeforeAll
    static void importEveryModule() {
        root = Path.of(System.getProperty("autonoma.root", "..")).toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        for (Module m : MODULES) {
            Path dir = root.resolve(m.dir()).resolve("target/classes");
            assertThat(dir).as("compiled classes of " + m.dir() + " (build the reactor first)").isDirectory();
            byModule.put(m.dir(), new ClassFileImporter().importPath(dir));
            dirs.add(dir);
        }
        classes = new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void every_module_of_the_root_pom_is_checked() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        List<String> declared = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            declared.add(m.group(1));
        }
        List<String> known = new ArrayList<>(NO_CLASSES);
        MODULES.forEach(x -> known.add(x.dir()));
        assertThat(known).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void each_module_keeps_its_classes_under_its_own_package_root() {
        for (Module m : MODULES) {
            JavaClasses own = byModule.get(m.dir());
            assertThat(own).as(m.dir() + " has classes").isNotEmpty();
            List<String> strays = own.stream().map(JavaClass::getName)
                    .filter(n -> !n.startsWith(m.packageRoot() + ".")).toList();
            assertThat(strays).as("classes of " + m.dir() + " outside " + m.packageRoot()).isEmpty();
        }
    }

    @Test
    void dependencies_between_modules_point_one_way() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Module m : MODULES) {
            layers = layers.layer(m.layer()).definedBy(m.packageRoot() + "..");
        }
        for (Module m : MODULES) {
            layers = m.mayUse().isEmpty()
                    ? layers.whereLayer(m.layer()).mayNotAccessAnyLayer()
                    : layers.whereLayer(m.layer()).mayOnlyAccessLayers(m.mayUse().toArray(String[]::new));
        }
        layers.check(classes);
    }

    @Test
    void nobody_outside_a_module_uses_its_internal_packages() {
        for (Module m : MODULES) {
            noClasses().that().resideOutsideOfPackage(m.packageRoot() + "..")
                    .should().dependOnClassesThat().resideInAPackage(m.packageRoot() + "..internal..")
                    .because("internal packages of " + m.dir() + " are not API")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void the_rules_see_classes_of_every_layer() {
        assertThat(classes.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.autonoma.core.spec", "io.autonoma.agents.render", "io.autonoma.llm", "io.autonoma.embeddings.allminilml6v2", "io.autonoma.store", "io.autonoma.mcp",
                        "io.autonoma.spring.web", "io.autonoma.cli", "io.autonoma.samples.web", "io.autonoma.bench");
    }
}
