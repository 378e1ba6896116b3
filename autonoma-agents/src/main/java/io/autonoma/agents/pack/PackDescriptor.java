package io.autonoma.agents.pack;

import io.autonoma.agents.AgentIds;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.ReservedNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link TemplatePack} is, as data: its name, where its templates are, which agent renders it and after what,
 * the names it reserves, its extension points for model-written code and the checks that verify its output.
 *
 * <pre>{@code
 * PackDescriptor.builder("backend-fastapi")          // folder templates/backend-fastapi, agent "backend-fastapi"
 *         .agent(AgentIds.BACKEND)
 *         .reserves(ReservedNames.builder("backend-fastapi").fields("a Python keyword", "class", "def").build())
 *         .extensionPoint(rules)
 *         .check(PackCheck.of("mypy", "backend", "mypy", "app"))
 *         .build();
 * }</pre>
 *
 * @param name a short, stable, kebab-case name ({@code backend-fastapi}): it names the pack in messages and in the
 *     reasons of its reserved names; unique among the packs in use
 * @param folder the pack's folder on the class path of the pack class's loader, holding {@value PackManifest#FILE}
 *     and the templates it names; default {@code templates/<name>}
 * @param agentId the agent that renders the pack; default {@code AgentId.of(name)}; unique among the pipeline's agents
 * @param dependsOn the agents whose output that agent waits for; default the requirements agent, which publishes the spec
 * @param reservedNames entity and field names the generated code cannot use, each with the reason (build them with
 *     {@code ReservedNames.builder(name)}); a spec using one is refused before rendering, naming the JSON path, the
 *     pack and the reason; default none
 * @param extensionPoints files the pack writes for model-written code to replace, with their contracts; default none
 * @param checks the generated app's own tools that verify what the pack wrote; default none
 */
public record PackDescriptor(String name, String folder, AgentId agentId, Set<AgentId> dependsOn, ReservedNames reservedNames,
        List<ExtensionPoint> extensionPoints, List<PackCheck> checks) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public PackDescriptor {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidPackException("a template pack is named '" + name + "'; use a short kebab-case name such as my-stack");
        }
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(agentId, "agentId");
        dependsOn = Set.copyOf(dependsOn);
        if (dependsOn.contains(agentId)) {
            throw new InvalidPackException("template pack '" + name + "': its agent '" + agentId + "' cannot depend on itself");
        }
        Objects.requireNonNull(reservedNames, "reservedNames");
        extensionPoints = List.copyOf(extensionPoints);
        checks = List.copyOf(checks);
    }

    /** A descriptor of the pack {@code name}, with every default. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link PackDescriptor}; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private String folder;
        private AgentId agentId;
        private final Set<AgentId> dependsOn = new LinkedHashSet<>();
        private ReservedNames reserved = ReservedNames.none();
        private final List<ExtensionPoint> extensionPoints = new ArrayList<>();
        private final List<PackCheck> checks = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder folder(String v) { this.folder = v; return this; }
        public Builder agent(AgentId v) { this.agentId = v; return this; }
        /** Replaces the default dependency (the requirements agent). */
        public Builder dependsOn(AgentId... v) { dependsOn.clear(); dependsOn.addAll(List.of(v)); return this; }
        public Builder reserves(ReservedNames v) { this.reserved = Objects.requireNonNull(v, "reservedNames"); return this; }
        public Builder extensionPoint(ExtensionPoint v) { extensionPoints.add(Objects.requireNonNull(v, "extensionPoint")); return this; }
        public Builder check(PackCheck... v) { checks.addAll(List.of(v)); return this; }

        /**
         * @throws InvalidPackException when the name is not kebab-case or the agent depends on itself
         */
        public PackDescriptor build() {
            return new PackDescriptor(name, folder != null ? folder : "templates/" + name, agentId != null ? agentId : AgentId.of(name),
                    dependsOn.isEmpty() ? Set.of(AgentIds.REQUIREMENTS) : dependsOn, reserved, extensionPoints, checks);
        }
    }
}
