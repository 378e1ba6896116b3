package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Role;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Prompts as people write them: no field lists, behaviour words. Each prompt lists the concepts a good
 * analyst finds, each as a list of alternatives of which any one counts. A concept is held by the spec when
 * an entity is named so (or ends in it: VetAppointment holds "appointment"), when a role of the app's users
 * is named so (a "doctor" who uploads results), or, for "user", when a relation points at the app's users.
 *
 * <p>{@code natural.jsonl} is the team's set; {@code natural-own.jsonl} new prompts in other domains and
 * wordings. Both must stay above the bar. {@code natural-holdout*.jsonl} are reported with regression floors
 * only: each was written before the analyst was run on it, and its first figure is the honest one.
 * The figures go to {@code target/natural-prompts-report.txt}, which CI prints.
 */
class NaturalPromptsTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();
    private static final Path REPORT = Path.of("target", "natural-prompts-report.txt");

    /** Figures of one prompt set. */
    record Score(String file, int concepts, int found, int prompts, int understood, int capabilities, int capabilitiesFound,
            List<String> misses) {
        double recall() {
            return 100.0 * found / concepts;
        }

        String line() {
            return String.format(Locale.ROOT, "%-26s concept recall %d/%d = %.1f%%, fully understood %d/%d, capabilities %d/%d",
                    file, found, concepts, recall(), understood, prompts, capabilitiesFound, capabilities);
        }
    }

    static Score score(String file) throws IOException {
        int concepts = 0;
        int found = 0;
        int prompts = 0;
        int understood = 0;
        int caps = 0;
        int capsFound = 0;
        List<String> misses = new ArrayList<>();
        for (String line : Files.readAllLines(PromptFiles.file(file), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode n = AppSpecJson.mapper().readTree(line);
            AppSpec spec = ANALYST.analyze(n.get("prompt").asText());
            prompts++;
            boolean all = true;
            for (JsonNode alternatives : n.get("expect")) {
                concepts++;
                boolean ok = false;
                for (JsonNode a : alternatives) {
                    ok |= holds(spec, a.asText());
                }
                if (ok) {
                    found++;
                } else {
                    all = false;
                    misses.add(n.get("id").asText() + ": " + alternatives);
                }
            }
            if (all) understood++;
            Set<String> built = new TreeSet<>();
            spec.capabilities().forEach(c -> built.add(c.type().json()));
            for (JsonNode c : n.path("capabilities")) {
                caps++;
                if (built.contains(c.asText())) {
                    capsFound++;
                } else {
                    misses.add(n.get("id").asText() + ": capability " + c.asText());
                }
            }
        }
        return new Score(file, concepts, found, prompts, understood, caps, capsFound, misses);
    }

    /** Whether the spec holds a concept named {@code alt} (lower case, no spaces). */
    static boolean holds(AppSpec spec, String alt) {
        for (Entity e : spec.entities()) {
            String name = e.name();
            if (name.toLowerCase(Locale.ROOT).equals(alt)) return true;
            for (int i = 1; i < name.length(); i++) {
                if (Character.isUpperCase(name.charAt(i)) && name.substring(i).toLowerCase(Locale.ROOT).equals(alt)) return true;
            }
        }
        if (alt.equals("user")) {
            return spec.relations().stream().anyMatch(r -> AppSpec.USER_ENTITY.equals(r.to()));
        }
        return spec.roles().stream().map(Role::name).anyMatch(r -> r.equals(alt) && !r.equals("admin"));
    }

    private static void report(List<Score> scores) throws IOException {
        StringBuilder b = new StringBuilder("Offline analyst on natural prompts\n");
        for (Score s : scores) {
            b.append(s.line()).append('\n');
            for (String m : s.misses()) b.append("    missed ").append(m).append('\n');
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, b.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void understands_the_shared_natural_prompts_and_new_ones_in_other_domains() throws IOException {
        Score shared = score(PromptFiles.NATURAL);
        Score own = score("natural-own.jsonl");
        Score holdout = score("natural-holdout.jsonl");
        Score holdout2 = score("natural-holdout2.jsonl");
        Score holdout3 = score("natural-holdout3.jsonl");
        Score holdout4 = score("natural-holdout4.jsonl");
        report(List.of(shared, own, holdout, holdout2, holdout3, holdout4));

        assertThat(shared.recall()).as(shared.line() + " " + shared.misses()).isGreaterThanOrEqualTo(90.0);
        assertThat(shared.understood()).as(shared.line()).isGreaterThanOrEqualTo(26);
        // every capability a shared prompt names is produced (the behaviour the generated app is asked for)
        assertThat(shared.capabilitiesFound()).as(shared.line() + " " + shared.misses()).isEqualTo(shared.capabilities());
        assertThat(own.prompts()).isGreaterThanOrEqualTo(30);
        assertThat(own.recall()).as(own.line() + " " + own.misses()).isGreaterThanOrEqualTo(90.0);
        assertThat(own.understood() * 100 / own.prompts()).as(own.line()).isGreaterThanOrEqualTo(85);
        // regression floors under the sets written later (their first, untuned figures were 69.5%, 79.3%, 76.7% and 85.2%)
        assertThat(holdout.recall()).as(holdout.line()).isGreaterThanOrEqualTo(85.0);
        assertThat(holdout2.recall()).as(holdout2.line()).isGreaterThanOrEqualTo(70.0);
        assertThat(holdout3.recall()).as(holdout3.line()).isGreaterThanOrEqualTo(70.0);
        assertThat(holdout4.recall()).as(holdout4.line()).isGreaterThanOrEqualTo(75.0);
    }

    @Test
    void reads_the_same_natural_prompt_into_the_same_spec() throws IOException {
        for (String line : Files.readAllLines(PromptFiles.file(PromptFiles.NATURAL), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String prompt = AppSpecJson.mapper().readTree(line).get("prompt").asText();
            assertThat(AppSpecJson.write(OfflineRequirementsAnalyst.create().analyze(prompt)))
                    .isEqualTo(AppSpecJson.write(ANALYST.analyze(prompt)));
        }
    }
}
