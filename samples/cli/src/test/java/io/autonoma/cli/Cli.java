package io.autonoma.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with a given environment and captures what it prints. */
final class Cli {
    private Cli() {}

    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        CommandLine cl = AutonomaCli.commandLine();
        ((GenerateCommand) cl.getSubcommands().get("generate").getCommand()).env = env::get;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
