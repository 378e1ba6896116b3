package io.autonoma.cli;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.analyst.RequirementsAnalystAgent;
import io.autonoma.agents.analyst.SpecSummary;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code autonoma plan "<prompt>"}: reads the prompt, prints what was understood and writes only the
 * AppSpec, so that a user can correct it before generating ({@code generate --spec}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Read a prompt into an AppSpec, print what was understood and write only app-spec.json.",
        footer = {"", "Example:",
                "  autonoma plan \"a kanban board with boards, columns and cards\" -o kanban",
                "  (edit kanban/app-spec.json, then) autonoma generate --spec kanban/app-spec.json -o kanban --force"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROMPT", description = "What to build, in plain language.")
    String prompt;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory to write app-spec.json to (created if missing).")
    Path output;

    @Option(names = "--force", description = "Replace an existing app-spec.json.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (prompt == null || prompt.isBlank()) {
            err.println("error: the prompt is empty; describe the app, e.g. autonoma plan \"a todo app with tasks that have "
                    + "a title and a due date\" -o todo");
            return GenerateCommand.BAD_INPUT;
        }
        Path file = output.resolve(RequirementsAnalystAgent.SPEC_FILE);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            err.println("error: output " + output + " exists and is not a directory");
            return GenerateCommand.BAD_INPUT;
        }
        if (Files.exists(file) && !force) {
            err.println("error: " + file + " exists; pass --force to replace it");
            return GenerateCommand.BAD_INPUT;
        }
        AppSpec appSpec;
        try {
            // the same guard and archetype index as generate's defaults, so that plan and generate read a prompt alike
            PromptGuard.Result guarded = PromptGuard.defaults().check(prompt);
            OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.builder()
                    .templateIndex(DefaultTemplateIndex.lazy(true)).build();
            appSpec = analyst.analyze(guarded.prompt());
            if (guarded.changed()) {
                appSpec = appSpec.toBuilder().note("Prompt guard " + guarded.summary() + ".").build();
            }
        } catch (AutonomaException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenerateCommand.BAD_INPUT;
        }
        SpecSummary.of(appSpec).lines().forEach(out::println);
        try {
            Files.createDirectories(output);
            Files.writeString(file, AppSpecJson.write(appSpec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return GenerateCommand.GENERATION_FAILED;
        }
        out.printf("%nWrote %s. Edit it if something is wrong, then: autonoma generate --spec %s -o <app dir>%n", file, file);
        out.flush();
        return 0;
    }
}
