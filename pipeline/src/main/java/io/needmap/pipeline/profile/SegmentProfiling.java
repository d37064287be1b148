package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static io.needmap.pipeline.output.Columns.TERM;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.TopicOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What the profile stage ({@link Profile}) computes: who each segment is, in tables a BI tool joins on {@code segment_id}.
 *
 * <ul>
 *   <li>{@code segments}: {@code segment_id, size, share, suppressed, label, need, need_score,
 *       top_interests} (array of {@code followed_id, name, lift, reach}, best first);</li>
 *   <li>{@code segment_interests}: segment × followed account statistics from
 *       {@link DistinctiveItems} ({@code members_following, reach, population_reach, lift, z,
 *       log_odds, log_odds_z}, with {@code name, category} from {@code interests});</li>
 *   <li>{@code segment_demographics} ({@link Demographics}) and {@code segment_overlap}
 *       ({@link SegmentOverlap});</li>
 *   <li>{@code segment_assets}, {@code segment_gaps} and {@code segment_partners}, the wall's
 *       ideation boxes ({@link Ideation}).</li>
 * </ul>
 *
 * <p>Every table passes the {@link PrivacyFloor}. Profiles name followed accounts only when they
 * are public: listed in {@code interests}, or not themselves audience members; they never carry
 * an audience member's id, handle or bio. Labels come from {@link NeedLabeler} over the names,
 * categories and descriptions of each segment's top interests and, when present, its
 * {@code top_terms}.
 */
public final class SegmentProfiling {
    private static final StructType DESCRIPTIONS =
            (StructType) DataType.fromDDL("followed_id string, name string, category string, description string");

    /** Schema of the segments table (before {@code label_source}, which {@code UserLabels} adds). */
    private static final StructType SEGMENTS = (StructType) DataType.fromDDL("segment_id int not null, size bigint,"
            + " share double, suppressed boolean, label string, need string, need_score double,"
            + " top_interests array<struct<followed_id:string,name:string,lift:double,reach:double>>,"
            + " top_terms array<struct<term:string,lift:double,reach:double>>");

    /**
     * The published tables; {@code segmentTerms} is null when the topics stage did not run. The
     * ideation tables ({@link Ideation}) are there with or without an {@code assets} table (without,
     * {@code segmentAssets} is empty and every distinctive need is a gap).
     */
    public record Result(
            Dataset<Row> segments,
            Dataset<Row> segmentInterests,
            Dataset<Row> segmentTerms,
            Dataset<Row> demographics,
            Dataset<Row> overlap,
            Dataset<Row> segmentAssets,
            Dataset<Row> segmentGaps,
            Dataset<Row> segmentPartners) {}

    /**
     * The tables the stage reads; {@code follows} are unique per account and followed account (as
     * ingest leaves them); {@code interests}, {@code posts} and {@code accountTerms}
     * ({@code account_id, term} from the topics stage, one row per account and term) and
     * {@code assets} may be null.
     */
    public record Inputs(
            Dataset<Row> memberships,
            Dataset<Row> follows,
            Dataset<Row> accounts,
            Dataset<Row> interests,
            Dataset<Row> posts,
            Dataset<Row> accountTerms,
            Dataset<Row> assets) {}

    private SegmentProfiling() {}

    /**
     * @param topics how many terms {@code top_terms} lists, and how the assets' texts are read
     */
    public static Result run(Inputs in, ProfileOptions options, TopicOptions topics) {
        int topTerms = topics.topTerms();
        PrivacyFloor floor = new PrivacyFloor(options.minMembers());
        Dataset<Row> segmented = in.memberships().filter(col(SEGMENT_ID).geq(0)).select(ACCOUNT_ID, SEGMENT_ID);
        SegmentSizes sizes = SegmentSizes.of(segmented, floor);
        int minSupport = Math.max(options.minSupport(), options.minMembers());

        // The written table, the top lists and the labels all read these: computed once.
        Dataset<Row> described =
                publicInterests(in, segmented, sizes, minSupport).persist(StorageLevel.MEMORY_AND_DISK());
        Map<Integer, List<Row>> topInterests = top(
                described,
                "followed_id",
                options.topInterests(),
                "followed_id",
                "name",
                "category",
                "description",
                "lift",
                "reach");
        Dataset<Row> segmentTerms = null;
        Map<Integer, List<Row>> topTermsBySegment = Map.of();
        if (in.accountTerms() != null) {
            segmentTerms = DistinctiveItems.compute(segmented, sizes, in.accountTerms(), TERM, minSupport)
                    .filter(sizes.published(col(SEGMENT_ID)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            topTermsBySegment = top(segmentTerms, TERM, topTerms, TERM, "lift", "reach");
        }
        NeedTaxonomy taxonomy = NeedTaxonomy.load(
                options.needs(), segmented.sparkSession().sparkContext().hadoopConfiguration());
        Map<Integer, NeedLabeler.Label> labels = new NeedLabeler(taxonomy, options.needMinScore())
                .label(evidence(topInterests, topTermsBySegment)).stream()
                        .collect(Collectors.toMap(NeedLabeler.Label::segmentId, l -> l));
        SparkSession spark = segmented.sparkSession();
        Dataset<Row> segments = segments(spark, sizes, labels, topInterests, topTermsBySegment);
        Ideation.Tables ideation =
                ideation(in.assets(), topics, options.distinctiveLift()).tables(topInterests, topTermsBySegment);

        Dataset<Row> demographics =
                floor.cells(Demographics.compute(segmented, sizes, in.accounts(), in.posts()), "members");
        Dataset<Row> overlap = floor.cells(
                SegmentOverlap.compute(in.memberships()
                        .filter(sizes.published(col(SEGMENT_ID)).and(sizes.published(col("second_segment_id"))))),
                "members_with_both");
        return new Result(
                segments,
                described.drop("description"),
                segmentTerms,
                demographics,
                overlap,
                spark.createDataFrame(ideation.assets(), Ideation.ASSETS),
                spark.createDataFrame(ideation.gaps(), Ideation.GAPS),
                spark.createDataFrame(ideation.partners(), Ideation.PARTNERS));
    }

    /**
     * The brand's assets (a small table: collected), their names and descriptions read by the
     * topics stage's {@link TermExtractor}; none without an {@code assets} table.
     */
    private static Ideation ideation(Dataset<Row> assets, TopicOptions topics, double distinctiveLift) {
        if (assets == null) {
            return new Ideation(List.of(), text -> Set.of(), distinctiveLift);
        }
        TermExtractor extractor = new TermExtractor(topics);
        Function<String, Set<String>> termsOf =
                text -> extractor.extract(text, null).keySet();
        List<Ideation.Asset> read =
                assets
                        .select("asset_id", "name", "description", "followed_id")
                        .orderBy("asset_id")
                        .collectAsList()
                        .stream()
                        .map(r -> new Ideation.Asset(
                                r.getString(0),
                                r.getString(1),
                                r.getString(3),
                                termsOf.apply(Stream.of(r.getString(1), r.getString(2))
                                        .filter(t -> t != null)
                                        .collect(Collectors.joining("\n")))))
                        .toList();
        return new Ideation(read, termsOf, distinctiveLift);
    }

    /**
     * Segment × public followed account statistics for published segments, above the floor, with
     * the account's {@code name, category, description} from {@code interests}.
     */
    private static Dataset<Row> publicInterests(Inputs in, Dataset<Row> segmented, SegmentSizes sizes, int minSupport) {
        Dataset<Row> stats = DistinctiveItems.compute(segmented, sizes, in.follows(), "followed_id", minSupport)
                .filter(sizes.published(col(SEGMENT_ID)))
                .withColumnRenamed("members_using", "members_following")
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Only the followed accounts that reached the floor (thousands, of millions followed) are
        // looked up: the interests and accounts tables are filtered against their broadcast ids
        // where they are read, never shuffled whole.
        Dataset<Row> items = broadcast(stats.select(FOLLOWED_ID).distinct());
        Dataset<Row> known = in.interests() == null
                ? stats.sparkSession().createDataFrame(List.of(), DESCRIPTIONS)
                : in.interests()
                        .select(FOLLOWED_ID, "name", "category", "description")
                        .join(items, new String[] {FOLLOWED_ID}, "left_semi");
        // An audience member followed by others is named only when listed in interests (public).
        Dataset<Row> privateIds = in.accounts()
                .select(col(ACCOUNT_ID).as("followed_id"))
                .join(items, new String[] {FOLLOWED_ID}, "left_semi")
                .join(known, new String[] {FOLLOWED_ID}, "left_anti");
        return stats.join(known, new String[] {FOLLOWED_ID}, "left")
                .join(privateIds, new String[] {FOLLOWED_ID}, "left_anti")
                .select(
                        SEGMENT_ID,
                        "followed_id",
                        "name",
                        "category",
                        "members_following",
                        "reach",
                        "population_reach",
                        "lift",
                        "z",
                        "log_odds",
                        "log_odds_z",
                        "description");
    }

    /** The {@code n} most distinctive items per segment, best first, as rows of {@code fields}. */
    private static Map<Integer, List<Row>> top(Dataset<Row> stats, String item, int n, String... fields) {
        Map<Integer, List<Row>> top = new TreeMap<>();
        for (Row row : DistinctiveItems.top(stats, item, n, "items", fields).collectAsList()) {
            top.put(row.getInt(0), row.getList(1));
        }
        return top;
    }

    /**
     * What the labeler weighs: the top interests' names, categories and descriptions and the top
     * terms, each item weighing 1 − (rank − 1) / n so that interests and terms count on the same scale.
     */
    private static List<NeedLabeler.Evidence> evidence(
            Map<Integer, List<Row>> topInterests, Map<Integer, List<Row>> topTerms) {
        List<NeedLabeler.Evidence> evidence = new ArrayList<>();
        topInterests.forEach((segment, items) -> {
            for (int i = 0; i < items.size(); i++) {
                Row item = items.get(i);
                evidence.add(NeedLabeler.Evidence.interest(
                        segment,
                        item.getAs(FOLLOWED_ID),
                        item.getAs("name"),
                        item.getAs("category"),
                        item.getAs("description"),
                        1.0 - (double) i / items.size()));
            }
        });
        topTerms.forEach((segment, terms) -> {
            for (int i = 0; i < terms.size(); i++) {
                evidence.add(
                        NeedLabeler.Evidence.term(segment, terms.get(i).getAs(TERM), 1.0 - (double) i / terms.size()));
            }
        });
        return evidence;
    }

    /**
     * The segments table, a row per segment: a few dozen rows assembled on the driver from what
     * the stage already collected, in segment order. A segment with nothing distinctive has empty
     * (not null) top lists; the schema is the same with or without the topics stage.
     */
    private static Dataset<Row> segments(
            SparkSession spark,
            SegmentSizes sizes,
            Map<Integer, NeedLabeler.Label> labels,
            Map<Integer, List<Row>> topInterests,
            Map<Integer, List<Row>> topTerms) {
        double population = Math.max(1, sizes.population());
        List<Row> rows = new ArrayList<>();
        sizes.sizes().forEach((segment, size) -> {
            NeedLabeler.Label label = labels.get(segment);
            rows.add(RowFactory.create(
                    segment,
                    size,
                    size / population,
                    !sizes.published(segment),
                    label == null ? null : label.label(),
                    label == null ? null : label.need(),
                    label == null ? null : label.needScore(),
                    topInterests.getOrDefault(segment, List.of()).stream()
                            .map(r -> RowFactory.create(
                                    r.getAs(FOLLOWED_ID), r.getAs("name"), r.getAs("lift"), r.getAs("reach")))
                            .toList(),
                    topTerms.getOrDefault(segment, List.of()).stream()
                            .map(r -> RowFactory.create(r.getAs(TERM), r.getAs("lift"), r.getAs("reach")))
                            .toList()));
        });
        return spark.createDataFrame(rows, SEGMENTS);
    }
}
