package io.autonoma.agents.pack;

import java.util.List;
import java.util.Objects;

/**
 * A check that verifies what a template pack wrote with the generated app's own tools, e.g. {@code mypy} over
 * the backend: a command run in a directory of the generated project. Packs declare them so that whatever
 * verifies a generated app (today {@code ci/check-*.sh}, a verify stage tomorrow) knows, per pack, what proves its
 * files work; Autonoma itself runs no generated code.
 *
 * @param name a short stable name, e.g. {@code mypy}
 * @param directory the project-relative directory to run it in, e.g. {@code backend}; one the pack writes into
 * @param command the program and its arguments
 * @param needs what must be in place first (installed dependencies, a database…); empty when nothing
 */
public record PackCheck(String name, String directory, List<String> command, String needs) {
    public PackCheck {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a pack check needs a name");
        if (directory == null || directory.isBlank()) throw new IllegalArgumentException("check '" + name + "' needs a directory");
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("check '" + name + "' needs a command");
        needs = needs == null ? "" : needs;
    }

    /** A check that needs only the pack's files and their dependencies installed. */
    public static PackCheck of(String name, String directory, String... command) {
        return new PackCheck(name, directory, List.of(command), "");
    }

    /** This check, needing {@code what} first (e.g. "a PostgreSQL database in DATABASE_URL"). */
    public PackCheck needing(String what) {
        return new PackCheck(name, directory, command, Objects.requireNonNull(what, "what"));
    }
}
