package io.needmap.pipeline.evaluate;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Compares memberships with a planted truth ({@code account_id, segment_id}, as the generator
 * writes in {@code truth/memberships.csv}) by the adjusted Rand index (Hubert &amp; Arabie 1985):
 * 1 for identical partitions whatever the segment numbering, about 0 for a random one. Accounts
 * missing from either side are left out; accounts without signal count as their own segment.
 */
public final class PlantedTruth {

    private PlantedTruth() {}

    /** The adjusted Rand index and the number of accounts it was computed over (in both sides). */
    public record Score(double adjustedRandIndex, int accounts) {}

    public static double adjustedRandIndex(SparkSession spark, Dataset<Row> memberships, String truthCsv) {
        return score(spark, memberships, truthCsv).adjustedRandIndex();
    }

    /**
     * @param memberships {@code account_id}, {@code segment_id} (int)
     */
    public static Score score(SparkSession spark, Dataset<Row> memberships, String truthCsv) {
        Dataset<Row> truth = spark.read()
                .option("header", "true")
                .csv(truthCsv)
                .select(col(ACCOUNT_ID), col(SEGMENT_ID).cast("int").as("planted"));
        List<Row> pairs = memberships
                .select(ACCOUNT_ID, SEGMENT_ID)
                .join(truth, ACCOUNT_ID)
                .select(SEGMENT_ID, "planted")
                .collectAsList();
        int[] found = new int[pairs.size()];
        int[] planted = new int[pairs.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = pairs.get(i).getInt(0);
            planted[i] = pairs.get(i).getInt(1);
        }
        return new Score(AdjustedRandIndex.of(planted, found), found.length);
    }
}
