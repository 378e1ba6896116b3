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

/**
 * The template packs in use, in pipeline order: what {@code Autonoma} renders, what a spec is validated against
 * ({@link #validate(AppSpec)}: the spec's own checks and the names every pack reserves) and what an engine that
 * writes code learns the extension points from. Immutable.
 */
public final class TemplatePacks {
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
            PackDescriptor d = Objects.requireNonNull(p.descriptor(), () -> "template pack " + p.getClass().getName() + " has no descriptor");
            String type = p.getClass().getName();
            String other = names.put(d.name(), type);
            if (other != null) {
                throw new InvalidPackException("two template packs are named '" + d.name() + "' (" + other + " and " + type + "); rename one");
            }
            String clash = agents.put(d.agentId().name(), d.name());
            if (clash != null || taken.contains(d.agentId().name())) {
                throw new InvalidPackException("template pack '" + d.name() + "' is rendered by agent '" + d.agentId() + "', which "
                        + (clash != null ? "already renders '" + clash + "'" : "is another agent of the pipeline")
                        + "; give the pack its own agent id");
            }
            words.add(d.reservedNames());
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
     * @throws InvalidPackException when two packs share a name or an agent id, or a pack's agent id is one of the
     *     pipeline's other agents ({@code requirements}, {@code security})
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
        return packs.stream().filter(p -> p.descriptor().name().equals(name)).findFirst();
    }

    /** The ids of the packs' agents, in order: everything that writes the app's code and configuration. */
    public List<AgentId> agentIds() {
        return packs.stream().map(p -> p.descriptor().agentId()).toList();
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
        return "TemplatePacks" + names();
    }

    /** The packs' names, in order. */
    public List<String> names() {
        return packs.stream().map(p -> p.descriptor().name()).toList();
    }
}
