package io.autonoma.agents.architecture;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.architecture.internal.DocsView;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.core.spec.AppSpec;

/**
 * The project's documentation ({@code templates/docs}, rendered by {@link AgentIds#ARCHITECTURE}): the layout and
 * its reasons in {@code docs/architecture.md} (components, entity diagram in mermaid, API table) and the root
 * {@code README.md}. Markdown only: it reserves no names.
 */
public final class DocsPack extends AbstractTemplatePack {
    public static final String NAME = "docs";

    public DocsPack() {
        super(PackDescriptor.builder(NAME).agent(AgentIds.ARCHITECTURE).build());
    }

    @Override
    public Object view(AppSpec spec) {
        return DocsView.of(spec);
    }

    @Override
    public String summary(AppSpec spec, int fileCount) {
        return "documented " + spec.entities().size() + " entities in docs/architecture.md";
    }
}
