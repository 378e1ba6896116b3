package io.autonoma.agents.change;

import io.autonoma.core.AutonomaException;
import java.util.List;

/** A change that would destroy data, asked for without allowing it; nothing was written. */
public final class DestructiveChangeException extends AutonomaException {
    private final List<String> losses;

    public DestructiveChangeException(List<String> losses) {
        super("this change would destroy data in a database that holds rows: " + String.join("; ", losses)
                + ". Nothing was changed; to go ahead, allow it explicitly (autonoma change --allow-destructive, "
                + "or ChangeRequest.allowingDestructive())");
        this.losses = List.copyOf(losses);
    }

    /** One line per destructive step: what would be lost. */
    public List<String> losses() {
        return losses;
    }
}
