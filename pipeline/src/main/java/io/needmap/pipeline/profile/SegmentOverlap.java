package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How much segments share their audience: {@code segment_a < segment_b, members_with_both,
 * jaccard}. An account belongs to its primary segment and, more loosely, to its second-nearest
 * ({@code second_segment_id}); {@code members_with_both} counts accounts whose primary and second
 * segment are the pair, and {@code jaccard} divides it by the union of the two segments' primary
 * plus secondary members.
 *
 * <p>Why secondary memberships: primary memberships never overlap by construction, yet a marketer
 * asks "who could I reach with both campaigns". Where it fails: every account has exactly one
 * secondary segment, however far, so overlap is an upper bound for accounts sitting squarely in
 * their primary segment (the memberships' {@code score} tells how squarely).
 */
final class SegmentOverlap {

    private SegmentOverlap() {}

    /**
     * @param memberships {@code account_id, segment_id, second_segment_id} restricted to published
     *     segments on both sides
     */
    static Dataset<Row> compute(Dataset<Row> memberships) {
        Dataset<Row> paired = memberships
                .filter(col("second_segment_id")
                        .isNotNull()
                        .and(col("second_segment_id").notEqual(col(SEGMENT_ID))))
                .select(
                        least(col(SEGMENT_ID), col("second_segment_id")).as("segment_a"),
                        greatest(col(SEGMENT_ID), col("second_segment_id")).as("segment_b"));
        Dataset<Row> reach = memberships
                .select(col(SEGMENT_ID))
                .unionByName(memberships
                        .filter(col("second_segment_id").isNotNull())
                        .select(col("second_segment_id").as(SEGMENT_ID)))
                .groupBy(SEGMENT_ID)
                .agg(count(lit(1)).as("reach"));
        return paired.groupBy("segment_a", "segment_b")
                .agg(count(lit(1)).as("members_with_both"))
                .join(
                        reach.withColumnRenamed(SEGMENT_ID, "segment_a").withColumnRenamed("reach", "reach_a"),
                        "segment_a")
                .join(
                        reach.withColumnRenamed(SEGMENT_ID, "segment_b").withColumnRenamed("reach", "reach_b"),
                        "segment_b")
                .withColumn(
                        "jaccard",
                        col("members_with_both")
                                .divide(col("reach_a").plus(col("reach_b")).minus(col("members_with_both"))))
                .select("segment_a", "segment_b", "members_with_both", "jaccard");
    }
}
