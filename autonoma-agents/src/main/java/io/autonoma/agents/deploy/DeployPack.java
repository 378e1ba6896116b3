package io.autonoma.agents.deploy;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.deploy.internal.DeployView;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;

/**
 * What it takes to ship the generated app ({@code templates/deploy}, rendered by {@link AgentIds#DEPLOYMENT}):
 * Dockerfiles and {@code .dockerignore}s for {@code backend/} and {@code frontend/}, {@code deploy/docker-compose.yml}
 * with PostgreSQL 16 and Redis 7, {@code deploy/.env.example} (placeholders only), Kubernetes manifests in
 * {@code deploy/k8s/}, a GitHub Actions workflow, a Prometheus scrape config and {@code deploy/README.md}.
 *
 * <p>Database migrations run as a one-shot step before the backend starts, never inside the backend container: the
 * {@code migrate} service in compose and the {@code <slug>-migrate} Job in Kubernetes, both running
 * {@code alembic upgrade head} from the backend image (so scaled-out replicas never race on a migration).
 *
 * <p>Free spec text (name, description) only appears escaped (YAML scalars, comments, markdown); resource names use
 * the slug {@code Naming.kebab(name)} reduced to a DNS label. No secret values are written: secrets are
 * {@code CHANGE_ME} placeholders and Deployments read them through {@code secretKeyRef}.
 */
public final class DeployPack extends AbstractTemplatePack {
    public static final String NAME = "deploy";

    public DeployPack() {
        super(PackDescriptor.builder(NAME)
                .agent(AgentIds.DEPLOYMENT)
                .check(PackCheck.of("compose-config", "deploy", "docker", "compose", "--env-file", ".env.example", "config", "-q")
                                .needing("Docker Compose"),
                        PackCheck.of("kubeconform", "deploy", "kubeconform", "-strict", "-summary", "k8s").needing("kubeconform"),
                        PackCheck.of("actionlint", ".", "actionlint").needing("actionlint"),
                        PackCheck.of("hadolint-backend", "backend", "hadolint", "Dockerfile").needing("hadolint"),
                        PackCheck.of("hadolint-frontend", "frontend", "hadolint", "Dockerfile").needing("hadolint"))
                .build(), DeployView::of,
                (spec, fileCount) -> "wrote " + fileCount + " deployment files (Dockerfiles, compose, k8s, CI, Prometheus) for " + DeployView.of(spec).slug());
    }
}
