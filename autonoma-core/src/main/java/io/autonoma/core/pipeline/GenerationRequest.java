package io.autonoma.core.pipeline;

import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Optional;

/**
 * One generation: a prompt or a ready {@link AppSpec} (at least one), the project the files go to,
 * a budget and free-form options (e.g. {@code engine=offline}). Build with {@link #builder()}.
 */
public record GenerationRequest(
        String projectId, String prompt, Optional<AppSpec> spec, Budget budget, Map<String, String> options) {

    public GenerationRequest {
        spec = spec == null ? Optional.empty() : spec;
        budget = budget == null ? Budget.unlimited() : budget;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().projectId(projectId).prompt(prompt.isEmpty() ? null : prompt).budget(budget);
        spec.ifPresent(b::spec);
        options.forEach(b::option);
        return b;
    }

    public static final class Builder {
        private String projectId = "app";
        private String prompt;
        private AppSpec spec;
        private Budget budget = Budget.unlimited();
        private final java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();

        public Builder projectId(String v) { this.projectId = v; return this; }
        public Builder prompt(String v) { this.prompt = v; return this; }
        public Builder spec(AppSpec v) { this.spec = v; return this; }
        public Builder budget(Budget v) { this.budget = v; return this; }
        public Builder option(String k, String v) { options.put(k, v); return this; }

        /** Throws {@link IllegalArgumentException} when neither a prompt nor a spec is given or the project id is unsafe. */
        public GenerationRequest build() {
            if ((prompt == null || prompt.isBlank()) && spec == null) {
                throw new IllegalArgumentException("a generation request needs a prompt or an app spec");
            }
            ArtifactPaths.requireValidProjectId(projectId);
            return new GenerationRequest(projectId, prompt == null ? "" : prompt, Optional.ofNullable(spec), budget, options);
        }
    }
}
