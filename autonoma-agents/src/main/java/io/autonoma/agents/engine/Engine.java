package io.autonoma.agents.engine;

import io.autonoma.agents.change.OfflineChangeReader;
import io.autonoma.core.change.ChangeReader;
import io.autonoma.core.pipeline.Agent;
import java.util.List;

/**
 * What writes the app: the agents of the pipeline {@code Autonoma} assembles. Every engine starts from
 * the offline agents (the template packs, {@link EngineContext#offlineAgents()}) and may replace or add
 * agents. {@link #offline()} uses them as they are; autonoma-llm's {@code LlmEngine} lets a chat model
 * write the spec and the business rules. Give one to {@code Autonoma.builder().engine(...)}.
 *
 * <p>The default module knows no engine but the offline one: an LLM engine comes from autonoma-llm,
 * either directly or through {@code Autonoma.builder().chatModel(...)}, which finds it with the
 * {@link io.autonoma.agents.spi.ChatModelEngineProvider} service-provider interface.
 */
public interface Engine extends AutoCloseable {

    /** The request option that records which engine a run was started with. */
    String OPTION = "engine";

    /** A short, stable name recorded in every request ({@link #OPTION}), e.g. {@code offline}, {@code llm}. */
    String name();

    /**
     * The pipeline's agents, built from {@code context}: the offline agents, some replaced (same name)
     * and some added, none dropped; their dependencies form a valid DAG. Called once per {@code Autonoma}.
     *
     * @throws IllegalArgumentException when the context lacks an agent this engine needs to replace
     */
    List<Agent> agents(EngineContext context);

    /**
     * What reads a change request ("give tasks a due date") against an app's spec for {@code autonoma change}. Default:
     * the offline engine's rules ({@link OfflineChangeReader}); autonoma-llm's {@code LlmEngine} asks its model instead.
     * An engine that only replaces generation agents need not override it.
     */
    default ChangeReader changeReader() {
        return new OfflineChangeReader();
    }

    /** Releases what the engine holds (model clients, caches); idempotent; called by {@code Autonoma.close()}. Default: nothing. */
    @Override
    default void close() {}

    /** The offline engine: rules and template packs, deterministic, no network, no model. */
    static Engine offline() {
        return OfflineEngine.INSTANCE;
    }
}

/** {@link Engine#offline()}. */
final class OfflineEngine implements Engine {
    static final OfflineEngine INSTANCE = new OfflineEngine();

    private OfflineEngine() {}

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public List<Agent> agents(EngineContext context) {
        return context.offlineAgents();
    }

    @Override
    public String toString() {
        return "offline engine";
    }
}
