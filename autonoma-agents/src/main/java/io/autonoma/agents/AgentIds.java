package io.autonoma.agents;

import io.autonoma.core.pipeline.AgentId;

/**
 * The ids of the default pipeline's agents, the one place their names are spelled: agents declare
 * their dependencies with these, and engines find the agents they replace or order with them.
 */
public final class AgentIds {
    /** Reads the prompt (or checks the given spec) and publishes the {@code AppSpec}. */
    public static final AgentId REQUIREMENTS = AgentId.of("requirements");
    public static final AgentId ARCHITECTURE = AgentId.of("architecture");
    public static final AgentId BACKEND = AgentId.of("backend");
    /** The backend's pytest suite; after {@link #BACKEND}. */
    public static final AgentId TESTING = AgentId.of("testing");
    public static final AgentId FRONTEND = AgentId.of("frontend");
    public static final AgentId PERFORMANCE = AgentId.of("performance");
    public static final AgentId DEPLOYMENT = AgentId.of("deployment");
    /** Reviews what the code writers wrote; after all of them. */
    public static final AgentId SECURITY = AgentId.of("security");
    /**
     * Fills the FastAPI pack's business-rules extension point ({@code backend/app/rules.py}) with model-written code;
     * only an engine that writes code (autonoma-llm) adds it.
     */
    public static final AgentId BUSINESS_RULES = AgentId.of("business-rules");

    private AgentIds() {}
}
