package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage 4: who each segment is, in tables a BI tool joins on {@code segment_id}.
 *
 * <ul>
 *   <li>{@code segments}: {@code segment_id, size, share, suppressed, label, need, need_score,
 *       top_interests} (array of {@code followed_id, name, lift, reach}, best first);</li>
 *   <li>{@code segment_interests}: segment × followed account statistics from
 *       {@link DistinctiveItems} ({@code members_following, reach, population_reach, lift, z,
 *       log_odds, log_odds_z}, with {@code name, category} from {@code interests});</li>
 *   <li>{@code segment_demographics} ({@link Demographics}) and {@code segment_overlap}
 *       ({@link SegmentOverlap}).</li>
 * </ul>
 *
 * <p>Every table passes the {@link PrivacyFloor}. Profiles name followed accounts only when they
 * are public: listed in {@code interests}, or not themselves audience members; they never carry
 * an audience member's id, handle or bio. Labels come from {@link NeedLabeler} over the names,
 * categories and descriptions of each segment's top interests and, when present, its
 * {@code top_terms}.
 */
public final class ProfileStage {

    /** The published tables; {@code segmentTerms} is null when the topics stage did not run. */
    public record Result(
            Dataset<Row> segments,
            Dataset<Row> segmentInterests,
            Dataset<Row> segmentTerms,
            Dataset<Row> demographics,
            Dataset<Row> overlap) {}

    /**
     * The tables the stage reads; {@code follows} are unique per account and followed account (as
     * ingest leaves them); {@code interests}, {@code posts} and {@code accountTerms}
     * ({@code account_id, term} from the topics stage, one row per account and term) may be null.
     */
    public record Inputs(
            Dataset<Row> memberships,
            Dataset<Row> follows,
            Dataset<Row> accounts,
            Dataset<Row> interests,
            Dataset<Row> posts,
            Dataset<Row> accountTerms) {}

    private ProfileStage() {}

    /**
     * @param topTerms how many terms {@code top_terms} lists
     */
    public static Result run(Inputs in, ProfileOptions options, int topTerms) {
        PrivacyFloor floor = new PrivacyFloor(options.minMembers());
        Dataset<Row> segmented =
                in.memberships().filter(col("segment_id").geq(0)).select("account_id", "segment_id");
        long population = segmented.count();
        Dataset<Row> sizes = segmented
                .groupBy("segment_id")
                .agg(count(lit(1)).as("size"))
                .withColumn("share", col("size").divide(lit((double) Math.max(1, population))))
                .withColumn("suppressed", floor.suppressed());
        Dataset<Row> published = sizes.filter(not(col("suppressed"))).select("segment_id", "size");

        // Labels, top lists and the written long tables all read these: compute them once.
        Dataset<Row> segmentInterests =
                interests(in, segmented, sizes, population, published, options).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> top = DistinctiveItems.top(
                segmentInterests,
                "followed_id",
                options.topInterests(),
                "top_interests",
                "followed_id",
                "name",
                "lift",
                "reach");
        Dataset<Row> profiled = withTop(sizes, top, "top_interests");
        Dataset<Row> segmentTerms = null;
        if (in.accountTerms() != null) {
            Dataset<Row> termUsers = in.accountTerms().select("account_id", "term");
            segmentTerms = DistinctiveItems.compute(
                            segmented,
                            sizes,
                            population,
                            termUsers,
                            "term",
                            Math.max(options.minSupport(), options.minMembers()))
                    .join(published.select("segment_id"), "segment_id")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            profiled = withTop(
                    profiled,
                    DistinctiveItems.top(segmentTerms, "term", topTerms, "top_terms", "term", "lift", "reach"),
                    "top_terms");
        } else {
            // Same schema with or without the topics stage, for the BI tools that read it.
            profiled = profiled.withColumn(
                    "top_terms", array().cast("array<struct<term:string,lift:double,reach:double>>"));
        }
        Dataset<Row> segments = label(profiled, segmentInterests, in.interests(), options);

        Dataset<Row> demographics =
                floor.cells(Demographics.compute(segmented, published, in.accounts(), in.posts()), "members");
        Dataset<Row> overlap = floor.cells(
                SegmentOverlap.compute(in.memberships()
                        .join(published.select("segment_id"), "segment_id")
                        .join(published.select(col("segment_id").as("second_segment_id")), "second_segment_id")),
                "members_with_both");
        return new Result(segments.orderBy("segment_id"), segmentInterests, segmentTerms, demographics, overlap);
    }

    /** Adds a per-segment array column, empty (not null) for a segment with nothing distinctive. */
    private static Dataset<Row> withTop(Dataset<Row> segments, Dataset<Row> top, String column) {
        return segments.join(top, new String[] {"segment_id"}, "left")
                .withColumn(
                        column,
                        coalesce(
                                col(column),
                                array().cast(top.schema().apply(column).dataType())));
    }

    /** Segment × public followed account statistics for published segments, above the floor. */
    private static Dataset<Row> interests(
            Inputs in,
            Dataset<Row> segmented,
            Dataset<Row> sizes,
            long population,
            Dataset<Row> published,
            ProfileOptions options) {
        Dataset<Row> follows = in.follows();
        Dataset<Row> audienceIds = in.accounts().select(col("account_id").as("followed_id"));
        Dataset<Row> knownPublic =
                in.interests() == null ? audienceIds.limit(0) : in.interests().select("followed_id");
        Dataset<Row> privateIds = audienceIds.join(knownPublic, new String[] {"followed_id"}, "left_anti");
        // Broadcast like the memberships (one id per account): a shuffle join would sort every follow.
        Dataset<Row> publicFollows = follows.join(broadcast(privateIds), new String[] {"followed_id"}, "left_anti");
        Dataset<Row> stats = DistinctiveItems.compute(
                        segmented,
                        sizes,
                        population,
                        publicFollows,
                        "followed_id",
                        Math.max(options.minSupport(), options.minMembers()))
                .join(published.select("segment_id"), "segment_id")
                .withColumnRenamed("members_using", "members_following");
        Dataset<Row> named = in.interests() == null
                ? stats.withColumn("name", lit(null).cast("string"))
                        .withColumn("category", lit(null).cast("string"))
                : stats.join(
                        in.interests().select("followed_id", "name", "category"), new String[] {"followed_id"}, "left");
        return named.select(
                "segment_id",
                "followed_id",
                "name",
                "category",
                "members_following",
                "reach",
                "population_reach",
                "lift",
                "z",
                "log_odds",
                "log_odds_z");
    }

    /**
     * Adds {@code label, need, need_score} from the top interests' names, categories and
     * descriptions and the {@code top_terms} (empty without the topics stage); each item weighs
     * 1 − (rank − 1) / n so that interests and terms count on the same scale.
     */
    private static Dataset<Row> label(
            Dataset<Row> profiled, Dataset<Row> segmentInterests, Dataset<Row> interests, ProfileOptions options) {
        Dataset<Row> described = interests == null
                ? segmentInterests.withColumn("description", lit(null).cast("string"))
                : segmentInterests.join(
                        interests.select("followed_id", "description"), new String[] {"followed_id"}, "left");
        List<NeedLabeler.Evidence> evidence = new ArrayList<>();
        for (Row row : DistinctiveItems.top(
                        described,
                        "followed_id",
                        options.topInterests(),
                        "items",
                        "followed_id",
                        "name",
                        "category",
                        "description")
                .collectAsList()) {
            List<Row> items = row.getList(1);
            for (int i = 0; i < items.size(); i++) {
                Row item = items.get(i);
                evidence.add(NeedLabeler.Evidence.interest(
                        row.getInt(0),
                        item.getString(0),
                        item.getString(1),
                        item.getString(2),
                        item.getString(3),
                        1.0 - (double) i / items.size()));
            }
        }
        for (Row row : profiled.selectExpr("segment_id", "transform(top_terms, t -> t.term)")
                .collectAsList()) {
            List<String> terms = row.getList(1);
            for (int i = 0; i < terms.size(); i++) {
                evidence.add(NeedLabeler.Evidence.term(row.getInt(0), terms.get(i), 1.0 - (double) i / terms.size()));
            }
        }
        NeedTaxonomy taxonomy = NeedTaxonomy.load(
                options.needs(), profiled.sparkSession().sparkContext().hadoopConfiguration());
        List<Row> labels = new NeedLabeler(taxonomy, options.needMinScore())
                .label(evidence).stream()
                        .map(l -> RowFactory.create(l.segmentId(), l.label(), l.need(), l.needScore()))
                        .toList();
        Dataset<Row> labelled = profiled.sparkSession()
                .createDataFrame(
                        labels,
                        DataTypes.createStructType(List.of(
                                DataTypes.createStructField("segment_id", DataTypes.IntegerType, false),
                                DataTypes.createStructField("label", DataTypes.StringType, true),
                                DataTypes.createStructField("need", DataTypes.StringType, true),
                                DataTypes.createStructField("need_score", DataTypes.DoubleType, true))));
        List<String> columns =
                new ArrayList<>(List.of("segment_id", "size", "share", "suppressed", "label", "need", "need_score"));
        Arrays.stream(profiled.columns()).filter(c -> !columns.contains(c)).forEach(columns::add);
        return profiled.join(labelled, new String[] {"segment_id"}, "left").selectExpr(columns.toArray(String[]::new));
    }
}
