package io.autonoma.agents.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify stage in a pipeline: it runs after every other agent, publishes each check, and never fails the run. */
class VerifyAgentTest {

    @Test
    void each_check_is_published_as_a_report_and_kept_as_the_stage_output(@TempDir Path tmp) {
        AppSpec spec = AppSpec.builder("Notes").entity(new Entity("Note", List.of(Field.builder("title", FieldType.STRING).build()))).build();
        List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        // a PATH with neither python3 nor node: every check is reported, as not verified
        Verifier verifier = Verifier.builder().cacheDir(tmp.resolve("cache")).environment(Map.of("PATH", tmp.toString())).build();
        try (Autonoma autonoma = Autonoma.builder().semanticSearch(false).verify(verifier).listener(events::add).build()) {
            GenerationResult result = autonoma.generate(spec);

            assertThat(result.succeeded()).isTrue();
            @SuppressWarnings("unchecked")
            List<CheckResult> checks = (List<CheckResult>) result.agentResults().get(VerifyAgent.NAME).outputs().get(VerifyAgent.RESULTS.name());
            assertThat(checks).extracting(CheckResult::check).containsExactly("ruff", "ruff format", "mypy", "pytest", "tsc", "eslint");
            assertThat(checks).allMatch(c -> c.status() == CheckResult.Status.NOT_VERIFIED);
            List<GenerationEvent.CheckFinished> reports = events.stream().filter(GenerationEvent.CheckFinished.class::isInstance)
                    .map(GenerationEvent.CheckFinished.class::cast).toList();
            assertThat(reports).extracting(GenerationEvent.CheckFinished::check)
                    .containsExactly("ruff", "ruff format", "mypy", "pytest", "tsc", "eslint");
            assertThat(reports).allMatch(r -> r.agent().equals(VerifyAgent.NAME) && r.status().equals("not_verified")
                    && r.excerpt().contains("not on the PATH"));
            // it ran last: after the security review
            List<String> started = events.stream().filter(GenerationEvent.AgentStarted.class::isInstance)
                    .map(e -> ((GenerationEvent.AgentStarted) e).agent()).toList();
            assertThat(started.get(started.size() - 1)).isEqualTo(VerifyAgent.NAME);
        }
    }
}
