package io.autonoma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code autonoma} — the command-line entry point. */
@Command(name = "autonoma", mixinStandardHelpOptions = true, version = "autonoma 0.1.0-SNAPSHOT",
        description = "Turns a plain-language prompt into a running full-stack web app (Next.js + FastAPI).",
        subcommands = {GenerateCommand.class, ChangeCommand.class, VerifyCommand.class, PlanCommand.class, McpCommand.class,
                CommandLine.HelpCommand.class})
public final class AutonomaCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AutonomaCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
