package io.autonoma.agents.frontend;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.naming.Naming;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What each generated page imports, read from the static imports of the generated modules: code that
 * only the forms or the delete dialog need stays out of the list and detail pages (the browser test
 * and {@code next build} prove the same on the real bundles), and the logo is a plain SVG.
 */
class FrontendCodeSplittingTest {
    /** Static value imports and re-exports; {@code import type} is erased by TypeScript, {@code import()} is a split point. */
    private static final Pattern STATIC_IMPORT = Pattern.compile(
            "(?m)^(?:import|export)\\s+(?!type\\s)(?:[^;\"]*?\\sfrom\\s+)?\"([^\"]+)\";");
    private static final List<String> FORM_ONLY = List.of("zod", "frontend/src/components/entity-form.tsx",
            "frontend/src/components/field-input.tsx", "frontend/src/lib/fields.ts");
    private static final List<String> DIALOG_ONLY = List.of("@radix-ui/react-dialog", "frontend/src/components/confirm-delete-dialog.tsx");

    /** Generated files and packages a module reaches through static imports, itself included. */
    static Set<String> reach(Map<String, String> files, String start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (!seen.add(file) || !files.containsKey(file)) {
                continue;
            }
            todo.addAll(imports(files, file));
        }
        return seen;
    }

    /** What one generated module imports statically: generated files by path, packages by name. */
    static Set<String> imports(Map<String, String> files, String file) {
        Set<String> out = new TreeSet<>();
        Matcher m = STATIC_IMPORT.matcher(files.get(file));
        while (m.find()) {
            out.add(resolve(files, file, m.group(1)));
        }
        return out;
    }

    private static String resolve(Map<String, String> files, String from, String specifier) {
        String base;
        if (specifier.startsWith("@/")) {
            base = "frontend/src/" + specifier.substring(2);
        } else if (specifier.startsWith(".")) {
            base = Path.of(from).getParent().resolve(specifier).normalize().toString().replace('\\', '/');
        } else {
            return specifier; // a package
        }
        for (String candidate : List.of(base, base + ".ts", base + ".tsx", base + "/index.ts", base + "/index.tsx")) {
            if (files.containsKey(candidate)) {
                return candidate;
            }
        }
        return base;
    }

    private static Set<String> page(Map<String, String> files, String page) {
        assertThat(files).containsKey(page);
        Set<String> reached = new TreeSet<>(reach(files, page));
        reached.addAll(reach(files, "frontend/src/app/layout.tsx"));
        return reached;
    }

    private static List<AppSpec> specs() {
        return List.of(TestContext.exampleSpec(), FrontendAgentTest.crm(), FrontendAgentTest.edge(), FrontendAgentTest.hostile());
    }

    @Test
    void list_and_detail_pages_reach_neither_form_code_nor_zod_nor_the_delete_dialog() {
        for (AppSpec spec : specs()) {
            Map<String, String> files = new PackAgent(new NextJsPack()).render(spec);
            for (Entity e : spec.entities()) {
                String route = "frontend/src/app/" + Naming.pluralKebab(e.name());
                for (String page : List.of(route + "/page.tsx", route + "/[id]/page.tsx")) {
                    Set<String> reached = page(files, page);
                    assertThat(reached).as(spec.name() + " " + page).contains("frontend/src/entities/" + Naming.kebab(e.name()) + ".ts")
                            .doesNotContainAnyElementsOf(FORM_ONLY).doesNotContainAnyElementsOf(DIALOG_ONLY)
                            .noneMatch(f -> f.endsWith(".schema.ts"));
                }
                assertThat(page(files, route + "/[id]/page.tsx")).contains("frontend/src/components/confirm-dialog.tsx");
            }
        }
    }

    @Test
    void new_and_edit_pages_reach_their_schema_and_the_form() {
        for (AppSpec spec : specs()) {
            Map<String, String> files = new PackAgent(new NextJsPack()).render(spec);
            for (Entity e : spec.entities()) {
                String route = "frontend/src/app/" + Naming.pluralKebab(e.name());
                for (String page : List.of(route + "/new/page.tsx", route + "/[id]/edit/page.tsx")) {
                    assertThat(page(files, page)).as(spec.name() + " " + page)
                            .contains("frontend/src/entities/" + Naming.kebab(e.name()) + ".schema.ts")
                            .containsAll(FORM_ONLY).doesNotContainAnyElementsOf(DIALOG_ONLY);
                }
            }
        }
    }

    @Test
    void the_delete_dialog_is_imported_only_through_next_dynamic() {
        Map<String, String> files = new PackAgent(new NextJsPack()).render(FrontendAgentTest.crm());
        String trigger = files.get("frontend/src/components/confirm-dialog.tsx");
        assertThat(trigger).contains("import dynamic from \"next/dynamic\";")
                .contains("dynamic(() => import(\"./confirm-delete-dialog\").then((m) => m.ConfirmDeleteDialog), {\n  ssr: false,\n  loading: DialogLoading,\n})")
                .contains("onPointerEnter={preloadDialog}").contains("onFocus={preloadDialog}");
        assertThat(imports(files, "frontend/src/components/entity-detail.tsx")).contains("frontend/src/components/confirm-dialog.tsx");
        files.keySet().stream().filter(p -> p.endsWith(".ts") || p.endsWith(".tsx")).forEach(path ->
                assertThat(imports(files, path)).as(path).doesNotContain("frontend/src/components/confirm-delete-dialog.tsx"));
        assertThat(imports(files, "frontend/src/components/confirm-delete-dialog.tsx")).contains("@radix-ui/react-dialog");
    }

    @Test
    void the_logo_is_an_svg_in_public_with_the_app_initials_drawn_with_next_image_props() throws Exception {
        for (AppSpec spec : specs()) {
            Map<String, String> files = new PackAgent(new NextJsPack()).render(spec);
            String svg = files.get("frontend/public/logo.svg");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(doc.getElementsByTagName("script").getLength()).isZero();
            assertThat(doc.getElementsByTagName("text").item(0).getTextContent()).as(spec.name())
                    .matches("[A-Z0-9]{1,2}");
        }
        Map<String, String> crm = new PackAgent(new NextJsPack()).render(FrontendAgentTest.crm());
        assertThat(crm.get("frontend/public/logo.svg")).contains(">SC</text>");
        assertThat(crm.get("frontend/src/components/logo.tsx")).doesNotContain("\"use client\"")
                .contains("getImageProps({ src: \"/logo.svg\", alt: \"\", width: 32, height: 32, unoptimized: true, loading: \"eager\" })");
        assertThat(crm.get("frontend/src/app/layout.tsx")).contains("<AppShell logo={<Logo />}>");
        assertThat(crm.get("frontend/next.config.ts")).doesNotContain("dangerouslyAllowSVG");
    }
}
