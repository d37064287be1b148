package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.SHARE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Who is in each segment, aggregated, in one long table a BI tool pivots:
 * {@code segment_id, dimension, value, members, share, index, metric}.
 *
 * <ul>
 *   <li>Cells ({@code metric} null): {@code language}, {@code location}, {@code verified},
 *       {@code followers_band} (the population's followers_count quartiles) and
 *       {@code account_age_band}; {@code members} in the cell, {@code share} of the segment, and
 *       {@code index} = 100 × share / the cell's share of all segmented accounts (100 = typical).</li>
 *   <li>Statistics ({@code share} null, {@code metric} the number): {@code followers_count}
 *       p25/median/p75, {@code account_age_days} median, and from posts {@code posts} per_member and
 *       {@code likes}/{@code replies}/{@code shares} median (per post); {@code members} = members
 *       the statistic is computed from, {@code index} = 100 × metric / the population's.</li>
 * </ul>
 *
 * <p>Account age is measured against the newest {@code created_at} in the input rather than today,
 * so that rerunning on the same input gives the same table. Medians and quartiles are exact
 * (Spark's {@code percentile}, interpolated): it counts distinct values, which for counts and days
 * is cheap at any size, where {@code percentile_approx} at high accuracy took minutes to merge its
 * summaries at a million accounts.
 * Where it fails: missing values are a cell of their own ("unknown") for categories but are left
 * out of statistics, so a statistic can describe fewer members than the segment has; the
 * {@link PrivacyFloor} then drops it.
 */
final class Demographics {
    static final int POPULATION = -1;
    /** 1 / the relative error of the followers quartiles (the bands' edges). */
    private static final int QUARTILE_ACCURACY = 1000;

    private Demographics() {}

    /**
     * @param segmented {@code account_id, segment_id} of every segmented account (the population)
     * @param sizes the segments' sizes; published segments are described
     * @param accounts accepted accounts
     * @param posts accepted posts, or null
     */
    static Dataset<Row> compute(Dataset<Row> segmented, SegmentSizes sizes, Dataset<Row> accounts, Dataset<Row> posts) {
        // The newest account and the members' follower quartiles in one pass over the accounts.
        Row reference = accounts.join(broadcast(segmented), new String[] {ACCOUNT_ID}, "left")
                .agg(
                        max("created_at"),
                        percentile_approx(
                                when(col(SEGMENT_ID).isNotNull(), col("followers_count")),
                                lit(new double[] {0.25, 0.5, 0.75}),
                                lit(QUARTILE_ACCURACY)))
                .first();
        Column ageDays = reference.isNullAt(0)
                ? lit(null).cast("int")
                : datediff(lit(reference.getTimestamp(0)), col("created_at"));
        List<Long> quartiles = reference.isNullAt(1) ? List.of() : reference.getList(1);
        // Every cell and statistic below reads these rows: compute the join once.
        Dataset<Row> members = segmented
                .join(accounts, ACCOUNT_ID)
                .select(
                        col(SEGMENT_ID),
                        col(ACCOUNT_ID),
                        coalesce(col("language"), lit("unknown")).as("language"),
                        coalesce(col("location"), lit("unknown")).as("location"),
                        coalesce(col("verified").cast("string"), lit("unknown")).as("verified"),
                        col("followers_count"),
                        ageDays.as("age_days"))
                .withColumn("followers_band", band(quartiles))
                .withColumn("account_age_band", ageBand(col("age_days")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> everyone = members.withColumn(SEGMENT_ID, lit(POPULATION));
        Dataset<Row> both = members.unionByName(everyone);

        // One aggregation per grain (member cells, member statistics, posts): each is a scan and a
        // shuffle, where one per dimension or statistic made sixteen.
        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(cells(both, List.of("language", "location", "verified", "followers_band", "account_age_band")));
        parts.add(statistics(
                both.groupBy(SEGMENT_ID)
                        .agg(
                                count("followers_count").as("with_followers"),
                                percentile(col("followers_count"), lit(0.25)).as("followers_p25"),
                                percentile(col("followers_count"), lit(0.5)).as("followers_median"),
                                percentile(col("followers_count"), lit(0.75)).as("followers_p75"),
                                count("age_days").as("with_age"),
                                percentile(col("age_days"), lit(0.5)).as("age_median")),
                new Statistic("followers_count", "p25", "with_followers", "followers_p25"),
                new Statistic("followers_count", "median", "with_followers", "followers_median"),
                new Statistic("followers_count", "p75", "with_followers", "followers_p75"),
                new Statistic("account_age_days", "median", "with_age", "age_median")));
        if (posts != null) {
            Dataset<Row> memberIds = both.select(SEGMENT_ID, ACCOUNT_ID);
            Dataset<Row> activity = memberIds
                    .join(posts.groupBy(ACCOUNT_ID).agg(count(lit(1)).as("posts")), new String[] {ACCOUNT_ID}, "left")
                    .groupBy(SEGMENT_ID)
                    .agg(
                            count(lit(1)).as("n"),
                            count("posts").as("writers"),
                            avg(coalesce(col("posts"), lit(0))).as("per_member"));
            Dataset<Row> reactions = memberIds
                    .join(posts, ACCOUNT_ID)
                    .groupBy(SEGMENT_ID)
                    .agg(
                            percentile(col("likes"), lit(0.5)).as("likes"),
                            percentile(col("replies"), lit(0.5)).as("replies"),
                            percentile(col("shares"), lit(0.5)).as("shares"));
            parts.add(statistics(
                    activity.join(reactions, new String[] {SEGMENT_ID}, "left"),
                    new Statistic("posts", "per_member", "n", "per_member"),
                    new Statistic("likes", "median", "writers", "likes"),
                    new Statistic("replies", "median", "writers", "replies"),
                    new Statistic("shares", "median", "writers", "shares")));
        }
        // The population's share and metric of each cell sit beside the segments' in the same rows:
        // a window over the cell reads them where a self-join would compute every part twice.
        WindowSpec cell = Window.partitionBy("dimension", "value");
        Column atPopulation = col(SEGMENT_ID).equalTo(POPULATION);
        return parts.stream()
                .reduce(Dataset::unionByName)
                .orElseThrow()
                .withColumn(
                        "population_share", max(when(atPopulation, col(SHARE))).over(cell))
                .withColumn(
                        "population_metric",
                        max(when(atPopulation, col("metric"))).over(cell))
                .filter(sizes.published(col(SEGMENT_ID)))
                .withColumn(SHARE, when(col("metric").isNull(), col("members").divide(sizes.size())))
                .withColumn(
                        "index",
                        when(col("metric").isNull(), col(SHARE).divide(col("population_share")))
                                .otherwise(when(
                                        col("population_metric").gt(0),
                                        col("metric").divide(col("population_metric"))))
                                .multiply(lit(100.0)))
                .select(SEGMENT_ID, "dimension", "value", "members", "share", "index", "metric");
    }

    /**
     * Members per value of each dimension, in one aggregation over the members unpivoted to
     * {@code (segment_id, dimension, value)}; population rows carry their share of all accounts.
     */
    private static Dataset<Row> cells(Dataset<Row> members, List<String> dimensions) {
        Column[] pairs = dimensions.stream()
                .map(d -> struct(lit(d).as("dimension"), col(d).cast("string").as("value")))
                .toArray(Column[]::new);
        Dataset<Row> counts = members.select(
                        col(SEGMENT_ID), explode(array(pairs)).as("cell"))
                .groupBy(
                        col(SEGMENT_ID),
                        col("cell.dimension").as("dimension"),
                        col("cell.value").as("value"))
                .agg(count(lit(1)).as("members"));
        // Every member has exactly one value per dimension, so a dimension's cells add up to the segment.
        Column total = sum("members").over(Window.partitionBy(SEGMENT_ID, "dimension"));
        return counts.select(
                col(SEGMENT_ID),
                col("dimension"),
                col("value"),
                col("members"),
                col("members").divide(total).as("share"),
                lit(null).cast("double").as("metric"));
    }

    /** A statistic to publish: its dimension and value names, and the columns holding members and metric. */
    private record Statistic(String dimension, String value, String membersColumn, String metricColumn) {}

    /**
     * One row per statistic of {@code stats} (one row per segment), unpivoted in one pass: a union of
     * one select per statistic would compute {@code stats} once per statistic.
     */
    private static Dataset<Row> statistics(Dataset<Row> stats, Statistic... statistics) {
        Column[] rows = new Column[statistics.length];
        for (int i = 0; i < statistics.length; i++) {
            Statistic s = statistics[i];
            rows[i] = struct(
                    lit(s.dimension()).as("dimension"),
                    lit(s.value()).as("value"),
                    col(s.membersColumn()).cast("long").as("members"),
                    col(s.metricColumn()).cast("double").as("metric"));
        }
        return stats.select(col(SEGMENT_ID), explode(array(rows)).as("statistic"))
                .select(
                        col(SEGMENT_ID),
                        col("statistic.dimension").as("dimension"),
                        col("statistic.value").as("value"),
                        col("statistic.members").as("members"),
                        lit(null).cast("double").as("share"),
                        col("statistic.metric").as("metric"));
    }

    private static Column band(List<Long> q) {
        Column f = col("followers_count");
        if (q.size() < 3) {
            return lit("unknown");
        }
        return when(f.isNull(), lit("unknown"))
                .when(f.leq(q.get(0)), lit("Q1 (<= " + q.get(0) + ")"))
                .when(f.leq(q.get(1)), lit("Q2 (" + q.get(0) + "-" + q.get(1) + "]"))
                .when(f.leq(q.get(2)), lit("Q3 (" + q.get(1) + "-" + q.get(2) + "]"))
                .otherwise(lit("Q4 (> " + q.get(2) + ")"));
    }

    private static Column ageBand(Column days) {
        return when(days.isNull(), lit("unknown"))
                .when(days.lt(365), lit("under 1 year"))
                .when(days.lt(3 * 365), lit("1-3 years"))
                .when(days.lt(5 * 365), lit("3-5 years"))
                .when(days.lt(10 * 365), lit("5-10 years"))
                .otherwise(lit("10+ years"));
    }
}
