package io.needmap.pipeline.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SameMembershipsTest {
    private static SparkSession spark;

    /** The JVM's shared session: stopping a session of its own would stop the shared one too (getOrCreate). */
    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
    }

    private static Dataset<Row> memberships(Object... idAndSegment) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < idAndSegment.length; i += 2) {
            rows.add(RowFactory.create(idAndSegment[i], idAndSegment[i + 1]));
        }
        return spark.createDataFrame(
                rows,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("account_id", DataTypes.StringType, false),
                        DataTypes.createStructField("segment_id", DataTypes.IntegerType, false))));
    }

    @Test
    void identicalRunsAgree() {
        assertEquals(
                0,
                SameMemberships.differences(
                        memberships("a", 0, "b", 1, "c", -1), memberships("c", -1, "a", 0, "b", 1)));
    }

    @Test
    void countsMovedMissingAndExtraAccounts() {
        long differences =
                SameMemberships.differences(memberships("a", 0, "b", 1, "c", 1), memberships("a", 0, "b", 2, "d", 1));
        assertEquals(3, differences, "b moved, c only on the left, d only on the right");
    }

    @Test
    void relabelledSegmentsAreNotTheSame() {
        assertEquals(2, SameMemberships.differences(memberships("a", 0, "b", 1), memberships("a", 1, "b", 0)));
    }
}
