package io.needmap.pipeline.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.time.Duration;
import org.apache.spark.sql.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: what it observes on the shared context must come from its own jobs only. */
@Isolated
class ObservedMetricsTest {
    @Test
    void metricsOfAnActionThatRanArrive() {
        Observation rows = new Observation("rows");
        SparkTestSession.get().range(5).observe(rows, count(lit(1)).as("rows")).collectAsList();
        assertEquals(
                5L,
                ((Number) ObservedMetrics.arrived(rows, Duration.ofSeconds(30))
                                .orElseThrow()
                                .get("rows"))
                        .longValue());
    }

    /** An observation no action fills (as when Spark plans an empty table away) gives up, not hangs. */
    @Test
    void metricsThatNeverArriveAreMissingNotAwaitedForever() {
        Observation never = new Observation("never");
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertTrue(
                        ObservedMetrics.arrived(never, Duration.ofMillis(200)).isEmpty()));
    }
}
