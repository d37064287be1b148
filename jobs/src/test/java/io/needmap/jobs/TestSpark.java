package io.needmap.jobs;

import io.needmap.pipeline.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark context per test JVM, shared by every in-process CLI command ({@link CliRun}) and by
 * the tests that read their outputs: starting and stopping a context for each of some thirty
 * commands cost seconds each. The context is built by {@link SparkSessions#create} with the bundled
 * defaults, as a run from the command line builds its own, on {@code local[2]}.
 *
 * <p>Each command gets a session of its own on that context ({@link SparkSession#newSession}), so
 * what a run sets in its SQL settings (the shuffle partition count ingest chooses, say) starts from
 * the defaults for every run and never leaks into the next. A command leaves a session that was
 * running before it started running (see {@code SessionCommand}).
 */
final class TestSpark {
    private static SparkSession shared;

    private TestSpark() {}

    /** The shared session, for reading outputs; started on first use. */
    static synchronized SparkSession session() {
        if (shared == null || shared.sparkContext().isStopped()) {
            shared = SparkSessions.create(RunOptions.withSettings(Map.of()), "local[2]");
        }
        return shared;
    }

    /** Makes a new session on the shared context this thread's active one: the next command runs in it. */
    static void freshSessionForCommand() {
        SparkSession.setActiveSession(session().newSession());
    }

    /** Makes the shared session this thread's active one again, after a command. */
    static void restore() {
        SparkSession.setActiveSession(session());
    }
}
