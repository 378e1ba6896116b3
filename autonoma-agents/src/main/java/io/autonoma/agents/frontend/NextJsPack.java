package io.autonoma.agents.frontend;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.frontend.internal.FrontendViews;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.core.spec.ReservedNames;

/**
 * The Next.js frontend ({@code templates/frontend-nextjs}, rendered by {@link AgentIds#FRONTEND}) under
 * {@code frontend/}: typed API client, Zod schemas, pages per entity, auth, and a browser test
 * ({@code frontend/e2e/crud.spec.mjs}) that knows the spec's entities. Same spec, same bytes. It reserves the
 * JavaScript and TypeScript words the generated code cannot take as names, the properties every record has, and the
 * entity names of JavaScript globals and of the files it keeps beside the per-entity ones.
 */
public final class NextJsPack extends AbstractTemplatePack {
    public static final String NAME = "frontend-nextjs";

    private static final ReservedNames RESERVED = ReservedNames.builder(NAME)
            .fields("a property every record has in the API client (RecordBase)", "id", "created_at", "updated_at")
            .fields("a JavaScript or TypeScript reserved word", "class", "import", "return", "yield", "async", "await", "true",
                    "false", "in", "if", "else", "for", "while", "with", "try", "finally", "break", "continue", "delete", "new",
                    "function", "var", "let", "const", "this", "super", "default", "switch", "case", "enum", "interface", "type")
            .entities("a JavaScript global the generated code uses", "List", "Object", "String", "Number", "Boolean", "Date",
                    "Error", "Request", "Response")
            .entities("the paginated list type of the API client", "Page")
            .entities("a file beside the per-entity ones (src/entities/index.ts)", "Index")
            .build();

    private static final String INSTALLED = "npm install in frontend/";
    public NextJsPack() {
        super(PackDescriptor.builder(NAME)
                .agent(AgentIds.FRONTEND)
                .reserves(RESERVED)
                .check(PackCheck.of("tsc", "frontend", "npx", "--no-install", "tsc", "--noEmit").needing(INSTALLED),
                        PackCheck.of("eslint", "frontend", "npx", "--no-install", "eslint", ".", "--max-warnings=0").needing(INSTALLED),
                        PackCheck.of("next-build", "frontend", "npx", "--no-install", "next", "build").needing(INSTALLED),
                        PackCheck.of("browser-test", "frontend", "node", "e2e/crud.spec.mjs")
                                .needing(INSTALLED + ", the backend running, a Chromium (see frontend/README.md)"))
                .build(), FrontendViews::of,
                (spec, fileCount) -> "wrote " + fileCount + " frontend files for " + spec.entities().size() + " entities");
    }
}
