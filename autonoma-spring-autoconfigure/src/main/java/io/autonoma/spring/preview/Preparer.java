package io.autonoma.spring.preview;

import io.autonoma.agents.preview.PreviewLauncher;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Makes an exported app ready to run as a preview (its dependencies installed) and says what runs it. The default is
 * {@link DependencyPreparer}; define a bean of this type to replace it.
 */
@FunctionalInterface
public interface Preparer {

    /**
     * Prepares the app whose files are in {@code app} (its own directory: it may be written into), reporting progress
     * as lines to {@code log}, and returns the launcher that runs it. May take minutes (installs); runs on a worker
     * thread of the preview service.
     *
     * @throws Exception when it cannot be prepared; the preview fails with the exception's message as its reason
     */
    PreviewLauncher prepare(Path app, Consumer<String> log) throws Exception;
}
