package io.autonoma.agents.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.naming.Naming;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What each generated page imports, read from the static imports of the generated modules: code that
 * only the forms or the delete dialog need stays out of the list and detail pages (the browser test
 * and {@code next build} prove the same on the real bundles).
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
            Map<String, String> files = new FrontendAgent().render(spec);
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
            Map<String, String> files = new FrontendAgent().render(spec);
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
        Map<String, String> files = new FrontendAgent().render(FrontendAgentTest.crm());
        String trigger = files.get("frontend/src/components/confirm-dialog.tsx");
        assertThat(trigger).contains("import dynamic from \"next/dynamic\";")
                .contains("dynamic(() => import(\"./confirm-delete-dialog\").then((m) => m.ConfirmDeleteDialog), {\n  ssr: false,\n  loading: DialogLoading,\n})")
                .contains("onPointerEnter={preloadDialog}").contains("onFocus={preloadDialog}");
        assertThat(imports(files, "frontend/src/components/entity-detail.tsx")).contains("frontend/src/components/confirm-dialog.tsx");
        files.keySet().stream().filter(p -> p.endsWith(".ts") || p.endsWith(".tsx")).forEach(path ->
                assertThat(imports(files, path)).as(path).doesNotContain("frontend/src/components/confirm-delete-dialog.tsx"));
        assertThat(imports(files, "frontend/src/components/confirm-delete-dialog.tsx")).contains("@radix-ui/react-dialog");
    }
}
