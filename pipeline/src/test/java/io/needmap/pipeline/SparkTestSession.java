package io.needmap.pipeline;

import io.needmap.pipeline.spark.InputScale;
import io.needmap.pipeline.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One small embedded Spark session, with a run's Spark settings, shared by the unit tests of a JVM.
 * Their datasets are tiny: the session has a small input's settings ({@link InputScale}).
 */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.create("local[2]", 4);
            session.sparkContext().setLogLevel("WARN");
            new InputScale(session).forSize(0);
        }
        return session;
    }
}
