package io.needmap.pipeline.features;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.EMBEDDING;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import smile.math.MathEx;

/**
 * The features estimator, as Spark ML's {@code Estimator}: {@link #fit} learns a {@link FeatureModel}
 * (account × feature matrix → dense, unit-length account embedding) whose
 * {@link FeatureModel#transform} embeds any audience alike.
 *
 * <p>Weights damp the popular backbone and nothing else: a feature used by at most
 * {@code backboneShare} of the audience weighs 1, a more widely used one
 * ln(accounts / users) ÷ ln(1 / backboneShare) (see {@link #backboneWeight}); rows are then
 * L2-normalised. Why not idf: idf also ranks niche features against each other, and a small need's
 * accounts are followed by few members because the need is small, not because following them says
 * more; with idf a big need's member who also follows a small need drifts into the small need's
 * segment (planted 20,000 accounts, 40 needs, true centroids on the raw follows: binary weights ARI
 * 0.991, idf 0.877). Features used by fewer than {@code minAccounts} accounts are dropped, and only
 * the {@code maxVocabulary} most used are kept. With {@code termConcepts}, groups of related terms
 * learnt from the audience's texts ({@link TermConcepts}) join the occurrences as features of their
 * own before any of this, and so do the dimensions of the account's term vector (dense: every
 * account with terms has them, so they weigh 1, not as backbone), so short texts that share no exact
 * word can still meet.
 * The matrix stays sparse; {@link RandomizedSvd} finds its top right singular vectors and each
 * account is folded in as xV, normalised to unit length (so Euclidean k-means on it is spherical
 * k-means on cosine). Memory grows with accounts + features × dimensions, never with their product.
 *
 * <p>Input: occurrences {@code account_id, feature, weight}, at most one per account and feature
 * (as {@link FeatureSources} builds them: follows are unique after ingest, and the topics stage
 * writes one row per account and term), and the accepted accounts. Output:
 * {@code account_id, embedding} for every account, embedding null when none of its features
 * survived (it cannot be segmented and is reported as such), from the {@link FeatureModel}
 * (vocabulary {@code feature, accounts, feature_weight} and basis) that {@link #fit} learns.
 */
public final class FeatureEstimator {
    private final FeatureOptions options;

    public FeatureEstimator(FeatureOptions options) {
        this.options = options;
    }

    /** A fitted model and the embeddings of the audience it was fitted on; closing releases them. */
    public record Fitted(FeatureModel model, FeatureModel.Embeddings embeddings) implements AutoCloseable {
        @Override
        public void close() {
            embeddings.close();
        }
    }

    /**
     * Learns the vocabulary and the basis, and embeds the same audience. The occurrences are read
     * twice, never cached: the vocabulary counts combine map-side into one row per feature; the
     * sparse rows (one shuffle by account, of the occurrences the vocabulary keeps) are cached while
     * the SVD sweeps them and kept for the audience's embeddings, which are exactly what
     * {@link FeatureModel#transform} of the same occurrences gives, without building the rows again.
     * Caching 60M+ occurrences would cost more than reading them twice.
     */
    public Fitted fit(Dataset<Row> occurrences, Dataset<Row> accounts) {
        long accountCount = accounts.count();
        TermConceptModel concepts = TermConcepts.fit(occurrences, options);
        Dataset<Row> original = occurrences;
        occurrences = concepts.apply(occurrences);
        List<Row> kept = occurrences
                .groupBy("feature")
                .agg(count(lit(1)).as("accounts"))
                .filter(col("accounts").geq(options.minAccounts()))
                .orderBy(col("accounts").desc(), col("feature"))
                .limit(options.maxVocabulary())
                .collectAsList();
        List<String> features = new ArrayList<>(kept.size());
        long[] users = new long[kept.size()];
        double[] weights = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            features.add(kept.get(i).getString(0));
            users[i] = kept.get(i).getLong(1);
            weights[i] = features.get(i).startsWith(FeatureSources.TERM_VECTOR_PREFIX)
                    ? 1
                    : backboneWeight(users[i], accountCount, options.backboneShare());
        }
        if (features.isEmpty()) {
            FeatureModel model =
                    new FeatureModel(features, users, weights, new double[0], options.dimensions(), concepts);
            return new Fitted(model, model.transform(original, accounts));
        }
        JavaRDD<SparseRow> rows = FeatureModel.rows(
                        occurrences, FeatureModel.vocabulary(occurrences.sparkSession(), features, users, weights))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            double[] basis = RandomizedSvd.fit(
                    rows,
                    features.size(),
                    new RandomizedSvd.Options(
                            options.dimensions(), options.oversampling(), options.powerIterations(), options.seed()));
            FeatureModel model =
                    new FeatureModel(features, users, weights, basis, basis.length / features.size(), concepts);
            return new Fitted(model, model.embed(rows, accounts, true));
        } catch (RuntimeException e) {
            rows.unpersist(false);
            throw e;
        }
    }

    /**
     * Weight of a feature used by {@code users} of {@code audience} accounts: 1 up to
     * {@code backboneShare} of the audience, then idf scaled to reach 1 there, ln(audience / users) ÷
     * ln(1 / backboneShare), so a feature everybody uses weighs nothing (share 0.1: used by half the
     * audience, 0.30). A share of 1 weighs every feature 1 (binary features).
     */
    public static double backboneWeight(long users, long audience, double backboneShare) {
        double cap = Math.log(1 / backboneShare);
        return cap <= 0 ? 1 : Math.max(0, Math.min(1, Math.log((double) audience / users) / cap));
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
                DataTypes.createStructField(ACCOUNT_ID, DataTypes.StringType, false),
                DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.DoubleType, false), true)));
    }
}
