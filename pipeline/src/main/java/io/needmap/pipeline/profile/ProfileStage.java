package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage 4: who each segment is, by what it follows far more than the audience does
 * ({@link DistinctiveItems}), with names and categories from {@code interests} where known.
 *
 * <p>Outputs: {@code segments} ({@code segment_id, size, share, top_interests}) and
 * {@code segment_interests} (long form for BI: {@code segment_id, followed_id, name, category,
 * members_following, reach, population_reach, lift, z}); with account terms (topics stage) also
 * {@code segment_terms} ({@code segment_id, term, members_using, reach, population_reach, lift, z})
 * and {@code top_terms} on each segment row, so a segment is explained by how its members describe
 * themselves as well as by what they follow.
 */
public final class ProfileStage {

    /** Segment rows and the long table of segment × followed account statistics. */
    public record Result(Dataset<Row> segments, Dataset<Row> segmentInterests, Dataset<Row> segmentTerms) {
    }

    private ProfileStage() {
    }

    /**
     * @param interests accepted interests, or null when the input had none
     * @param accountTerms {@code account_id, term} (topics stage), or null when it did not run
     * @param topTerms how many terms {@code top_terms} lists
     */
    public static Result run(Dataset<Row> memberships, Dataset<Row> follows, Dataset<Row> interests,
                             Dataset<Row> accountTerms, ProfileOptions options, int topTerms) {
        Dataset<Row> segmented = memberships.filter(col("segment_id").geq(0)).select("account_id", "segment_id");
        long population = segmented.count();
        Dataset<Row> sizes = segmented.groupBy("segment_id").agg(count(lit(1)).as("size"))
                .withColumn("share", col("size").divide(lit((double) Math.max(1, population))));

        Dataset<Row> stats = DistinctiveItems.compute(segmented, sizes, population, follows, "followed_id",
                options.minSupport()).withColumnRenamed("members_using", "members_following");
        Dataset<Row> named = interests == null
                ? stats.withColumn("name", lit(null).cast("string")).withColumn("category", lit(null).cast("string"))
                : stats.join(interests.select("followed_id", "name", "category"), new String[] {"followed_id"}, "left");
        Dataset<Row> segmentInterests = named.select("segment_id", "followed_id", "name", "category",
                "members_following", "reach", "population_reach", "lift", "z");

        Dataset<Row> top = DistinctiveItems.top(segmentInterests, "followed_id", options.topInterests(),
                "top_interests", "followed_id", "name", "lift", "reach");
        Dataset<Row> segments = withTop(sizes.select("segment_id", "size", "share"), top, "top_interests");
        Dataset<Row> segmentTerms = null;
        if (accountTerms != null) {
            segmentTerms = DistinctiveItems.compute(segmented, sizes, population, accountTerms, "term",
                    options.minSupport());
            segments = withTop(segments, DistinctiveItems.top(segmentTerms, "term", topTerms, "top_terms", "term",
                    "lift", "reach"), "top_terms");
        }
        return new Result(segments.orderBy("segment_id"), segmentInterests, segmentTerms);
    }

    /** Adds a per-segment array column, empty (not null) for a segment with nothing distinctive. */
    private static Dataset<Row> withTop(Dataset<Row> segments, Dataset<Row> top, String column) {
        return segments.join(top, new String[] {"segment_id"}, "left")
                .withColumn(column, coalesce(col(column), array().cast(top.schema().apply(column).dataType())));
    }
}
