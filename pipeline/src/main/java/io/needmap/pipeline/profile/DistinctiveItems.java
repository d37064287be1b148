package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * What a segment uses far more than the audience does, for any kind of item (a followed account, a
 * term): per segment and item, {@code members_using} (distinct members), {@code reach} (their share
 * of the segment), {@code population_reach} (share of all segmented accounts), {@code lift}
 * (reach / population_reach) and {@code z}, the binomial z-score of members_using against what
 * the segment's size and the population reach predict.
 *
 * <p>Lift alone ranks an item used by 3 members of a small segment first; z weighs lift by
 * evidence, so {@link #top} ranks by z among items with lift above 1 and at least
 * {@code minSupport} members.
 */
public final class DistinctiveItems {

    private DistinctiveItems() {
    }

    /**
     * @param segmented {@code account_id, segment_id} of segmented accounts
     * @param sizes {@code segment_id, size}
     * @param usage {@code account_id} and the item column (duplicates allowed)
     * @param item name of the item column, kept in the output
     */
    public static Dataset<Row> compute(Dataset<Row> segmented, Dataset<Row> sizes, long population,
                                       Dataset<Row> usage, String item, int minSupport) {
        // One distinct count per segment × item; an account is in one segment, so the population count
        // of an item is the sum over segments: no second pass over the usage rows.
        // Memberships are broadcast (an id and a number per account) so the usage rows are not shuffled
        // and sorted for the join on top of the shuffle the distinct count needs.
        Dataset<Row> bySegment = usage.select("account_id", item).join(broadcast(segmented), "account_id")
                .groupBy("segment_id", item).agg(countDistinct("account_id").as("members_using"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> populationReach = bySegment.groupBy(item).agg(sum("members_using").as("population_using"))
                .withColumn("population_reach", col("population_using").divide(lit((double) population)));
        return bySegment.filter(col("members_using").geq(minSupport))
                .join(sizes.select("segment_id", "size"), "segment_id")
                .join(populationReach, item)
                .withColumn("reach", col("members_using").divide(col("size")))
                .withColumn("lift", col("reach").divide(col("population_reach")))
                .withColumn("z", zScore())
                .select(col("segment_id"), col(item), col("members_using"), col("reach"), col("population_reach"),
                        col("lift"), col("z"));
    }

    /**
     * The {@code n} most distinctive items of each segment as {@code segment_id, <as>} where
     * {@code <as>} is an array of structs of {@code fields}, best first.
     */
    public static Dataset<Row> top(Dataset<Row> stats, String item, int n, String as, String... fields) {
        Column[] kept = new Column[fields.length + 1];
        kept[0] = col("rank");
        for (int i = 0; i < fields.length; i++) {
            kept[i + 1] = col(fields[i]);
        }
        StringBuilder unwrap = new StringBuilder();
        for (String field : fields) {
            unwrap.append(unwrap.length() == 0 ? "" : ", ").append("'").append(field).append("', x.").append(field);
        }
        return stats.filter(col("lift").gt(1))
                .withColumn("rank", row_number().over(Window.partitionBy("segment_id")
                        .orderBy(col("z").desc(), col(item))))
                .filter(col("rank").leq(n))
                .groupBy("segment_id")
                .agg(collect_list(struct(kept)).as("ranked"))
                .selectExpr("segment_id", "transform(array_sort(ranked), x -> named_struct(" + unwrap + ")) as " + as);
    }

    /** (observed − expected) / binomial standard deviation, 0 where the population reach is 1. */
    private static Column zScore() {
        Column expected = col("size").multiply(col("population_reach"));
        Column variance = expected.multiply(lit(1).minus(col("population_reach")));
        return when(variance.gt(0), col("members_using").minus(expected).divide(sqrt(greatest(variance, lit(1e-12)))))
                .otherwise(lit(0.0));
    }
}
