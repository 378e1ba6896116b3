package io.autonoma.agents.change;

import io.autonoma.agents.change.internal.ChangeRules;
import io.autonoma.core.change.ChangeReader;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import java.util.Objects;

/**
 * The offline engine's {@link ChangeReader}: rules, no model, deterministic. A request is read clause by clause
 * (sentences, ";", and "and" before a new verb); names are resolved against the base spec's entities and fields,
 * case-insensitive, singular or plural ("posts", "Post", "customer phone", "the phone of customers"). It reads:
 * <ul>
 *   <li>new entities and fields ("add comments to posts with a body and an author", "posts have comments with a
 *       body", "let users leave reviews on products with a rating and a comment", "give tasks a due date", "add a
 *       priority (low, medium, high) to tasks", "posts get a published flag"): the clause is handed to the offline
 *       analyst as a sentence about the named entities, so field types, relations and capabilities are the ones it
 *       would build from the same words in a prompt; a person in a "with" list ("an author") is a required
 *       many-to-one relation to the signed-in user;</li>
 *   <li>capabilities ("posts can be liked", "tasks update in real time", "users can upload a photo to each recipe",
 *       "email me a day before a task's due date"), read the same way, with the fields or entities they need;</li>
 *   <li>renames ("rename customer phone to mobile", "rename posts to articles"), enum values ("add 'archived' to
 *       the status values", "tasks can also be 'blocked'", "remove 'draft' from post status"), removals ("remove
 *       the summary from posts", "drop the tags entity", "posts no longer need a category") and simple constraints
 *       ("make the post title longer (500 characters)", "post titles are optional").</li>
 * </ul>
 * A field added to an entity is optional ({@code required=false}) unless it has a default, because the table may
 * already hold rows that have no value for it. The delta returned applies to the base spec and the result passes
 * the template packs' validation.
 */
public final class OfflineChangeReader implements ChangeReader {

    /**
     * @throws IllegalArgumentException quoting the clause that was not understood with example phrasings, or naming
     *     what the spec has when an entity or field is unknown, or saying why the result would be invalid
     */
    @Override
    public SpecDelta read(AppSpec base, String request) {
        Objects.requireNonNull(base, "base");
        return ChangeRules.read(base, request);
    }

    @Override
    public String toString() {
        return "offline change reader";
    }
}
