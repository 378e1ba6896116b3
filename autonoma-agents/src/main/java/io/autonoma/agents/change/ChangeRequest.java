package io.autonoma.agents.change;

import io.autonoma.core.spec.AppSpec;
import java.util.Objects;

/**
 * What to change in a generated app: either a request in plain language, read by the engine's
 * {@link io.autonoma.core.change.ChangeReader}, or the whole spec the app should have now (the delta is then
 * computed, and never guesses a rename). Destructive steps (dropping a table or column, narrowing a type) are
 * refused unless {@link #allowingDestructive()} says otherwise.
 */
public record ChangeRequest(String text, AppSpec spec, boolean allowDestructive) {

    public ChangeRequest {
        if ((text == null) == (spec == null)) {
            throw new IllegalArgumentException("a change request has either a text or a spec, not both and not neither");
        }
    }

    /** A change in plain language, e.g. {@code "give tasks a due date"}. */
    public static ChangeRequest of(String text) {
        return new ChangeRequest(Objects.requireNonNull(text, "text"), null, false);
    }

    /** The spec the app should have from now on. */
    public static ChangeRequest to(AppSpec spec) {
        return new ChangeRequest(null, Objects.requireNonNull(spec, "spec"), false);
    }

    /** The same request, allowed to drop data (what would be lost is still reported). */
    public ChangeRequest allowingDestructive() {
        return new ChangeRequest(text, spec, true);
    }
}
