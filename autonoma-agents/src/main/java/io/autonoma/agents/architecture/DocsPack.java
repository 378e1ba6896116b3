package io.autonoma.agents.architecture;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.architecture.internal.DocsView;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.PackDescriptor;

/**
 * The project's documentation ({@code templates/docs}, rendered by {@link AgentIds#ARCHITECTURE}): the layout and
 * its reasons in {@code docs/architecture.md} (components, entity diagram in mermaid, API table) and the root
 * {@code README.md}. Markdown only: it reserves no names.
 */
public final class DocsPack extends AbstractTemplatePack {
    public static final String NAME = "docs";

    public DocsPack() {
        super(PackDescriptor.builder(NAME).agent(AgentIds.ARCHITECTURE).build(), DocsView::of,
                (spec, fileCount) -> "documented " + spec.entities().size() + " entities in docs/architecture.md");
    }
}
