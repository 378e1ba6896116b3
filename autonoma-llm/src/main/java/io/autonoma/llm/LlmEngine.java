package io.autonoma.llm;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.autonoma.agents.AgentIds;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.engine.EngineContext;
import io.autonoma.agents.pack.ExtensionPoint;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.llm.internal.ShortConnectHttpClientBuilder;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.template.TemplateIndex;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The LLM engine, an {@link Engine}: builds the agent list of a pipeline driven by a langchain4j
 * {@link ChatModel} from the offline engine's agents. The offline {@link AgentIds#REQUIREMENTS} agent
 * is replaced by an {@link LlmRequirementsAnalystAgent}, which validates the model's spec against the names the
 * template packs reserve; the template agents stay as they are; for every {@link ExtensionPoint} of the packs in use
 * whose agent is in the pipeline an {@link LlmCodeAgent} fills it (the FastAPI pack's is the prompt's custom
 * business rules, {@link AgentIds#BUSINESS_RULES}, after {@link AgentIds#BACKEND} and {@link AgentIds#TESTING});
 * agents that review the whole project (by default {@link AgentIds#SECURITY}) are made to wait for them so they
 * see the model-written code. The engine names no pack's files: a pack of your own with extension points gets
 * its code agents the same way.
 *
 * <pre>{@code
 * try (LlmClient client = LlmClient.builder().model(LlmEngine.openAiCompatible(url, LlmEngine.apiKey(System::getenv), "gpt-4o-mini", Duration.ofSeconds(60)))
 *         .cache(LlmResponseCache.onDisk(Path.of(".autonoma/llm-cache"))).build();
 *      Autonoma autonoma = Autonoma.builder().engine(LlmEngine.builder().client(client).build()).build()) {
 *     autonoma.generate("A library where a member can have at most 3 active loans.");
 * }
 * }</pre>
 * ({@code Autonoma.builder().chatModel(model)} does the same with the defaults, through {@link LlmEngineProvider}.)
 */
public final class LlmEngine implements Engine {
    /** Environment variable the API key is read from (never a command-line flag). */
    public static final String API_KEY_ENV = "AUTONOMA_API_KEY";
    /** Longest wait for a TCP connection to the model endpoint. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** {@link #name()}. */
    public static final String NAME = "llm";

    private final LlmClient client;
    private final boolean closeClient;
    private final TemplateIndex index;
    private final int analystTries;
    private final boolean businessRules;
    private final boolean fallbackToOfflineAnalyst;
    private final Set<AgentId> afterRules;
    private final Consumer<LlmCodeAgent.Builder> codeAgentCustomizer;
    private final Verifier verifier;

    private LlmEngine(Builder b) {
        this.client = b.client;
        this.closeClient = b.closeClient;
        this.index = b.index;
        this.analystTries = b.analystTries;
        this.businessRules = b.businessRules;
        this.fallbackToOfflineAnalyst = b.fallbackToOfflineAnalyst;
        this.afterRules = Set.copyOf(b.afterRules);
        this.codeAgentCustomizer = b.codeAgentCustomizer;
        this.verifier = b.verifier;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LlmClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The LLM pipeline's agents from the context's offline agents and template packs; the code agents' examples come
     * from the context's index unless one was set.
     */
    @Override
    public List<Agent> agents(EngineContext context) {
        return agents(context.offlineAgents(), index != null ? index : context.templateIndex(), context.packs(),
                verifier != null ? verifier : context.verifier().orElse(null));
    }

    /**
     * An {@link LlmChangeReader} on this engine's client (3 answers, the built-in packs' reserved names): the model
     * reads change requests, validated and repaired like the spec it writes.
     */
    @Override
    public io.autonoma.core.change.ChangeReader changeReader() {
        return new LlmChangeReader(client);
    }

    /** Closes the client when this engine made it ({@link Builder#closeClient}). */
    @Override
    public void close() {
        if (closeClient) {
            client.close();
        }
    }

    /**
     * The LLM pipeline's agents from the offline pipeline's agents (which must include
     * {@link AgentIds#REQUIREMENTS}) rendering the {@link TemplatePacks#defaults() built-in packs}. The result is a
     * new list; the given agents are reused, not copied.
     */
    public List<Agent> agents(List<Agent> offlineAgents) {
        return agents(offlineAgents, index, TemplatePacks.defaults(), verifier);
    }

    private List<Agent> agents(List<Agent> offlineAgents, TemplateIndex index, TemplatePacks packs, Verifier verifier) {
        Objects.requireNonNull(offlineAgents, "offlineAgents");
        Optional<Agent> offlineAnalyst = offlineAgents.stream().filter(AgentIds.REQUIREMENTS::is).findFirst();
        if (offlineAnalyst.isEmpty()) {
            throw new IllegalArgumentException("the offline agents have no '" + AgentIds.REQUIREMENTS
                    + "' agent to replace; pass the offline engine's full agent list");
        }
        LlmRequirementsAnalystAgent.Builder analyst = LlmRequirementsAnalystAgent.builder().client(client).maxTries(analystTries)
                .reservedNames(packs.reservedNames());
        if (fallbackToOfflineAnalyst) {
            analyst.fallback(offlineAnalyst.get());
        }
        List<LlmCodeAgent> code = businessRules ? codeAgents(offlineAgents, index, packs, verifier) : List.of();
        Set<AgentId> codeIds = new LinkedHashSet<>();
        code.forEach(c -> codeIds.add(AgentId.of(c.name())));
        List<Agent> out = new ArrayList<>();
        for (Agent a : offlineAgents) {
            if (AgentIds.REQUIREMENTS.is(a)) {
                out.add(analyst.build());
            } else if (!codeIds.isEmpty() && afterRules.stream().anyMatch(id -> id.is(a))) {
                out.add(new After(a, codeIds));
            } else {
                out.add(a);
            }
        }
        out.addAll(code);
        return List.copyOf(out);
    }

    /**
     * A code agent per extension point of the packs whose agent is among {@code offlineAgents}, after the agents the
     * extension point names that are there too (the pack's own agent at least).
     */
    private List<LlmCodeAgent> codeAgents(List<Agent> offlineAgents, TemplateIndex index, TemplatePacks packs, Verifier verifier) {
        Set<String> present = new HashSet<>();
        offlineAgents.forEach(a -> present.add(a.name()));
        List<LlmCodeAgent> out = new ArrayList<>();
        for (TemplatePack pack : packs.all()) {
            PackDescriptor d = pack.descriptor();
            if (!present.contains(d.agentId().name())) {
                continue;
            }
            for (ExtensionPoint point : d.extensionPoints()) {
                Set<AgentId> after = new LinkedHashSet<>(List.of(d.agentId()));
                point.after().stream().filter(id -> present.contains(id.name())).forEach(after::add);
                LlmCodeAgent.Builder agent = LlmCodeAgent.builder().client(client).templateIndex(index).extensionPoint(point).dependsOn(after)
                        .verifier(verifier);
                codeAgentCustomizer.accept(agent);
                out.add(agent.build());
            }
        }
        return out;
    }

    /**
     * An OpenAI-compatible chat model (OpenAI, vLLM, Ollama's /v1, LM Studio, a stub server…) that
     * fails fast: connect timeout {@link #CONNECT_TIMEOUT}, no langchain4j retries (the
     * {@link LlmClient} retries), {@code timeout} per request.
     *
     * @throws IllegalArgumentException for a blank or non-http(s) base URL, a blank key or model name
     */
    public static ChatModel openAiCompatible(String baseUrl, String apiKey, String modelName, Duration timeout) {
        return openAiCompatible(baseUrl, apiKey, modelName, timeout, false);
    }

    /** As {@link #openAiCompatible(String, String, String, Duration)}; {@code jsonSchema} declares structured-output support. */
    public static ChatModel openAiCompatible(String baseUrl, String apiKey, String modelName, Duration timeout, boolean jsonSchema) {
        checkBaseUrl(baseUrl);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("no API key: set the environment variable " + API_KEY_ENV
                    + " (any non-empty value for a local server that needs none)");
        }
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("no model name: pass the model to use, e.g. --model gpt-4o-mini");
        }
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(modelName)
                .timeout(timeout)
                .maxRetries(0)
                .httpClientBuilder(new ShortConnectHttpClientBuilder(CONNECT_TIMEOUT, timeout));
        if (jsonSchema) {
            b.supportedCapabilities(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
        }
        return b.build();
    }

    /**
     * An {@link LlmClient} on {@link #openAiCompatible(String, String, String, Duration)} with the
     * key redacted from every message; what the CLI and the Spring starter build from their settings.
     *
     * @throws IllegalArgumentException for a bad base URL, a blank key or model name, a bad timeout
     */
    public static LlmClient openAiCompatibleClient(String baseUrl, String apiKey, String modelName, Duration timeout,
                                                   LlmPricing pricing, LlmResponseCache cache, LlmCallListener listener) {
        return LlmClient.builder()
                .model(openAiCompatible(baseUrl, apiKey, modelName, timeout))
                .modelName(modelName)
                .timeout(timeout)
                .pricing(pricing)
                .cache(cache)
                .listener(listener)
                .redact(apiKey)
                .build();
    }

    /** The API key from the process environment's {@value #API_KEY_ENV}, or an error saying how to set it. */
    public static String apiKeyFromEnvironment() {
        return apiKey(System::getenv);
    }

    /**
     * The API key from {@value #API_KEY_ENV} in {@code environment}: the one place Autonoma reads it (the
     * CLI and the Spring starter call this; tests pass a map's {@code get}). Never from a flag or a property.
     *
     * @throws AutonomaException when it is unset or blank, saying how to set it
     */
    public static String apiKey(UnaryOperator<String> environment) {
        String key = environment.apply(API_KEY_ENV);
        if (key == null || key.isBlank()) {
            throw new AutonomaException("the llm engine reads the model API key from the environment variable " + API_KEY_ENV
                    + " only (never from a flag, never from a property); set it, e.g. export " + API_KEY_ENV
                    + "=... (any value for a local server that needs no key)");
        }
        return key.strip();
    }

    static void checkBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("no base URL: pass the OpenAI-compatible endpoint, e.g. --base-url http://127.0.0.1:8080/v1");
        }
        URI u;
        try {
            u = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' is not a URL: " + e.getMessage());
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/v1");
        }
    }

    /** Runs {@code delegate} after extra agents. */
    static final class After implements Agent {
        private final Agent delegate;
        private final Set<AgentId> extra;
        private final Set<String> dependsOn;

        After(Agent delegate, Set<AgentId> extra) {
            this.delegate = delegate;
            this.extra = Set.copyOf(extra);
            Set<String> d = new HashSet<>(delegate.dependsOn());
            extra.forEach(id -> d.add(id.name()));
            this.dependsOn = Set.copyOf(d);
        }

        @Override public String name() { return delegate.name(); }
        @Override public Set<String> dependsOn() { return dependsOn; }
        @Override public AgentResult run(AgentContext context) throws Exception { return delegate.run(context); }
        @Override public String toString() { return delegate + " (after " + extra.stream().map(AgentId::name).sorted().toList() + ")"; }
    }

    public static final class Builder {
        private LlmClient client;
        private boolean closeClient;
        private TemplateIndex index;
        private int analystTries = 3;
        private boolean businessRules = true;
        private boolean fallbackToOfflineAnalyst;
        private Set<AgentId> afterRules = Set.of(AgentIds.SECURITY);
        private Consumer<LlmCodeAgent.Builder> codeAgentCustomizer = b -> {};
        private Verifier verifier;

        private Builder() {}

        public Builder client(LlmClient v) { this.client = v; return this; }
        /** Whether {@link LlmEngine#close()} closes the client (default false: whoever made it closes it). */
        public Builder closeClient(boolean v) { this.closeClient = v; return this; }
        /** Examples for the code agent's prompt; default the template index of the {@link EngineContext}. */
        public Builder templateIndex(TemplateIndex v) { this.index = v; return this; }
        public Builder analystTries(int v) { this.analystTries = v; return this; }
        /**
         * Add a code agent for each extension point of the packs in use whose agent is in the pipeline (default true):
         * with the built-in packs, the business-rules agent of the FastAPI backend.
         */
        public Builder businessRules(boolean v) { this.businessRules = v; return this; }
        /** Use the offline analyst when the model's spec stays invalid (default false: fail). */
        public Builder fallbackToOfflineAnalyst(boolean v) { this.fallbackToOfflineAnalyst = v; return this; }
        /** Agents that must run after the code agents (default {@link AgentIds#SECURITY}). */
        public Builder afterRules(Set<AgentId> v) { this.afterRules = v; return this; }
        /** Adjusts each code agent (caps, skip on failure…). */
        public Builder codeAgent(Consumer<LlmCodeAgent.Builder> v) { this.codeAgentCustomizer = v; return this; }
        /**
         * Runs the app's own checks on the model's code and sends their failures back to the model
         * ({@link LlmCodeAgent.Builder#verifier}); by default the verifier of the run's verify stage, when there is one.
         */
        public Builder verifier(Verifier v) { this.verifier = v; return this; }

        public LlmEngine build() {
            Objects.requireNonNull(client, "LlmEngine needs an LlmClient: builder().client(...)");
            Objects.requireNonNull(afterRules, "afterRules");
            Objects.requireNonNull(codeAgentCustomizer, "codeAgent");
            return new LlmEngine(this);
        }
    }
}
