package io.needmap.pipeline.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import smile.math.MathEx;

/**
 * Stage 2: account × feature matrix → dense, unit-length account embedding.
 *
 * <p>Weights are TF-IDF: an occurrence's weight times ln(accounts / accounts using the feature), so
 * the popular backbone that half the audience follows (idf ≈ 0.7) counts for a fraction of a niche
 * publication (idf ≈ 5); rows are then L2-normalised. Features used by fewer than
 * {@code minAccounts} accounts are dropped, and only the {@code maxVocabulary} most used are kept.
 * The matrix stays sparse; {@link RandomizedSvd} finds its top right singular vectors and each
 * account is folded in as xV, normalised to unit length (so Euclidean k-means on it is spherical
 * k-means on cosine). Memory grows with accounts + features × dimensions, never with their product.
 *
 * <p>Input: occurrences {@code account_id, feature, weight}, at most one per account and feature
 * (as {@link FeatureSources} builds them: follows are unique after ingest, and the topics stage
 * writes one row per account and term), and the accepted accounts. Output:
 * {@code account_id, embedding} for every account, embedding null when none of its features
 * survived (it cannot be segmented and is reported as such), plus the vocabulary
 * {@code feature, accounts, idf}.
 */
public final class FeatureStage {

    /** Embeddings of all accounts and the vocabulary that produced them. */
    public record Result(Dataset<Row> embeddings, Dataset<Row> vocabulary) {
    }

    private FeatureStage() {
    }

    public static Result run(Dataset<Row> occurrences, Dataset<Row> accounts, FeatureOptions options) {
        SparkSession spark = occurrences.sparkSession();
        long accountCount = accounts.count();
        // The occurrences are read twice, never cached: the vocabulary counts combine map-side into one
        // row per feature, and the one shuffle (by account, of the occurrences the vocabulary keeps)
        // builds the rows. Caching 60M+ occurrences would cost more than reading them again.
        Dataset<Row> vocabulary = vocabulary(occurrences, accountCount, options);
        int features = (int) vocabulary.count();

        Dataset<Row> weighted = occurrences.join(broadcast(vocabulary.select("feature", "index", "idf")), "feature")
                .withColumn("value", col("weight").multiply(col("idf")))
                .repartition(col("account_id"))
                .groupBy("account_id")
                .agg(collect_list("index").as("indices"), collect_list("value").as("values"));
        // Partitioned as the shuffle left it (spark.sql.shuffle.partitions, fixed by configuration), not
        // by the cluster's cores, so that a laptop and a cluster sum the SVD blocks in the same order.
        JavaRDD<SparseRow> rows = weighted.toJavaRDD()
                .map(FeatureStage::toSparseRow)
                .persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> embedded;
        if (features == 0) {
            embedded = spark.createDataFrame(List.of(), embeddingSchema());
        } else {
            double[] basis = RandomizedSvd.fit(rows, features, new RandomizedSvd.Options(
                    options.dimensions(), options.oversampling(), options.powerIterations(), options.seed()));
            int dimensions = basis.length / features;
            Broadcast<double[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(basis);
            JavaRDD<Row> projected = rows.map(row ->
                    RowFactory.create(row.accountId(), unit(row.times(shared.value(), dimensions))));
            embedded = spark.createDataFrame(projected, embeddingSchema());
        }
        Dataset<Row> all = accounts.select("account_id").join(embedded, new String[] {"account_id"}, "left");
        return new Result(all, vocabulary.drop("index"));
    }

    private static Dataset<Row> vocabulary(Dataset<Row> occurrences, long accountCount, FeatureOptions options) {
        List<Row> kept = occurrences.groupBy("feature").agg(count(lit(1)).as("accounts"))
                .filter(col("accounts").geq(options.minAccounts()))
                .orderBy(col("accounts").desc(), col("feature"))
                .limit(options.maxVocabulary())
                .collectAsList();
        List<Row> indexed = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            long accounts = kept.get(i).getLong(1);
            indexed.add(RowFactory.create(kept.get(i).getString(0), accounts,
                    Math.log((double) accountCount / accounts), i));
        }
        return occurrences.sparkSession().createDataFrame(indexed, DataTypes.createStructType(List.of(
                DataTypes.createStructField("feature", DataTypes.StringType, false),
                DataTypes.createStructField("accounts", DataTypes.LongType, false),
                DataTypes.createStructField("idf", DataTypes.DoubleType, false),
                DataTypes.createStructField("index", DataTypes.IntegerType, false))));
    }

    /** Sorted by feature index, so sums run in the same order whatever the shuffle delivered. */
    private static SparseRow toSparseRow(Row row) {
        List<Integer> indices = row.getList(1);
        List<Double> values = row.getList(2);
        Integer[] order = new Integer[indices.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(indices::get));
        int[] idx = new int[order.length];
        double[] val = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            idx[i] = indices.get(order[i]);
            val[i] = values.get(order[i]);
        }
        return new SparseRow(row.getString(0), idx, val).normalized();
    }

    /** Scales v to unit length in place; a zero vector stays zero. */
    public static double[] unit(double[] v) {
        if (MathEx.norm(v) > 0) {
            MathEx.unitize2(v);
        }
        return v;
    }

    public static StructType embeddingSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("account_id", DataTypes.StringType, false),
                DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.DoubleType, false), true)));
    }
}
