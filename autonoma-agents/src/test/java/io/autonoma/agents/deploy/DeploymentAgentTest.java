package io.autonoma.agents.deploy;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.guard.SecretScanner;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Feature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeploymentAgentTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path INVENTORY = Path.of("../docs/examples/inventory.app-spec.json");
    private static final String HOSTILE_NAME = "Bob's \"Shop\": #1 {{name}} ${{ secrets.X }} $HOME\nsecond: line\t\\ end";
    private static final String HOSTILE_DESCRIPTION = "key: value # not a comment\n- not a list\n{{#entities}}x{{/entities}}"
            + " 'single' \"double\" ${POSTGRES_PASSWORD} \u0007bell \u2028sep --- ...";

    private final PackAgent agent = new PackAgent(new DeployPack());

    static AppSpec inventory() {
        return AppSpecJson.read(INVENTORY);
    }

    /** Not validated on purpose: the agent must stay safe even for specs that skipped validation (e.g. from an LLM). */
    static AppSpec hostile() {
        AppSpec base = inventory();
        return new AppSpec(HOSTILE_NAME, HOSTILE_DESCRIPTION, base.entities(), base.relations(), base.capabilities(), base.roles(),
                base.pages(), base.features(), base.notes());
    }

    @Test
    void renders_every_deployment_file_for_the_example_spec() {
        Map<String, String> files = agent.render(inventory());

        assertThat(files).containsOnlyKeys(
                "backend/Dockerfile", "backend/.dockerignore", "frontend/Dockerfile", "frontend/.dockerignore",
                "deploy/docker-compose.yml", "deploy/.env.example", "deploy/.gitignore",
                "deploy/k8s/00-namespace.yaml", "deploy/k8s/10-configmap.yaml", "deploy/k8s/20-migrate-job.yaml",
                "deploy/k8s/30-backend.yaml", "deploy/k8s/40-frontend.yaml", "deploy/k8s/50-ingress.yaml",
                "deploy/k8s/60-autoscaling.yaml", "deploy/k8s/examples/secret.example.yaml",
                "deploy/prometheus/prometheus.yml", ".github/workflows/ci.yml", "deploy/README.md");
        assertThat(files.get("backend/Dockerfile"))
                .contains("FROM python:3.11-slim AS build", "FROM python:3.11-slim AS runtime", "USER 10001:10001",
                        "HEALTHCHECK", "/health", "\"uvicorn\", \"app.main:app\"")
                .doesNotContain(":latest", "ADD ");
        assertThat(files.get("frontend/Dockerfile"))
                .contains("FROM node:20-alpine AS build", "next build", "\"node_modules/.bin/next\", \"start\"", "USER 1000:1000", "HEALTHCHECK");
        assertThat(files.get("deploy/.gitignore")).contains(".env");
    }

    @Test
    void every_yaml_file_parses_and_kubernetes_objects_are_well_formed() throws Exception {
        Map<String, String> files = agent.render(inventory());
        List<JsonNode> k8s = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".yaml") || f.getKey().endsWith(".yml")) {
                List<JsonNode> docs = parseAll(f.getValue());
                assertThat(docs).as(f.getKey()).isNotEmpty();
                if (f.getKey().startsWith("deploy/k8s/")) k8s.addAll(docs);
            }
        }
        assertThat(k8s).extracting(d -> d.path("kind").asText()).containsExactly(
                "Namespace", "ConfigMap", "Job", "Deployment", "Service", "Deployment", "Service", "Ingress",
                "HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PodDisruptionBudget", "Secret");
        for (JsonNode d : k8s) {
            if (!d.path("kind").asText().equals("Namespace")) {
                assertThat(d.at("/metadata/namespace").asText()).isEqualTo("inventory");
            }
        }
        JsonNode backend = k8s.get(3);
        JsonNode container = backend.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(backend.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/env/0/valueFrom/secretKeyRef/name").asText()).isEqualTo("inventory-secrets");
        assertThat(k8s.get(8).path("apiVersion").asText()).isEqualTo("autoscaling/v2");

        JsonNode compose = YAML.readTree(files.get("deploy/docker-compose.yml"));
        assertThat(compose.path("services").fieldNames()).toIterable()
                .contains("postgres", "redis", "migrate", "backend", "frontend");
        assertThat(compose.at("/services/postgres/image").asText()).isEqualTo("postgres:16");
        assertThat(compose.at("/services/redis/image").asText()).isEqualTo("redis:7");
        assertThat(compose.at("/services/backend/env_file").asText()).isEqualTo(".env");
        assertThat(compose.at("/services/backend/depends_on/migrate/condition").asText())
                .isEqualTo("service_completed_successfully");

        JsonNode prom = YAML.readTree(files.get("deploy/prometheus/prometheus.yml"));
        assertThat(prom.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/metrics");

        JsonNode ci = YAML.readTree(files.get(".github/workflows/ci.yml"));
        assertThat(ci.path("jobs").fieldNames()).toIterable().containsExactly("backend", "frontend", "images");
        assertThat(files.get(".github/workflows/ci.yml"))
                .contains("tags: inventory-${{ matrix.component }}:ci-${{ github.sha }}", "push: false")
                .containsPattern("uses: aquasecurity/trivy-action@[0-9a-f]{40} # v");
        // every action is pinned to a full commit SHA
        assertThat(Pattern.compile("uses: ([^\\s]+)").matcher(files.get(".github/workflows/ci.yml")).results()
                .map(m -> m.group(1)).toList()).allMatch(u -> u.matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"));
    }

    @Test
    void output_is_deterministic() {
        Map<String, String> a = agent.render(inventory());
        Map<String, String> b = new PackAgent(new DeployPack()).render(inventory());
        assertThat(b).isEqualTo(a);
        assertThat(List.copyOf(b.keySet())).isEqualTo(List.copyOf(a.keySet()));
        assertThat(digest(b)).isEqualTo(digest(a));
        assertThat(agent.render(hostile())).isEqualTo(new PackAgent(new DeployPack()).render(hostile()));
    }

    @Test
    void hostile_name_and_description_stay_inside_their_yaml_strings() throws Exception {
        Map<String, String> files = agent.render(hostile());
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".yaml") || f.getKey().endsWith(".yml")) {
                assertThat(parseAll(f.getValue())).as(f.getKey()).isNotEmpty();
            }
        }
        JsonNode ns = YAML.readTree(files.get("deploy/k8s/00-namespace.yaml"));
        assertThat(ns.at("/metadata/name").asText()).isEqualTo("bob-s-shop-1-name-secrets-x-home-second");
        assertThat(ns.at("/metadata/annotations/autonoma.io~1app-name").asText()).isEqualTo(HOSTILE_NAME);
        assertThat(ns.at("/metadata/annotations/autonoma.io~1description").asText()).isEqualTo(HOSTILE_DESCRIPTION);
        assertThat(ns.path("metadata").fieldNames()).toIterable().containsExactly("name", "labels", "annotations");

        JsonNode compose = YAML.readTree(files.get("deploy/docker-compose.yml"));
        // compose interpolates '$': the value on disk has it doubled, so compose yields the original text
        assertThat(compose.at("/x-app-labels/io.autonoma.app").asText()).isEqualTo(HOSTILE_NAME.replace("$", "$$"));
        assertThat(compose.path("services").fieldNames()).toIterable()
                .containsExactly("postgres", "redis", "migrate", "backend", "frontend", "prometheus");

        JsonNode ci = YAML.readTree(files.get(".github/workflows/ci.yml"));
        assertThat(ci.path("name").asText()).isEqualTo("CI");
        assertThat(files.get(".github/workflows/ci.yml")).startsWith("# CI for Bob's").doesNotContain("{{name}}");
        assertThat(files.get(".github/workflows/ci.yml").lines().filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.contains("secrets.X") || l.contains("Bob"));

        // comments hold one line, with template braces defused
        for (String path : List.of("backend/Dockerfile", "frontend/Dockerfile", "deploy/.env.example")) {
            assertThat(files.get(path).lines().filter(l -> l.contains("Bob's")))
                    .as(path).hasSize(1).allMatch(l -> l.startsWith("#") && !l.contains("{{") && !l.contains("\t"));
        }
        assertThat(files.get("deploy/README.md").lines().filter(l -> l.contains("Bob's")).findFirst().orElseThrow())
                .startsWith("# Deploying Bob's");
    }

    @Test
    void writes_no_secrets_only_placeholders_and_references() throws Exception {
        for (AppSpec spec : List.of(inventory(), hostile())) {
            Map<String, String> files = agent.render(spec);
            files.forEach((path, content) -> assertThat(SecretScanner.scan(path, content)).as(path).isEmpty());
            String all = String.join("\n", files.values());
            assertThat(all).doesNotContainPattern("-----BEGIN [A-Z ]*PRIVATE KEY-----")
                    .doesNotContainPattern("AKIA[0-9A-Z]{16}")
                    .doesNotContainPattern("gh[pousr]_[A-Za-z0-9]{30,}")
                    .doesNotContainPattern("postgres(ql)?(\\+asyncpg)?://(?!USER:PASSWORD@)[^:/\\s$]+:[^@$\\s]+@");
            Map<String, String> env = new LinkedHashMap<>();
            files.get("deploy/.env.example").lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            assertThat(env).containsEntry("SECRET_KEY", "CHANGE_ME").containsEntry("POSTGRES_PASSWORD", "CHANGE_ME");
            env.forEach((k, v) -> {
                if (k.matches(".*(SECRET|PASSWORD|TOKEN_KEY|API_KEY).*")) assertThat(v).as(k).isEqualTo("CHANGE_ME");
            });
            JsonNode secret = YAML.readTree(files.get("deploy/k8s/examples/secret.example.yaml"));
            secret.path("stringData").forEach(v -> assertThat(v.asText()).isEqualTo("CHANGE_ME"));
            assertThat(secret.has("data")).isFalse();
            files.forEach((path, content) -> {
                if (path.startsWith("deploy/k8s/") && !path.contains("/examples/")) {
                    assertThat(content).as(path).doesNotContain("kind: Secret");
                }
            });
        }
    }

    @Test
    void run_writes_every_file_through_the_artifact_sink() throws Exception {
        TestContext ctx = new TestContext(inventory());
        var result = agent.run(ctx);
        assertThat(ctx.texts()).isEqualTo(new java.util.TreeMap<>(agent.render(inventory())));
        assertThat(result.summary()).contains("18 deployment files", "inventory");
        assertThat(agent.name()).isEqualTo("deployment");
        assertThat(agent.dependsOn()).containsExactly("requirements");
    }

    @Test
    void run_without_a_spec_is_a_clear_error() {
        assertThatThrownBy(() -> agent.run(new NoSpecContext()))
                .isInstanceOf(AutonomaException.class).hasMessageContaining("deployment agent needs an app spec");
    }

    @Test
    void caching_feature_and_other_specs_render_too() throws Exception {
        AppSpec other = AppSpec.builder("Print Farm 3D").description("Jobs: queue & printers")
                .entity(inventory().entities().get(0)).feature(Feature.CACHING).build();
        Map<String, String> files = agent.render(other);
        JsonNode ns = YAML.readTree(files.get("deploy/k8s/00-namespace.yaml"));
        assertThat(ns.at("/metadata/name").asText()).isEqualTo("print-farm-3-d");
        assertThat(files.get("deploy/.env.example")).contains("POSTGRES_DB=print_farm_3_d");
        assertThat(other.entities()).extracting(Entity::name).containsExactly("Supplier");
    }

    private static List<JsonNode> parseAll(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) docs.add(n);
            }
        }
        return docs;
    }

    private static String digest(Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.forEach((k, v) -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context whose request has only a prompt (no spec yet). */
    static final class NoSpecContext implements AgentContext {
        @Override public GenerationRequest request() { return GenerationRequest.builder().prompt("x").build(); }
        @Override public String runId() { return "run-1"; }
        @Override public Optional<AppSpec> spec() { return Optional.empty(); }
        @Override public <T> Optional<T> output(String key, Class<T> type) { return Optional.empty(); }
        @Override public void log(String message) {}
        @Override public CancellationToken cancellation() { return () -> false; }
        @Override public Budget budget() { return Budget.unlimited(); }

        @Override
        public ArtifactSink artifacts() {
            return new ArtifactSink() {
                @Override
                public Artifact write(String path, String content) {
                    byte[] b = content.getBytes(StandardCharsets.UTF_8);
                    return new Artifact("app", path, 1, b, "", "deployment", Instant.EPOCH);
                }

                @Override public Optional<Artifact> read(String path) { return Optional.empty(); }
                @Override public List<Artifact> list() { return List.of(); }
            };
        }
    }

}
