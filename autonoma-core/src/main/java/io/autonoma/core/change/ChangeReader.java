package io.autonoma.core.change;

import io.autonoma.core.spec.AppSpec;

/**
 * Reads a change request in plain language ("give tasks a due date", "rename customer phone to mobile") against
 * the spec an app was generated from, into a typed {@link SpecDelta}. The offline engine's reader knows the common
 * phrasings; the LLM engine's asks the model for the delta as validated structured output.
 */
public interface ChangeReader {

    /**
     * The delta {@code request} asks for on {@code base}; {@code delta.apply(base)} must succeed.
     *
     * @throws IllegalArgumentException when the request cannot be read (the message says what was not understood
     *     and shows a phrasing that is) or names an entity or field {@code base} does not have
     */
    SpecDelta read(AppSpec base, String request);
}
