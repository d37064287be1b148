package io.needmap.jobs;

import io.needmap.pipeline.run.RunContext;
import java.util.Properties;

/**
 * A mixin of flags that map onto the run's settings or context: a command applies every mixin it
 * has ({@link SessionCommand}), so no command repeats which flag goes where.
 */
interface RunSetting {
    /** Puts the flags given into the settings, on top of the defaults, the file and {@code --set}. */
    default void applyTo(Properties properties) {}

    /** The context with the flags given (previous run, labels). */
    default RunContext applyTo(RunContext context) {
        return context;
    }
}
