package io.needmap.pipeline.features;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

/**
 * What {@link FeatureEstimator} learnt from one audience and needs to embed any account again: the
 * vocabulary (feature names in index order, how many accounts used each, its weight) and the SVD basis
 * (features × dimensions, row-major). {@link #transform} is the one way accounts are embedded, for
 * the training audience and for a new export placed into saved segments alike, so the same account
 * with the same follows gets the same embedding.
 *
 * <p>Where it fails: features a new export uses that the training audience did not (a newly
 * popular account, a new term) are ignored, so an account that only follows new things has no
 * embedding (segment -1) until the model is refitted.
 *
 * <p>With {@code termConcepts} ({@link TermConcepts}), the occurrences of terms with a concept add
 * {@code concept:<id>} occurrences before the vocabulary is applied, in fitting and transforming alike.
 */
public record FeatureModel(
        List<String> features,
        long[] accounts,
        double[] weights,
        double[] basis,
        int dimensions,
        TermConceptModel termConcepts) {

    /** The vocabulary's column of each feature's weight ({@link FeatureEstimator#backboneWeight}). */
    public static final String FEATURE_WEIGHT = "feature_weight";

    /** A model without term concepts. */
    public FeatureModel(List<String> features, long[] accounts, double[] weights, double[] basis, int dimensions) {
        this(features, accounts, weights, basis, dimensions, TermConceptModel.EMPTY);
    }

    public FeatureModel {
        features = List.copyOf(features);
        termConcepts = termConcepts == null ? TermConceptModel.EMPTY : termConcepts;
        if (accounts.length != features.size()
                || weights.length != features.size()
                || basis.length != (long) features.size() * dimensions) {
            throw new IllegalArgumentException("vocabulary of " + features.size() + " features, " + weights.length
                    + " weights and a basis of " + basis.length + " values for " + dimensions + " dimensions");
        }
    }

    /**
     * Embeddings of a dataset, valid until {@link #close()}, which releases the broadcast basis and
     * the sparse rows cached for them, if any (see {@link FeatureEstimator#fit}).
     */
    public record Embeddings(Dataset<Row> accounts, Broadcast<double[]> basis, JavaRDD<SparseRow> cachedRows)
            implements AutoCloseable {
        @Override
        public void close() {
            if (basis != null) {
                basis.destroy();
            }
            if (cachedRows != null) {
                cachedRows.unpersist(false);
            }
        }
    }

    /** The vocabulary as a table {@code feature, accounts, feature_weight, index}. */
    public Dataset<Row> vocabulary(SparkSession spark) {
        return vocabulary(spark, features, accounts, weights);
    }

    static Dataset<Row> vocabulary(SparkSession spark, List<String> features, long[] accounts, double[] weights) {
        List<Row> rows = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            rows.add(RowFactory.create(features.get(i), accounts[i], weights[i], i));
        }
        return spark.createDataFrame(rows, vocabularySchema());
    }

    public static StructType vocabularySchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("feature", DataTypes.StringType, false),
                DataTypes.createStructField("accounts", DataTypes.LongType, false),
                DataTypes.createStructField(FEATURE_WEIGHT, DataTypes.DoubleType, false),
                DataTypes.createStructField("index", DataTypes.IntegerType, false)));
    }

    /**
     * {@code account_id, embedding} for every account of {@code accounts}: its occurrences
     * ({@code account_id, feature, weight}), with their term concepts added, weighted by the vocabulary's
     * weights, L2-normalised, times the basis and normalised again; null when none of its features is in
     * the vocabulary.
     */
    public Embeddings transform(Dataset<Row> occurrences, Dataset<Row> accounts) {
        if (features.isEmpty()) {
            return new Embeddings(
                    everyAccount(
                            accounts,
                            occurrences.sparkSession().createDataFrame(List.of(), FeatureEstimator.embeddingSchema())),
                    null,
                    null);
        }
        return embed(weightedRows(occurrences), accounts, false);
    }

    /**
     * The weighted, unit-length feature row of each account of {@code occurrences} with a feature in
     * the vocabulary (term concepts added): the vector {@link #transform} projects onto the basis.
     */
    public JavaRDD<SparseRow> weightedRows(Dataset<Row> occurrences) {
        return rows(termConcepts.apply(occurrences), vocabulary(occurrences.sparkSession()));
    }

    /**
     * {@link #transform} of sparse rows built with this model's vocabulary; {@code cached} when the
     * rows are persisted and the embeddings, once closed, should release them.
     */
    Embeddings embed(JavaRDD<SparseRow> rows, Dataset<Row> accounts, boolean cached) {
        SparkSession spark = accounts.sparkSession();
        Broadcast<double[]> shared =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(basis);
        int width = dimensions;
        JavaRDD<Row> projected = rows.map(
                row -> RowFactory.create(row.accountId(), FeatureEstimator.unit(row.times(shared.value(), width))));
        Dataset<Row> embedded = spark.createDataFrame(projected, FeatureEstimator.embeddingSchema());
        return new Embeddings(everyAccount(accounts, embedded), shared, cached ? rows : null);
    }

    /** Every account of {@code accounts} with its embedding, null where {@code embedded} has none. */
    private static Dataset<Row> everyAccount(Dataset<Row> accounts, Dataset<Row> embedded) {
        return accounts.select(ACCOUNT_ID).join(embedded, new String[] {ACCOUNT_ID}, "left");
    }

    /**
     * One unit-length sparse weighted row per account with a feature in the vocabulary. Partitioned as
     * the shuffle left it (spark.sql.shuffle.partitions, fixed by configuration), not by the
     * cluster's cores, so that a laptop and a cluster sum the SVD blocks in the same order.
     */
    static JavaRDD<SparseRow> rows(Dataset<Row> occurrences, Dataset<Row> vocabulary) {
        return occurrences
                .join(broadcast(vocabulary.select("feature", "index", FEATURE_WEIGHT)), "feature")
                .withColumn("value", col("weight").multiply(col(FEATURE_WEIGHT)))
                .repartition(col(ACCOUNT_ID))
                .groupBy(ACCOUNT_ID)
                .agg(collect_list("index").as("indices"), collect_list("value").as("values"))
                .toJavaRDD()
                .map(FeatureModel::toSparseRow);
    }

    /** Sorted by feature index, so sums run in the same order whatever the shuffle delivered. */
    static SparseRow toSparseRow(Row row) {
        List<Integer> indices = row.getList(1);
        List<Double> values = row.getList(2);
        Integer[] order = new Integer[indices.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(indices::get));
        int[] idx = new int[order.length];
        double[] val = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            idx[i] = indices.get(order[i]);
            val[i] = values.get(order[i]);
        }
        return new SparseRow(row.getString(0), idx, val).normalized();
    }
}
