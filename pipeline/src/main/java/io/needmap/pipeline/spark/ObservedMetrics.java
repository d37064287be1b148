package io.needmap.pipeline.spark;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Observation;
import scala.concurrent.Await;

/**
 * The metrics of an {@link Observation} (Spark's {@code Dataset.observe}) once the action that
 * computes its table has run. They arrive from a listener event shortly after the action, but Spark
 * can plan an empty table away together with its observation, and then they never arrive: so the
 * wait is bounded, and each caller says what it does without them (count another way, or record
 * nothing). A missing metric never blocks a run.
 */
public final class ObservedMetrics {
    private static final Logger LOG = LogManager.getLogger(ObservedMetrics.class);

    private ObservedMetrics() {}

    /** The metrics by name, or empty, with a warning, if they have not arrived within {@code within}. */
    public static Optional<Map<String, Object>> arrived(Observation observation, Duration within) {
        try {
            return Optional.of(scala.jdk.javaapi.CollectionConverters.asJava(Await.result(
                    observation.future(), scala.concurrent.duration.Duration.fromNanos(within.toNanos()))));
        } catch (TimeoutException e) {
            LOG.warn("metrics observed as {} did not arrive within {} s", observation.name(), within.toSeconds());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + observation.name(), e);
        }
    }
}
