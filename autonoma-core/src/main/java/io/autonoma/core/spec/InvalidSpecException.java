package io.autonoma.core.spec;

import io.autonoma.core.AutonomaException;
import java.util.List;

/** An {@link AppSpec} that cannot be generated from. {@link #problems()} point at fields, e.g. {@code entities[1].fields[0].type}. */
public class InvalidSpecException extends AutonomaException {
    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super("invalid app spec:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
