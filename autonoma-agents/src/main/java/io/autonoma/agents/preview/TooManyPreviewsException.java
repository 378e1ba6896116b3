package io.autonoma.agents.preview;

import io.autonoma.core.AutonomaException;

/** {@link PreviewSupervisor#start} refused: the configured number of previews already runs. */
public final class TooManyPreviewsException extends AutonomaException {
    public TooManyPreviewsException(int max) {
        super(max + " preview(s) are running, the most allowed at once; stop one (or wait until an idle one is stopped) and try again");
    }
}
