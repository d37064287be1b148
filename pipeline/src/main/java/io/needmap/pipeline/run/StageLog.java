package io.needmap.pipeline.run;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The one log line each stage writes (rows in, rows out, seconds), and warnings a scheduler should see. */
public final class StageLog {
    private static final Logger LOG = LogManager.getLogger(StageLog.class);

    private StageLog() {}

    public static void log(String stage, long rowsIn, long rowsOut, double seconds) {
        LOG.info(String.format("stage=%s rows_in=%d rows_out=%d seconds=%.1f", stage, rowsIn, rowsOut, seconds));
    }

    /** A stage not run because {@code --resume} found it finished from the same inputs. */
    public static void reused(String stage) {
        LOG.info(String.format("stage=%s reused: finished in the staging folder from the same inputs", stage));
    }

    /** One WARN line, also recorded by the caller in the manifest's {@code warnings}. */
    public static void warn(String message) {
        LOG.warn("warning: " + message);
    }
}
