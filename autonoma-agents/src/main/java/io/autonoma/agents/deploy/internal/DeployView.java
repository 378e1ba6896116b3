package io.autonoma.agents.deploy.internal;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Feature;
import java.util.List;

/**
 * Logic-less view of an {@link AppSpec} for the deployment templates. Every value is already
 * escaped for where the templates put it: {@code *Yaml} fields are complete YAML double-quoted
 * scalars, {@code *Compose} ones are YAML scalars with {@code $} doubled, {@code *Line} ones are
 * safe inside a {@code #} comment, {@code *Md} ones are markdown-safe. Names of resources, images,
 * databases and hosts come from {@link #slug}, never from free text. With {@code jobs} (the background_job
 * capability) compose and Kubernetes run Celery workers, and with {@code reminders} one beat and the SMTP settings.
 */
public record DeployView(
        String slug,
        String dbName,
        String nameLine,
        String nameYaml,
        String nameCompose,
        String nameMd,
        String descriptionLine,
        String descriptionYaml,
        String descriptionCompose,
        String descriptionMd,
        String host,
        String imageRegistry,
        String version,
        String k8sVersion,
        boolean caching,
        boolean realtime,
        boolean files,
        boolean graphql,
        boolean jobs,
        boolean reminders) {

    /** This view once when the backend pushes real-time events (a Redis for pub/sub between pods), else none. */
    public List<DeployView> withRealtime() {
        return realtime ? List.of(this) : List.of();
    }

    /** Image tag the manifests refer to; CI builds {@code <slug>-backend:ci-<sha>}. */
    public static final String VERSION = "0.1.0";
    /** Kubernetes minor the manifests are validated against. */
    public static final String K8S_VERSION = "1.37.0";

    /** This view once when the app runs Celery workers (deploy/k8s/35-workers.yaml), else none. */
    public java.util.List<DeployView> withJobs() { return jobs ? java.util.List.of(this) : java.util.List.of(); }

    public static DeployView of(AppSpec spec) {
        String slug = Text.slug(spec.name());
        String name = spec.name() == null ? "" : spec.name();
        String description = spec.description() == null || spec.description().isBlank()
                ? name : spec.description();
        // Annotations and labels hold a short summary, not a whole essay.
        String shortDescription = description.length() > 500 ? description.substring(0, 500) : description;
        return new DeployView(
                slug,
                Text.snakeSlug(slug),
                Text.line(name, 120),
                Text.yaml(name),
                Text.compose(name),
                Text.md(name),
                Text.line(description, 200),
                Text.yaml(shortDescription),
                Text.compose(shortDescription),
                Text.md(description),
                slug + ".example.com",
                "registry.example.com/" + slug,
                VERSION,
                K8S_VERSION,
                spec.features().contains(Feature.CACHING),
                !spec.capabilities(Capability.Realtime.class).isEmpty(),
                !spec.capabilities(Capability.FileUpload.class).isEmpty(),
                spec.features().contains(Feature.GRAPHQL),
                !spec.capabilities(Capability.BackgroundJob.class).isEmpty(),
                spec.capabilities(Capability.BackgroundJob.class).stream().anyMatch(j -> "reminder".equals(j.kind())));
    }
}
