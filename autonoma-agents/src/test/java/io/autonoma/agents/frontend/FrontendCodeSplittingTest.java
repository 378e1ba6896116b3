package io.autonoma.agents.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the generated modules import statically: the delete dialog is reached only through
 * {@code next/dynamic} (the browser test proves on the real bundle that its code loads on demand).
 */
class FrontendCodeSplittingTest {
    /** Static value imports and re-exports; {@code import type} is erased by TypeScript, {@code import()} is a split point. */
    private static final Pattern STATIC_IMPORT = Pattern.compile(
            "(?m)^(?:import|export)\\s+(?!type\\s)(?:[^;\"]*?\\sfrom\\s+)?\"([^\"]+)\";");

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
