package io.autonoma.agents.testkit;

import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testing.FastApiTestsPack;
import io.autonoma.core.spec.AppSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders built-in packs in tests, as their agents do (shared with the modules built on the agents, test-jar). */
public final class Packs {
    private Packs() {}

    /** The files of {@code packs} for {@code spec}, in pack and manifest order. */
    public static Map<String, String> render(AppSpec spec, TemplatePack... packs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TemplatePack p : packs) {
            out.putAll(new PackAgent(p).render(spec));
        }
        return out;
    }

    /** The FastAPI backend and its pytest suite, application first. */
    public static Map<String, String> backend(AppSpec spec) {
        return render(spec, new FastApiPack(), new FastApiTestsPack());
    }
}
