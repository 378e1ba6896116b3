package io.autonoma.agents.deploy;

import io.autonoma.agents.deploy.internal.DeployView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes what it takes to ship the generated app: Dockerfiles and {@code .dockerignore}s for
 * {@code backend/} and {@code frontend/}, {@code deploy/docker-compose.yml} with PostgreSQL 16 and
 * Redis 7, {@code deploy/.env.example} (placeholders only), Kubernetes manifests in
 * {@code deploy/k8s/}, a GitHub Actions workflow, a Prometheus scrape config and
 * {@code deploy/README.md}. Renders the {@code templates/deploy} pack.
 *
 * <p>Database migrations run as a one-shot step before the backend starts, never inside the
 * backend container: the {@code migrate} service in compose and the {@code <slug>-migrate} Job in
 * Kubernetes, both running {@code alembic upgrade head} from the backend image (so scaled-out
 * replicas never race on a migration).
 *
 * <p>Output is a pure function of the spec (same spec, same bytes). Free spec text (name,
 * description) only appears escaped (YAML scalars, comments, markdown); resource names use the
 * slug {@code Naming.kebab(name)} reduced to a DNS label. No secret values are written: secrets
 * are {@code CHANGE_ME} placeholders and Deployments read them through {@code secretKeyRef}.
 */
public final class DeploymentAgent implements Agent {
    public static final String NAME = "deployment";
    private final TemplateRenderer renderer;

    public DeploymentAgent() {
        this(new TemplateRenderer());
    }

    public DeploymentAgent(TemplateRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("requirements");
    }

    /** The files for {@code spec}: project-relative path → content, in a stable order. */
    public Map<String, String> render(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return renderer.renderPack("deploy", DeployView.of(spec));
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the deployment agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = render(spec);
        for (Map.Entry<String, String> f : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(f.getKey(), f.getValue());
        }
        return AgentResult.of("wrote " + files.size() + " deployment files (Dockerfiles, compose, k8s, CI, Prometheus) for "
                + DeployView.of(spec).slug());
    }
}
