package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stage 4: what each segment follows far more than the audience does.
 *
 * <p>For each segment and followed account: {@code members_following}, {@code reach} (share of the
 * segment following it), {@code population_reach} (share of all segmented accounts), {@code lift}
 * (reach / population_reach) and {@code z}, the binomial z-score of members_following against what
 * the segment's size and the population reach predict. Lift alone ranks an account followed by 3
 * members of a small segment first; z weighs lift by evidence, so lists are ranked by z among
 * accounts with lift above 1 and at least {@code minSupport} followers in the segment. Names and
 * categories come from {@code interests} where known.
 *
 * <p>Outputs: {@code segments} ({@code segment_id, size, share, top_interests}) and
 * {@code segment_interests} (long form, for BI).
 */
public final class ProfileStage {

    /** Segment rows and the long table of segment × followed account statistics. */
    public record Result(Dataset<Row> segments, Dataset<Row> segmentInterests) {
    }

    private ProfileStage() {
    }

    public static Result run(Dataset<Row> memberships, Dataset<Row> follows, Dataset<Row> interests,
                             ProfileOptions options) {
        Dataset<Row> segmented = memberships.filter(col("segment_id").geq(0)).select("account_id", "segment_id");
        long population = segmented.count();
        Dataset<Row> sizes = segmented.groupBy("segment_id").agg(count(lit(1)).as("size"))
                .withColumn("share", col("size").divide(lit((double) Math.max(1, population))));

        Dataset<Row> segmentFollows = follows.select("account_id", "followed_id").join(segmented, "account_id");
        Dataset<Row> populationReach = segmentFollows.groupBy("followed_id").agg(count(lit(1)).as("audience_following"))
                .withColumn("population_reach", col("audience_following").divide(lit((double) population)));
        Dataset<Row> stats = segmentFollows.groupBy("segment_id", "followed_id").agg(count(lit(1)).as("members_following"))
                .join(sizes.select("segment_id", "size"), "segment_id")
                .join(populationReach, "followed_id")
                .withColumn("reach", col("members_following").divide(col("size")))
                .withColumn("lift", col("reach").divide(col("population_reach")))
                .withColumn("z", zScore())
                .filter(col("members_following").geq(options.minSupport()));
        Dataset<Row> named = interests == null
                ? stats.withColumn("name", lit(null).cast("string")).withColumn("category", lit(null).cast("string"))
                : stats.join(interests.select("followed_id", "name", "category"), new String[] {"followed_id"}, "left");
        Dataset<Row> segmentInterests = named.select("segment_id", "followed_id", "name", "category",
                "members_following", "reach", "population_reach", "lift", "z");

        Dataset<Row> top = segmentInterests.filter(col("lift").gt(1))
                .withColumn("rank", row_number().over(Window.partitionBy("segment_id")
                        .orderBy(col("z").desc(), col("followed_id"))))
                .filter(col("rank").leq(options.topInterests()))
                .groupBy("segment_id")
                .agg(collect_list(struct(col("rank"), col("followed_id"), col("name"), col("lift"), col("reach")))
                        .as("ranked"));
        Dataset<Row> segments = sizes.join(top, new String[] {"segment_id"}, "left")
                .selectExpr("segment_id", "size", "share",
                        "transform(array_sort(coalesce(ranked, array())), x -> named_struct('followed_id', x.followed_id,"
                                + " 'name', x.name, 'lift', x.lift, 'reach', x.reach)) as top_interests")
                .orderBy("segment_id");
        return new Result(segments, segmentInterests);
    }

    /** (observed − expected) / binomial standard deviation, 0 where the population reach is 1. */
    private static Column zScore() {
        Column expected = col("size").multiply(col("population_reach"));
        Column variance = expected.multiply(lit(1).minus(col("population_reach")));
        return when(variance.gt(0), col("members_following").minus(expected).divide(sqrt(greatest(variance, lit(1e-12)))))
                .otherwise(lit(0.0));
    }
}
