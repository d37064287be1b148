package io.needmap.pipeline.features;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Learns which terms mean related things from the audience's own texts, and groups them into
 * concepts ({@link TermConceptModel}), so that two ten-word bios that share no exact word but speak
 * of the same thing ("photographer", "lightroom", "portrait") share features.
 *
 * <p>How: every account's terms are one context (a bio is short enough that the whole bag is the
 * window, as a Word2Vec window covering the bio would be). Over at most {@code conceptSample}
 * accounts with terms (a deterministic hash sample, so a million-account run costs what a hundred
 * thousand do) and at most {@value #MAX_BAG} terms per account (its heaviest, ties broken by a seeded
 * hash), the co-occurrence counts of term pairs give the positive pointwise mutual information
 * matrix with context-distribution smoothing 0.75 (Levy, Goldberg &amp; Dagan, "Improving
 * distributional similarity with lessons learned from word embeddings", TACL 2015: PPMI + SVD
 * matches word2vec's SGNS on similarity tasks). Its rows, L2-normalised, are factored by
 * {@link RandomizedSvd}; each term's vector is its row folded into the basis and scaled to unit
 * length, and spherical k-means (cosine, k-means++ seeding) groups the vectors into about one
 * concept per {@code termsPerConcept} terms, at most {@code maxConcepts}. The model keeps the folded
 * rows as the terms' vectors before that scaling, times {@code termVectorWeight}: a row's length there
 * is the share of the term's (unit) PPMI row the leading directions hold, high for a word that goes
 * with the words of one need, low for one that goes with anything. The vectors leave out the first
 * direction: the PPMI matrix is non-negative, so its leading singular vector is the direction every
 * term shares (the common component Arora, Liang &amp; Ma remove from sentence vectors), and summed over
 * a bio it drowns what the bio is about (kept, the real bios of 20,050 Twitter accounts fell into
 * one segment of 90%; without it, 12 segments, the largest 16%).
 *
 * <p>Which terms: those used by at least {@value #MIN_TERM_ACCOUNTS} accounts (a term below
 * {@code features.min-accounts} is no exact feature, but still reaches its concept), and by at most
 * {@code boilerplateShare} of the accounts with terms: a word in a tenth of all bios is profile
 * boilerplate and says nothing about need, whatever language it is in, so no hand-made list is
 * needed. At most {@code maxVocabulary} terms, the most used first. Without terms (follows only)
 * nothing is computed.
 */
public final class TermConcepts {
    /** A term must be used by this many accounts to get a vector (word2vec's minCount). */
    static final int MIN_TERM_ACCOUNTS = 2;
    /** At most this many terms of one account form its context (pairs grow with its square). */
    static final int MAX_BAG = 50;

    private static final double CONTEXT_SMOOTHING = 0.75;
    private static final int KMEANS_ITERATIONS = 30;
    private static final long SAMPLE_BUCKETS = 1L << 30;
    private static final Logger LOG = LogManager.getLogger(TermConcepts.class);

    private TermConcepts() {}

    /** The concepts of the term occurrences among {@code occurrences}; empty when there are none or they are off. */
    public static TermConceptModel fit(Dataset<Row> occurrences, FeatureOptions options) {
        if (!options.termConcepts()) {
            return TermConceptModel.EMPTY;
        }
        long started = System.nanoTime();
        SparkSession spark = occurrences.sparkSession();
        Dataset<Row> terms = occurrences
                .filter(col("feature").startsWith(FeatureSources.TERM_PREFIX))
                .select(ACCOUNT_ID, "feature", "weight");
        long withTerms = terms.select(ACCOUNT_ID).distinct().count();
        if (withTerms < 2) {
            return TermConceptModel.EMPTY;
        }
        long boilerplate = (long) Math.floor(options.boilerplateShare() * withTerms);
        List<Row> used = terms.groupBy("feature")
                .agg(count(lit(1)).as("accounts"))
                .filter(col("accounts")
                        .geq(MIN_TERM_ACCOUNTS)
                        .and(col("accounts").leq(Math.max(boilerplate, 2))))
                .orderBy(col("accounts").desc(), col("feature"))
                .limit(options.maxVocabulary())
                .collectAsList();
        int size = used.size();
        if (size < 2) {
            return TermConceptModel.EMPTY;
        }
        List<String> vocabulary = new ArrayList<>(size);
        List<Row> indexed = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            vocabulary.add(used.get(i).getString(0));
            indexed.add(RowFactory.create(used.get(i).getString(0), i));
        }
        Dataset<Row> index = spark.createDataFrame(
                indexed,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("feature", DataTypes.StringType, false),
                        DataTypes.createStructField("index", DataTypes.IntegerType, false))));

        Dataset<Row> sample = terms;
        if (withTerms > options.conceptSample()) {
            long below = (long) ((double) options.conceptSample() / withTerms * SAMPLE_BUCKETS);
            sample = terms.filter(pmod(xxhash64(lit(options.seed()), col(ACCOUNT_ID)), lit(SAMPLE_BUCKETS))
                    .lt(below));
        }
        Dataset<Row> bag = sample.join(broadcast(index), "feature")
                .withColumn(
                        "rank",
                        row_number()
                                .over(Window.partitionBy(ACCOUNT_ID)
                                        .orderBy(col("weight").desc(), xxhash64(lit(options.seed()), col("feature")))))
                .filter(col("rank").leq(MAX_BAG))
                .select(ACCOUNT_ID, "index");
        Dataset<Row> pairs = bag.select(col(ACCOUNT_ID), col("index").as("i"))
                .join(bag.select(col(ACCOUNT_ID), col("index").as("j")), ACCOUNT_ID)
                .filter(col("i").notEqual(col("j")))
                .groupBy("i", "j")
                .agg(count(lit(1)).cast("double").as("c"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<SparseRow> rows = null;
        try {
            double[] marginal = new double[size];
            for (Row r : pairs.groupBy("i").agg(sum("c")).collectAsList()) {
                marginal[r.getInt(0)] = r.getDouble(1);
            }
            double smoothedTotal = 0;
            List<Row> margins = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                double smoothed = Math.pow(marginal[i], CONTEXT_SMOOTHING);
                smoothedTotal += smoothed;
                margins.add(RowFactory.create(i, marginal[i], smoothed));
            }
            if (smoothedTotal == 0) {
                return TermConceptModel.EMPTY;
            }
            Dataset<Row> margin = spark.createDataFrame(
                    margins,
                    DataTypes.createStructType(List.of(
                            DataTypes.createStructField("index", DataTypes.IntegerType, false),
                            DataTypes.createStructField("marginal", DataTypes.DoubleType, false),
                            DataTypes.createStructField("smoothed", DataTypes.DoubleType, false))));
            Dataset<Row> ppmi = pairs.join(broadcast(margin.select(col("index").as("i"), col("marginal"))), "i")
                    .join(broadcast(margin.select(col("index").as("j"), col("smoothed"))), "j")
                    .withColumn(
                            "ppmi",
                            log(col("c").multiply(smoothedTotal)
                                    .divide(col("marginal").multiply(col("smoothed")))))
                    .filter(col("ppmi").gt(0));
            rows = ppmi.groupBy("i")
                    .agg(collect_list("j").as("indices"), collect_list("ppmi").as("values"))
                    .select(col("i").cast("string"), col("indices"), col("values"))
                    .toJavaRDD()
                    .map(FeatureModel::toSparseRow)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            double[] basis = RandomizedSvd.fit(
                    rows,
                    size,
                    new RandomizedSvd.Options(
                            options.conceptDimensions(),
                            options.oversampling(),
                            options.powerIterations(),
                            options.seed()));
            int width = basis.length / size;
            Broadcast<double[]> shared =
                    JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(basis);
            List<Tuple2<Integer, double[]>> folded = rows.map(
                            row -> new Tuple2<>(Integer.parseInt(row.accountId()), row.times(shared.value(), width)))
                    .collect();
            shared.destroy();
            List<Integer> termIndex = new ArrayList<>();
            List<double[]> vectors = new ArrayList<>();
            Map<String, double[]> termVectors = new HashMap<>();
            folded.stream()
                    .filter(t -> MathEx.norm(t._2()) > 0)
                    .sorted((a, b) -> Integer.compare(a._1(), b._1()))
                    .forEach(t -> {
                        termIndex.add(t._1());
                        if (options.termVectorWeight() > 0) {
                            double[] vector = Arrays.copyOfRange(t._2(), 1, width);
                            MathEx.scale(options.termVectorWeight(), vector);
                            termVectors.put(
                                    vocabulary.get(t._1()).substring(FeatureSources.TERM_PREFIX.length()), vector);
                        }
                        vectors.add(FeatureEstimator.unit(t._2()));
                    });
            if (vectors.isEmpty()) {
                return TermConceptModel.EMPTY;
            }
            int k = Math.min(
                    vectors.size(),
                    Math.min(
                            options.maxConcepts(),
                            Math.max(1, Math.round((float) vectors.size() / options.termsPerConcept()))));
            int[] concept = sphericalKMeans(vectors.toArray(new double[0][]), k, options.seed());
            Map<String, Integer> concepts = new HashMap<>();
            for (int t = 0; t < concept.length; t++) {
                concepts.put(
                        vocabulary.get(termIndex.get(t)).substring(FeatureSources.TERM_PREFIX.length()), concept[t]);
            }
            TermConceptModel model = new TermConceptModel(concepts, termVectors);
            LOG.info(
                    "term concepts: {} terms used by 2+ of {} accounts with terms, {} with a vector, {} concepts, {}s",
                    size,
                    withTerms,
                    vectors.size(),
                    model.conceptCount(),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
            return model;
        } finally {
            pairs.unpersist(false);
            if (rows != null) {
                rows.unpersist(false);
            }
        }
    }

    /**
     * Smile's k-means (k-means++ seeding, seeded) of unit vectors, which on unit vectors groups by
     * cosine; returns each vector's cluster, clusters numbered by size, largest first (ties: the
     * cluster of the earliest vector first).
     */
    static int[] sphericalKMeans(double[][] x, int k, long seed) {
        MathEx.setSeed(seed);
        int[] assigned = KMeans.fit(x, k, KMEANS_ITERATIONS, 1e-4).y;
        int[] sizes = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < x.length; i++) {
            sizes[assigned[i]]++;
            first[assigned[i]] = Math.min(first[assigned[i]], i);
        }
        int[] order = IntStream.range(0, k)
                .boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -sizes[c]).thenComparingInt(c -> first[c]))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] renumbered = new int[k];
        for (int r = 0; r < k; r++) {
            renumbered[order[r]] = r;
        }
        return Arrays.stream(assigned).map(c -> renumbered[c]).toArray();
    }
}
