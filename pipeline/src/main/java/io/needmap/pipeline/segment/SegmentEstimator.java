package io.needmap.pipeline.segment;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.EMBEDDING;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.needmap.pipeline.features.SparseRow;
import io.needmap.pipeline.output.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The segments estimator, as Spark ML's {@code Estimator} and {@link
 * io.needmap.pipeline.features.FeatureEstimator}: {@link #fit} learns a {@link SegmentModel} from
 * account embeddings and returns it with the memberships it gives ({@link SegmentModel#transform},
 * which places any audience alike).
 *
 * <p>Fits segments with {@link WardSegmenter} on a bounded, seeded sample pulled to the driver
 * (never the full dataset), then assigns every account in Spark to its nearest centroid. The sample is drawn by hashing account ids with the seed, so it does not depend on how
 * the data is partitioned: the same input and seed give the same memberships on a laptop and on a
 * cluster. Accounts with no embedding get segment -1 (no signal) and score 0; accounts the flags
 * stage left out get -2 ({@link #FLAGGED}) from the segment stages.
 *
 * <p>Output {@code memberships}: {@code account_id, segment_id, score, second_segment_id}.
 */
public final class SegmentEstimator {
    public static final int NO_SIGNAL = -1;
    /** {@code segment_id} of an account the flags stage left out of the segments ({@code flags.exclude}). */
    public static final int FLAGGED = -2;

    /**
     * Memberships of every account (persisted: the caller writes them, then unpersists) and the
     * fitted model.
     *
     * @param sizes accounts per segment id of {@code memberships}, {@link #NO_SIGNAL} included: what the
     *     stage reports, counted while the memberships are cached rather than re-read after writing
     */
    public record Result(Dataset<Row> memberships, SegmentModel model, int sampleSize, Map<Integer, Long> sizes) {
        public long accounts() {
            return sizes.values().stream().mapToLong(Long::longValue).sum();
        }

        public long withoutSignal() {
            return sizes.getOrDefault(NO_SIGNAL, 0L);
        }
    }

    /** The fit sample (account ids and embeddings) and the number of accounts with signal it was drawn from. */
    record Sample(String[] accounts, double[][] points, long population) {}

    /**
     * The weighted unit feature rows of the accounts in a dataset of {@code account_id}s (the fit
     * sample), that the fit tells blends by ({@link Blends}).
     */
    @FunctionalInterface
    public interface Profiles {
        List<SparseRow> of(Dataset<Row> accounts);

        /** No rows: no blend is told. */
        Profiles NONE = accounts -> List.of();
    }

    private final SegmentOptions options;

    public SegmentEstimator(SegmentOptions options) {
        this.options = options;
    }

    /**
     * Fits, assigns every account, and, when k was chosen rather than given, drops any segment that
     * ends up under {@code minSegmentSize} accounts (its members go to their next nearest segment),
     * so every segment found can be published. Segments are numbered by their size in the whole
     * audience (0 the largest), which can differ from their order in the fit sample.
     */
    public Result fit(Dataset<Row> embeddings, Profiles profiles) {
        Sample sample = sample(embeddings, options);
        SegmentModel model = WardSegmenter.fit(
                sample.points(),
                profilesOf(embeddings.sparkSession(), sample, profiles, options),
                sample.population(),
                options);
        Dataset<Row> memberships = model.transform(embeddings).persist(StorageLevel.MEMORY_AND_DISK());
        Map<Integer, Long> sizes = sizes(memberships);
        while (options.segments() == 0 && model.k() > 1) {
            boolean[] small = new boolean[model.k()];
            List<String> smallSizes = new ArrayList<>();
            for (Map.Entry<Integer, Long> size : sizes.entrySet()) {
                if (size.getKey() != NO_SIGNAL && size.getValue() < options.minSegmentSize()) {
                    small[model.indexOf(size.getKey())] = true;
                    smallSizes.add(String.valueOf(size.getValue()));
                }
            }
            if (smallSizes.isEmpty()) {
                break;
            }
            model = model.without(
                    small,
                    "segments of " + String.join(", ", smallSizes) + " accounts (under " + options.minSegmentSize()
                            + ") dropped after assignment; their members joined the nearest others");
            memberships.unpersist();
            memberships = model.transform(embeddings).persist(StorageLevel.MEMORY_AND_DISK());
            sizes = sizes(memberships);
        }
        SegmentModel bySize = model.numberedBySize(sizes);
        if (bySize != model) {
            memberships.unpersist();
            memberships = bySize.transform(embeddings).persist(StorageLevel.MEMORY_AND_DISK());
            sizes = sizes(memberships);
        }
        return new Result(memberships, bySize, sample.points().length, sizes);
    }

    /** The sample's feature rows in its order, or null when there are none or k is given (no blend is joined). */
    private static SparseRow[] profilesOf(
            SparkSession spark, Sample sample, Profiles profiles, SegmentOptions options) {
        if (sample.accounts().length == 0 || options.segments() > 0) {
            return null;
        }
        Dataset<Row> ids = spark.createDataset(List.of(sample.accounts()), Encoders.STRING())
                .toDF(Columns.ACCOUNT_ID);
        Map<String, SparseRow> byAccount = new HashMap<>();
        for (SparseRow row : profiles.of(ids)) {
            byAccount.put(row.accountId(), row);
        }
        if (byAccount.isEmpty()) {
            return null;
        }
        return Arrays.stream(sample.accounts()).map(byAccount::get).toArray(SparseRow[]::new);
    }

    static Map<Integer, Long> sizes(Dataset<Row> memberships) {
        Map<Integer, Long> sizes = new TreeMap<>();
        memberships.groupBy(SEGMENT_ID).count().collectAsList().forEach(r -> sizes.put(r.getInt(0), r.getLong(1)));
        return sizes;
    }

    static Sample sample(Dataset<Row> embeddings, SegmentOptions options) {
        Dataset<Row> withSignal = embeddings
                .filter(col(EMBEDDING).isNotNull())
                .withColumn("_draw", xxhash64(col(ACCOUNT_ID), lit(options.seed())));
        long available = withSignal.count();
        double fraction = Math.min(1.0, 1.5 * options.fitSample() / Math.max(1, available));
        // Hash values are uniform over the long range: keep the lowest fraction, then the first n.
        double threshold = Long.MIN_VALUE + fraction * ((double) Long.MAX_VALUE - (double) Long.MIN_VALUE);
        Dataset<Row> drawn =
                fraction >= 1.0 ? withSignal : withSignal.filter(col("_draw").leq(lit((long) threshold)));
        List<Row> rows = drawn.orderBy(col("_draw"), col(ACCOUNT_ID))
                .limit(options.fitSample())
                .select(ACCOUNT_ID, EMBEDDING)
                .collectAsList();
        String[] accounts = new String[rows.size()];
        double[][] points = new double[rows.size()][];
        for (int i = 0; i < points.length; i++) {
            accounts[i] = rows.get(i).getString(0);
            List<Double> values = rows.get(i).getList(1);
            points[i] = values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Sample(accounts, points, available);
    }

    /**
     * {@code segments} (one row per {@code segment_id}) with a {@code stability} column: each
     * segment's clusterwise stability in {@code model}, null where it was not measured or there is no
     * model.
     */
    public static Dataset<Row> withStability(Dataset<Row> segments, SegmentModel model) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; model != null && s < model.k(); s++) {
            double stability = model.stability()[s];
            rows.add(RowFactory.create(model.segmentIds()[s], Double.isNaN(stability) ? null : stability));
        }
        Dataset<Row> measured = segments.sparkSession()
                .createDataFrame(
                        rows,
                        DataTypes.createStructType(List.of(
                                DataTypes.createStructField(Columns.SEGMENT_ID, DataTypes.IntegerType, false),
                                DataTypes.createStructField(Columns.STABILITY, DataTypes.DoubleType, true))));
        return segments.join(measured, new String[] {Columns.SEGMENT_ID}, "left");
    }

    public static StructType membershipSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(ACCOUNT_ID, DataTypes.StringType, false),
                DataTypes.createStructField(SEGMENT_ID, DataTypes.IntegerType, false),
                DataTypes.createStructField("score", DataTypes.DoubleType, false),
                DataTypes.createStructField("second_segment_id", DataTypes.IntegerType, true)));
    }
}
