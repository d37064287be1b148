package io.needmap.pipeline;

import io.needmap.pipeline.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** One small embedded Spark session, with a run's Spark settings, shared by the unit tests of a JVM. */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.create("local[2]", 4);
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
