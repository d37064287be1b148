package io.needmap.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: it counts Spark's compilations, which any other test's query would add to. */
@Isolated
class SparkSessionsTest {
    /**
     * Commands run one after the other in one JVM (the end-to-end tests, a scheduler) each get a new
     * session: the classes an earlier session compiled are reused, not compiled again.
     */
    @Test
    void aQueryInANewSessionReusesTheClassesAnEarlierSessionCompiled() {
        // An aggregation no other test plans, so that its classes are compiled here first.
        String query = "select id % 13 as k, sum(id * 31) as s, max(cast(id as string)) as m"
                + " from range(0, 2000, 1, 2) group by id % 13 having s > 17";
        SparkSession first = SparkTestSession.get().newSession();
        long before = compilations();
        assertEquals(13, first.sql(query).collectAsList().size());
        long compiledByFirst = compilations() - before;

        SparkSession second = SparkTestSession.get().newSession();
        long beforeSecond = compilations();
        assertEquals(13, second.sql(query).collectAsList().size());

        assertTrue(compiledByFirst > 0, "the first session compiled the query's classes");
        assertEquals(0, compilations() - beforeSecond, "classes compiled again in a new session");
    }

    private static long compilations() {
        return CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    }
}
