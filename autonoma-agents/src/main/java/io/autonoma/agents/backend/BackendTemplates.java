package io.autonoma.agents.backend;

import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.spec.AppSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the FastAPI backend packs ({@code templates/backend-fastapi} and its {@code tests} pack)
 * for an {@link AppSpec}. Deterministic: the same spec gives byte-identical files. Paths are
 * project-relative ({@code backend/app/main.py}). Thread-safe.
 */
public final class BackendTemplates {
    public static final String APP_PACK = "backend-fastapi";
    public static final String TESTS_PACK = "backend-fastapi/tests";

    private final TemplateRenderer renderer;

    public BackendTemplates() {
        this(new TemplateRenderer());
    }

    public BackendTemplates(TemplateRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** The application: {@code backend/app/**}, Alembic, pyproject and requirements. */
    public Map<String, String> application(AppSpec spec) {
        return renderer.renderPack(APP_PACK, BackendView.of(Objects.requireNonNull(spec, "spec")));
    }

    /** The pytest suite: {@code backend/tests/**}. */
    public Map<String, String> tests(AppSpec spec) {
        return renderer.renderPack(TESTS_PACK, BackendView.of(Objects.requireNonNull(spec, "spec")));
    }

    /** Both, application first. */
    public Map<String, String> all(AppSpec spec) {
        Map<String, String> out = new LinkedHashMap<>(application(spec));
        out.putAll(tests(spec));
        return out;
    }
}
