package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SIZE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What a segment uses far more than the audience does, for any kind of item (a followed account, a
 * term): per segment and item, {@code members_using} (distinct members), {@code reach} (their share
 * of the segment), {@code population_reach} (share of all segmented accounts), {@code lift}
 * (reach / population_reach), {@code z}, the binomial z-score of members_using against what
 * the segment's size and the population reach predict, and {@code log_odds} / {@code log_odds_z},
 * the shrunk log-odds ratio of using the item inside versus outside the segment and its z-score.
 *
 * <p>Why: lift alone ranks an item used by 3 members of a small segment first, and the binomial z
 * over-rewards the popular backbone (a small rise on a huge base is "significant"). The log-odds
 * ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008, "Fightin' Words",
 * Political Analysis 16(4), eq. 16–22), here in its two-outcome (Beta) form per item, shrinks every
 * rate towards the population rate by {@link #PRIOR_MEMBERS} pseudo-members and divides by the
 * estimate's standard error, so an item needs both a large difference and enough members to rank.
 * {@link #top} ranks by {@code log_odds_z} among items with lift above 1 and at least
 * {@code minSupport} members.
 *
 * <p>Where it fails: members are counted once per item, so a member who posts a term fifty times
 * weighs as much as one who used it once (intended: segments are about people); and the prior is
 * the same for every item, so a very rare item in a very large segment can still score well on a
 * few dozen members.
 */
public final class DistinctiveItems {

    /** Prior strength: each rate is shrunk towards the population rate by this many pseudo-members. */
    static final double PRIOR_MEMBERS = 10.0;

    private DistinctiveItems() {}

    /**
     * @param segmented {@code account_id, segment_id} of segmented accounts
     * @param usage {@code account_id} and the item column, one row per account and item
     * @param item name of the item column, kept in the output
     * @param minSupport fewest members using an item for a segment × item row to be kept
     */
    static Dataset<Row> compute(
            Dataset<Row> segmented, SegmentSizes sizes, Dataset<Row> usage, String item, int minSupport) {
        // Usage rows are shuffled once, by item: each item's segment counts and population count
        // (their sum: an account is in one segment) are then computed where the item's rows are,
        // and the long tail (most followed accounts have one or two followers in the audience) is
        // dropped before anything else reads it. Counting per segment × item first would shuffle
        // about as many partial counts (few items repeat within a task) and need a second shuffle,
        // by item, for the population counts. Memberships are broadcast: an id and a number per account.
        long population = sizes.population();
        Dataset<Row> stats = usage.select(ACCOUNT_ID, item)
                .join(broadcast(segmented), ACCOUNT_ID)
                .repartition(col(item))
                .groupBy(item, SEGMENT_ID)
                .agg(count(lit(1)).as("members_using"))
                .withColumn("population_using", sum("members_using").over(Window.partitionBy(item)))
                .filter(col("members_using").geq(minSupport))
                .withColumn(SIZE, sizes.size())
                .withColumn("population_reach", col("population_using").divide(lit((double) population)))
                .withColumn("population_size", lit((double) population))
                .withColumn("reach", col("members_using").divide(col(SIZE)))
                .withColumn("lift", col("reach").divide(col("population_reach")))
                .withColumn("z", zScore());
        return withLogOdds(stats)
                .select(
                        col(SEGMENT_ID),
                        col(item),
                        col("members_using"),
                        col("reach"),
                        col("population_reach"),
                        col("lift"),
                        col("z"),
                        col("log_odds"),
                        col("log_odds_z"));
    }

    /**
     * The {@code n} most distinctive items of each segment as {@code segment_id, <as>} where
     * {@code <as>} is an array of structs of {@code fields}, best first.
     */
    static Dataset<Row> top(Dataset<Row> stats, String item, int n, String as, String... fields) {
        Column[] kept = new Column[fields.length + 1];
        kept[0] = col("rank");
        for (int i = 0; i < fields.length; i++) {
            kept[i + 1] = col(fields[i]);
        }
        StringBuilder unwrap = new StringBuilder();
        for (String field : fields) {
            unwrap.append(unwrap.length() == 0 ? "" : ", ")
                    .append("'")
                    .append(field)
                    .append("', x.")
                    .append(field);
        }
        return stats.filter(col("lift").gt(1))
                .withColumn(
                        "rank",
                        row_number()
                                .over(Window.partitionBy(SEGMENT_ID)
                                        .orderBy(col("log_odds_z").desc(), col(item))))
                .filter(col("rank").leq(n))
                .groupBy(SEGMENT_ID)
                .agg(collect_list(struct(kept)).as("ranked"))
                .selectExpr(SEGMENT_ID, "transform(array_sort(ranked), x -> named_struct(" + unwrap + ")) as " + as);
    }

    /**
     * Adds Monroe et al.'s log-odds ratio for two outcomes (uses the item or not) and its z-score:
     * inside the segment {@code y = members_using} of {@code n = size}, outside it
     * {@code y' = population_using − y} of {@code n' = population − size}; prior pseudo-counts
     * {@code a = A·p} and {@code b = A·(1 − p)}, {@code p} the population rate smoothed by half a
     * member so that neither is 0. Var ≈ the sum of the reciprocals of the four smoothed counts.
     */
    private static Dataset<Row> withLogOdds(Dataset<Row> stats) {
        Column rate = col("population_using")
                .plus(lit(0.5))
                .divide(col("population_size").plus(lit(1.0)));
        Column use = rate.multiply(lit(PRIOR_MEMBERS));
        Column notUse = lit(1.0).minus(rate).multiply(lit(PRIOR_MEMBERS));
        Column outside = col("population_using").minus(col("members_using"));
        Dataset<Row> smoothed = stats.withColumn("_in", col("members_using").plus(use))
                .withColumn("_in_not", col(SIZE).minus(col("members_using")).plus(notUse))
                .withColumn("_out", outside.plus(use))
                .withColumn(
                        "_out_not",
                        col("population_size").minus(col(SIZE)).minus(outside).plus(notUse));
        Column variance = lit(1.0).divide(col("_in"))
                .plus(lit(1.0).divide(col("_in_not")))
                .plus(lit(1.0).divide(col("_out")))
                .plus(lit(1.0).divide(col("_out_not")));
        return smoothed.withColumn(
                        "log_odds",
                        log(col("_in").divide(col("_in_not")))
                                .minus(log(col("_out").divide(col("_out_not")))))
                .withColumn("log_odds_z", col("log_odds").divide(sqrt(variance)))
                .drop("_in", "_in_not", "_out", "_out_not");
    }

    /** (observed − expected) / binomial standard deviation, 0 where the population reach is 1. */
    private static Column zScore() {
        Column expected = col(SIZE).multiply(col("population_reach"));
        Column variance = expected.multiply(lit(1).minus(col("population_reach")));
        return when(variance.gt(0), col("members_using").minus(expected).divide(sqrt(greatest(variance, lit(1e-12)))))
                .otherwise(lit(0.0));
    }
}
