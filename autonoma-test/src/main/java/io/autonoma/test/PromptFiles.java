package io.autonoma.test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example prompt files kept in the repository's {@code prompts/} folder (copies of the team's shared
 * prompt sets, so that a fresh clone is self-contained). Found by walking up from the working directory,
 * which is a module's folder when Maven runs the tests.
 */
public final class PromptFiles {
    /** Prompts that list fields, with the entities and fields a good analyst finds. */
    public static final String FIELD_LISTS = "prompts.jsonl";
    /** Prompts as people write them (no field lists), with the concepts a good analyst finds. */
    public static final String NATURAL = "natural.jsonl";

    private PromptFiles() {}

    /**
     * The path of {@code prompts/<name>} in the nearest parent directory that has it.
     *
     * @throws AssertionError if no parent holds it
     */
    public static Path file(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve("prompts").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("prompts/" + name + " not found in " + start + " or any parent directory");
    }
}
