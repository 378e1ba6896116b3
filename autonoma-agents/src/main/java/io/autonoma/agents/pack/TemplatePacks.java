package io.autonoma.agents.pack;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.deploy.DeployPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.performance.PerformancePack;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testing.FastApiTestsPack;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecValidator;
import io.autonoma.core.spec.ReservedNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template packs in use, in pipeline order: what {@code Autonoma} renders, what a spec is validated against
 * ({@link #validate(AppSpec)}: the spec's own checks and the names every pack reserves) and what an engine that
 * writes code learns the extension points from. Immutable.
 */
public final class TemplatePacks {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final TemplatePacks DEFAULTS = new TemplatePacks(List.of(new DocsPack(), new FastApiPack(), new FastApiTestsPack(),
            new NextJsPack(), new PerformancePack(), new DeployPack()));

    private final List<TemplatePack> packs;
    private final ReservedNames reserved;

    private TemplatePacks(List<TemplatePack> packs) {
        this.packs = List.copyOf(packs);
        Map<String, String> names = new HashMap<>();
        Map<String, String> agents = new HashMap<>();
        Set<String> taken = Set.of(AgentIds.REQUIREMENTS.name(), AgentIds.SECURITY.name());
        List<ReservedNames> words = new ArrayList<>();
        for (TemplatePack p : this.packs) {
            Objects.requireNonNull(p, "pack");
            String name = p.name();
            String type = p.getClass().getName();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidPackException("template pack " + type + " is named '" + name + "'; use a short kebab-case name such as my-stack");
            }
            String other = names.put(name, type);
            if (other != null) {
                throw new InvalidPackException("two template packs are named '" + name + "' (" + other + " and " + type + "); rename one");
            }
            AgentId id = Objects.requireNonNull(p.agentId(), () -> "template pack '" + name + "' has no agent id");
            String clash = agents.put(id.name(), name);
            if (clash != null || taken.contains(id.name())) {
                throw new InvalidPackException("template pack '" + name + "' is rendered by agent '" + id + "', which "
                        + (clash != null ? "already renders '" + clash + "'" : "is another agent of the pipeline")
                        + "; give the pack its own agentId()");
            }
            words.add(Objects.requireNonNull(p.reservedNames(), () -> "template pack '" + name + "' returned null reserved names"));
        }
        this.reserved = ReservedNames.spec().and(ReservedNames.union(words));
    }

    /** The packs Autonoma ships: docs, the FastAPI backend and its tests, the Next.js frontend, performance, deploy. */
    public static TemplatePacks defaults() {
        return DEFAULTS;
    }

    /**
     * Exactly these packs, in this order.
     *
     * @throws InvalidPackException when a name is not kebab-case, two packs share a name or an agent id, or a pack's
     *     agent id is one of the pipeline's other agents ({@code requirements}, {@code security})
     */
    public static TemplatePacks of(List<? extends TemplatePack> packs) {
        return new TemplatePacks(new ArrayList<>(packs));
    }

    /** These packs and then {@code pack} (checked as in {@link #of(List)}). */
    public TemplatePacks with(TemplatePack pack) {
        List<TemplatePack> more = new ArrayList<>(packs);
        more.add(Objects.requireNonNull(pack, "pack"));
        return new TemplatePacks(more);
    }

    /** The packs, in pipeline order. */
    public List<TemplatePack> all() {
        return packs;
    }

    public Optional<TemplatePack> named(String name) {
        return packs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The ids of the packs' agents, in order: everything that writes the app's code and configuration. */
    public List<AgentId> agentIds() {
        return packs.stream().map(TemplatePack::agentId).toList();
    }

    /** The names the spec and every pack reserve, each with who reserves it and why. */
    public ReservedNames reservedNames() {
        return reserved;
    }

    /** The spec's own checks and the names of {@link #reservedNames()}, every problem with its JSON path. */
    public AppSpecValidator.Result validate(AppSpec spec) {
        return AppSpecValidator.validate(spec, reserved);
    }

    /** A {@link PackAgent} per pack, in order, sharing {@code renderer}. */
    public List<Agent> agents(TemplateRenderer renderer) {
        return packs.stream().<Agent>map(p -> new PackAgent(p, renderer)).toList();
    }

    @Override
    public String toString() {
        return "TemplatePacks" + packs.stream().map(TemplatePack::name).toList();
    }
}
