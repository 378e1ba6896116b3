package io.autonoma.agents.deploy;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.deploy.internal.DeployView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Objects;

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
public final class DeploymentAgent extends SpecRenderingAgent {
    private final TemplateRenderer renderer;

    public DeploymentAgent() {
        this(new TemplateRenderer());
    }

    public DeploymentAgent(TemplateRenderer renderer) {
        super(AgentIds.DEPLOYMENT, AgentIds.REQUIREMENTS);
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return renderer.renderPack("deploy", DeployView.of(spec));
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "wrote " + fileCount + " deployment files (Dockerfiles, compose, k8s, CI, Prometheus) for "
                + DeployView.of(spec).slug();
    }
}
