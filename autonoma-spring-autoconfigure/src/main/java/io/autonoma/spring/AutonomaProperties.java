package io.autonoma.spring;

import io.autonoma.core.guard.PromptGuard;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code autonoma.*}. Every property has a working default: with none set, Autonoma
 * generates offline into {@code ${java.io.tmpdir}/autonoma} and exposes no HTTP endpoints.
 *
 * <p>The model API key is deliberately not a property: it is read from the environment variable
 * {@code AUTONOMA_API_KEY} only (the same one the CLI reads), so it never lands in a properties
 * file or in {@code /actuator/configprops}.
 */
@ConfigurationProperties(prefix = "autonoma")
public class AutonomaProperties {

    /** The environment variable the model API key is read from (by {@code LlmEngine.apiKey}; a compile-time constant, so this class does not need autonoma-llm at run time). */
    public static final String API_KEY_ENV = io.autonoma.llm.LlmEngine.API_KEY_ENV;

    /** Whether to auto-configure Autonoma at all; false backs off from every bean, endpoint and metric. */
    private boolean enabled = true;

    /** Which engine writes the app: offline (rules + templates: deterministic, free, no network) or llm (a chat model). */
    private Engine engine = Engine.OFFLINE;

    /** Root directory of the filesystem artifact store, one sub-directory per project. Default: ${java.io.tmpdir}/autonoma. */
    private Path outputRoot;

    /** Time limit for one attempt of one agent. */
    private Duration agentTimeout = Duration.ofMinutes(10);

    /**
     * Run the verify stage after every generation: the app's own checks (ruff, mypy, pytest, tsc, ESLint) on the files,
     * each published as a ValidationReport event on the run's stream. Needs python3 and node on the server; slow the
     * first time (dependencies are cached per lockfile in ~/.cache/autonoma/verify). Default false.
     */
    private boolean verify;

    private final Store store = new Store();
    private final Budget budget = new Budget();
    private final Templates templates = new Templates();
    private final Api api = new Api();
    private final Mcp mcp = new Mcp();
    private final Security security = new Security();
    private final Jobs jobs = new Jobs();
    private final Quotas quotas = new Quotas();
    private final Model model = new Model();
    private final Preview preview = new Preview();

    public enum Engine {
        /** Rule-based analyst and template packs: same input, byte-identical output; no API key, no network. */
        OFFLINE,
        /** A chat model (see autonoma.model.*) writes the spec and refines files. */
        LLM
    }

    public enum StoreType {
        /** Files and their history under autonoma.output-root. */
        FILESYSTEM,
        /** In memory; lost on restart (tests, demos). */
        MEMORY,
        /** PostgreSQL through autonoma-store and the application's DataSource. */
        POSTGRES
    }

    public enum TemplateStore {
        /** The seed in memory, built on first use. */
        MEMORY,
        /** The seed in PostgreSQL with pgvector (autonoma-store), loaded on first use. */
        POSTGRES
    }

    public boolean isVerify() { return verify; }
    public void setVerify(boolean verify) { this.verify = verify; }

    public static class Store {
        /**
         * Where generated files go. Unset: postgres when autonoma-store is on the classpath and the
         * application has a DataSource, else filesystem.
         */
        private StoreType type;

        /** Owner every project belongs to in the Postgres store. */
        private String ownerId = "autonoma";

        /** Whether the Postgres store applies its Flyway migrations at startup. */
        private boolean migrate = true;

        /** With the Postgres store: record every run (request, events, agent checkpoints) so that it can be resumed. */
        private boolean recordRuns = true;

        public StoreType getType() { return type; }
        public void setType(StoreType type) { this.type = type; }
        public String getOwnerId() { return ownerId; }
        public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
        public boolean isMigrate() { return migrate; }
        public void setMigrate(boolean migrate) { this.migrate = migrate; }
        public boolean isRecordRuns() { return recordRuns; }
        public void setRecordRuns(boolean recordRuns) { this.recordRuns = recordRuns; }
    }

    public static class Budget {
        /** Hard cap on model tokens per run; unset means unlimited (the offline engine spends none). */
        private Long maxTokens;

        /** Hard cap on model cost per run in US dollars, e.g. 0.50; unset means unlimited. */
        private BigDecimal maxCostUsd;

        public Long getMaxTokens() { return maxTokens; }
        public void setMaxTokens(Long maxTokens) { this.maxTokens = maxTokens; }
        public BigDecimal getMaxCostUsd() { return maxCostUsd; }
        public void setMaxCostUsd(BigDecimal maxCostUsd) { this.maxCostUsd = maxCostUsd; }
    }

    public static class Templates {
        /**
         * Whether template search uses embeddings in addition to keywords when an embedding module is on the
         * class path (autonoma-embeddings-all-minilm-l6-v2: the in-process all-MiniLM-L6-v2 model, loaded on
         * the first search, a few seconds); false, or no such module, is keyword-only and instant.
         */
        private boolean semantic = true;

        /**
         * Where the template index lives: memory (default) or postgres (pgvector through autonoma-store and the
         * application's DataSource; needs an embedding model: an EmbeddingModel bean or an embedding module).
         */
        private TemplateStore store = TemplateStore.MEMORY;

        /** With the postgres template store: the namespace that keeps this index apart from others in the database. */
        private String namespace = "autonoma-seed";

        public boolean isSemantic() { return semantic; }
        public void setSemantic(boolean semantic) { this.semantic = semantic; }
        public TemplateStore getStore() { return store; }
        public void setStore(TemplateStore store) { this.store = store; }
        public String getNamespace() { return namespace; }
        public void setNamespace(String namespace) { this.namespace = namespace; }
    }

    public static class Api {
        /** Whether to expose the REST + SSE API under /api/generations (needs spring-boot-starter-webmvc). */
        private boolean enabled = false;

        /** Longest prompt accepted, in characters (checked once, at the request boundary). */
        private int maxPromptChars = PromptGuard.DEFAULT_MAX_CHARS;

        /** Largest request body accepted by POST /api/generations, in bytes. */
        private int maxRequestBytes = 1_048_576;

        /** Runs allowed at the same time; further POSTs get 429 until one ends. */
        private int maxConcurrentRuns = 4;

        /** Finished runs remembered for status, events and files (oldest forgotten first; files stay in the store). */
        private int maxRetainedRuns = 200;

        /** How long an SSE stream may stay open. */
        private Duration sseTimeout = Duration.ofMinutes(30);
        /** URL schemes a project may be pushed to (POST /api/generations/{id}/git); add ssh or file only if you mean it. */
        private java.util.List<String> gitRemoteSchemes = new java.util.ArrayList<>(java.util.List.of("https"));

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getMaxPromptChars() { return maxPromptChars; }
        public void setMaxPromptChars(int maxPromptChars) { this.maxPromptChars = maxPromptChars; }
        public int getMaxRequestBytes() { return maxRequestBytes; }
        public void setMaxRequestBytes(int maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }
        public int getMaxConcurrentRuns() { return maxConcurrentRuns; }
        public void setMaxConcurrentRuns(int maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
        public int getMaxRetainedRuns() { return maxRetainedRuns; }
        public void setMaxRetainedRuns(int maxRetainedRuns) { this.maxRetainedRuns = maxRetainedRuns; }
        public Duration getSseTimeout() { return sseTimeout; }
        public void setSseTimeout(Duration sseTimeout) { this.sseTimeout = sseTimeout; }
        public java.util.List<String> getGitRemoteSchemes() { return gitRemoteSchemes; }
        public void setGitRemoteSchemes(java.util.List<String> gitRemoteSchemes) { this.gitRemoteSchemes = gitRemoteSchemes; }
    }

    /**
     * Generation as jobs shared by every instance on one PostgreSQL (db-scheduler): needs autonoma-store and
     * db-scheduler on the class path and a DataSource.
     */
    public static class Jobs {
        /** Send generations to the shared job queue instead of running them in the instance that received them. */
        private boolean enabled = false;
        /** Jobs this instance runs at once. */
        private int threads = 2;
        /** This instance's name in the job table; default host name and process id. */
        private String instance;
        /** How often an idle instance looks for jobs (a job submitted to an instance with a free worker starts at once). */
        private Duration pollingInterval = Duration.ofSeconds(1);
        /** How often a running job proves its instance alive. */
        private Duration heartbeat = Duration.ofSeconds(2);
        /** Missed heartbeats after which another instance takes the job over and resumes it from its checkpoints. */
        private int missedHeartbeats = 4;
        /** How long a stopping instance waits for its jobs before queueing them again for another instance. */
        private Duration shutdownWait = Duration.ofSeconds(30);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getThreads() { return threads; }
        public void setThreads(int threads) { this.threads = threads; }
        public String getInstance() { return instance; }
        public void setInstance(String instance) { this.instance = instance; }
        public Duration getPollingInterval() { return pollingInterval; }
        public void setPollingInterval(Duration pollingInterval) { this.pollingInterval = pollingInterval; }
        public Duration getHeartbeat() { return heartbeat; }
        public void setHeartbeat(Duration heartbeat) { this.heartbeat = heartbeat; }
        public int getMissedHeartbeats() { return missedHeartbeats; }
        public void setMissedHeartbeats(int missedHeartbeats) { this.missedHeartbeats = missedHeartbeats; }
        public Duration getShutdownWait() { return shutdownWait; }
        public void setShutdownWait(Duration shutdownWait) { this.shutdownWait = shutdownWait; }
    }

    /** Per-user limits of the job queue ({@code autonoma.jobs.enabled}), enforced across instances; 0 means none. */
    public static class Quotas {
        /** Generations a user may have queued or running at once. */
        private int maxConcurrentRuns = 0;
        /** Model tokens a user's generations may spend per UTC day (checked when a generation is submitted). */
        private long maxTokensPerDay = 0;
        /** Model cost in USD a user's generations may spend per UTC day. */
        private BigDecimal maxCostPerDayUsd = BigDecimal.ZERO;
        /** The Retry-After a user at the concurrent limit is given. */
        private Duration retryAfter = Duration.ofSeconds(10);

        public int getMaxConcurrentRuns() { return maxConcurrentRuns; }
        public void setMaxConcurrentRuns(int maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
        public long getMaxTokensPerDay() { return maxTokensPerDay; }
        public void setMaxTokensPerDay(long maxTokensPerDay) { this.maxTokensPerDay = maxTokensPerDay; }
        public BigDecimal getMaxCostPerDayUsd() { return maxCostPerDayUsd; }
        public void setMaxCostPerDayUsd(BigDecimal maxCostPerDayUsd) { this.maxCostPerDayUsd = maxCostPerDayUsd; }
        public Duration getRetryAfter() { return retryAfter; }
        public void setRetryAfter(Duration retryAfter) { this.retryAfter = retryAfter; }
    }

    /** Who may use the REST + SSE API. */
    public static class Security {
        /**
         * Owner → API key (16+ characters), e.g. {@code autonoma.security.api-keys.alice=${ALICE_KEY}}; sent as
         * {@code X-API-Key} (or {@code Authorization: Bearer} when no JWT resource server is configured). Needs Spring
         * Security on the class path.
         */
        private java.util.Map<String, String> apiKeys = new java.util.LinkedHashMap<>();

        /**
         * Start the API without authentication on an address that is not loopback. Default false: such an application
         * refuses to start, since anyone who reaches it could start runs and read every project.
         */
        private boolean allowUnsecured = false;

        public java.util.Map<String, String> getApiKeys() { return apiKeys; }
        public void setApiKeys(java.util.Map<String, String> apiKeys) { this.apiKeys = apiKeys; }
        public boolean isAllowUnsecured() { return allowUnsecured; }
        public void setAllowUnsecured(boolean allowUnsecured) { this.allowUnsecured = allowUnsecured; }
    }

    /** The MCP server over Streamable HTTP (needs autonoma-mcp on the class path and a servlet web application). */
    public static class Mcp {
        /** Whether to serve MCP at {@link #endpoint}. Default false. */
        private boolean enabled = false;

        /** The path of the Streamable HTTP endpoint. */
        private String endpoint = "/mcp";

        /**
         * Owner → bearer token (at least 16 characters), e.g. {@code autonoma.mcp.tokens.alice=${ALICE_MCP_TOKEN}}. Each
         * client sees only its owner's projects. Required when enabled: there is no default token.
         */
        private java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();

        /** Browser origins allowed besides loopback's (others get 403). */
        private java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

        /** Answer clients that are not on loopback (default false: they get 403). */
        private boolean allowRemote = false;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getEndpoint() { return endpoint; }
        public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
        public java.util.Map<String, String> getTokens() { return tokens; }
        public void setTokens(java.util.Map<String, String> tokens) { this.tokens = tokens; }
        public java.util.List<String> getAllowedOrigins() { return allowedOrigins; }
        public void setAllowedOrigins(java.util.List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
        public boolean isAllowRemote() { return allowRemote; }
        public void setAllowRemote(boolean allowRemote) { this.allowRemote = allowRemote; }
    }

    /**
     * Live previews of generated apps ({@code /api/generations/{id}/preview}, needs {@code autonoma.api.enabled}): the
     * project's backend (uvicorn on SQLite) and frontend ({@code next dev}) run as local processes on loopback ports.
     * Previews run generated code on this machine, with this application's user: turn them on only where that is
     * acceptable (a developer's machine, a sandboxed host). Needs python3, node and npm; the first preview of an app
     * installs its dependencies (cached per requirements and lockfile hash).
     */
    public static class Preview {
        /** Whether to serve previews. Default false: they run generated code on this machine. */
        private boolean enabled = false;

        /** Previews running (or being prepared) at once; one more is refused with 429 until one is stopped. */
        private int maxRunning = 2;

        /** A preview nobody asked about for this long (GET .../preview counts) is stopped. */
        private Duration idleTimeout = Duration.ofMinutes(10);

        /** The Python 3 interpreter the backend's virtualenvs are made with (a path, or a name on the PATH). */
        private String python = "python3";

        /** The Node.js executable that runs the frontend's {@code next dev} (a path, or a name on the PATH). */
        private String node = "node";

        /** npm, which installs the frontend's packages (a path, or a name on the PATH). */
        private String npm = "npm";

        /**
         * Where installed dependencies are kept, one virtualenv per requirements hash and one node_modules per lockfile
         * hash. Unset: the verify stage's, {@code ~/.cache/autonoma/verify}, so both share one cache.
         */
        private Path cacheDir;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getMaxRunning() { return maxRunning; }
        public void setMaxRunning(int maxRunning) { this.maxRunning = maxRunning; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public String getPython() { return python; }
        public void setPython(String python) { this.python = python; }
        public String getNode() { return node; }
        public void setNode(String node) { this.node = node; }
        public String getNpm() { return npm; }
        public void setNpm(String npm) { this.npm = npm; }
        public Path getCacheDir() { return cacheDir; }
        public void setCacheDir(Path cacheDir) { this.cacheDir = cacheDir; }

        /** {@link #getCacheDir()} or the verify stage's cache directory. */
        public Path resolvedCacheDir() {
            return cacheDir != null ? cacheDir : io.autonoma.agents.preview.DependencyCache.defaultDirectory();
        }
    }

    public static class Model {
        /** Base URL of an OpenAI-compatible endpoint for the llm engine, e.g. http://127.0.0.1:11434/v1. The API key comes from the AUTONOMA_API_KEY environment variable only. */
        private String baseUrl;

        /** Model name for the llm engine. */
        private String name;

        /** Longest wait for one model answer. */
        private Duration timeout = Duration.ofSeconds(120);

        /** Directory of the on-disk response cache (a re-run of the same generation makes no model calls); unset = in memory only. */
        private Path cacheDir;
        /** Reuse the answer of an identical earlier model request (in memory, or in cache-dir). false: every request goes to the model. */
        private boolean cacheEnabled = true;

        /** Price per 1,000 input tokens in US dollars, for cost accounting and autonoma.budget.max-cost-usd. */
        private BigDecimal priceInputPer1k = BigDecimal.ZERO;

        /** Price per 1,000 output tokens in US dollars. */
        private BigDecimal priceOutputPer1k = BigDecimal.ZERO;

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public Path getCacheDir() { return cacheDir; }
        public boolean isCacheEnabled() { return cacheEnabled; }
        public void setCacheEnabled(boolean cacheEnabled) { this.cacheEnabled = cacheEnabled; }
        public void setCacheDir(Path cacheDir) { this.cacheDir = cacheDir; }
        public BigDecimal getPriceInputPer1k() { return priceInputPer1k; }
        public void setPriceInputPer1k(BigDecimal v) { this.priceInputPer1k = v; }
        public BigDecimal getPriceOutputPer1k() { return priceOutputPer1k; }
        public void setPriceOutputPer1k(BigDecimal v) { this.priceOutputPer1k = v; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Engine getEngine() { return engine; }
    public void setEngine(Engine engine) { this.engine = engine; }
    public Path getOutputRoot() { return outputRoot; }
    public void setOutputRoot(Path outputRoot) { this.outputRoot = outputRoot; }
    public Duration getAgentTimeout() { return agentTimeout; }
    public void setAgentTimeout(Duration agentTimeout) { this.agentTimeout = agentTimeout; }
    public Store getStore() { return store; }
    public Budget getBudget() { return budget; }
    public Templates getTemplates() { return templates; }
    public Api getApi() { return api; }
    public Model getModel() { return model; }
    public Mcp getMcp() { return mcp; }
    public Security getSecurity() { return security; }
    public Jobs getJobs() { return jobs; }
    public Quotas getQuotas() { return quotas; }
    public Preview getPreview() { return preview; }

    /** {@link #getOutputRoot()} or {@code ${java.io.tmpdir}/autonoma}. */
    public Path resolvedOutputRoot() {
        return outputRoot != null ? outputRoot : Path.of(System.getProperty("java.io.tmpdir"), "autonoma");
    }

    /** The per-run budget these settings describe (a fresh copy is taken for each run). */
    public io.autonoma.core.pipeline.Budget toBudget() {
        long tokens = budget.maxTokens == null ? Long.MAX_VALUE : budget.maxTokens;
        long micros = budget.maxCostUsd == null ? Long.MAX_VALUE
                : budget.maxCostUsd.movePointRight(6).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        if (tokens == Long.MAX_VALUE && micros == Long.MAX_VALUE) {
            return io.autonoma.core.pipeline.Budget.unlimited();
        }
        return io.autonoma.core.pipeline.Budget.of(tokens, micros);
    }
}
