package io.needmap.pipeline.features;

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
 * survived (it cannot be segmented and is reported as such), from the {@link FeatureModel}
 * (vocabulary {@code feature, accounts, idf} and basis) that {@link #fitTransform} learns.
 */
public final class FeatureStage {

    private FeatureStage() {}

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
    public static Fitted fitTransform(Dataset<Row> occurrences, Dataset<Row> accounts, FeatureOptions options) {
        long accountCount = accounts.count();
        List<Row> kept = occurrences
                .groupBy("feature")
                .agg(count(lit(1)).as("accounts"))
                .filter(col("accounts").geq(options.minAccounts()))
                .orderBy(col("accounts").desc(), col("feature"))
                .limit(options.maxVocabulary())
                .collectAsList();
        List<String> features = new ArrayList<>(kept.size());
        long[] users = new long[kept.size()];
        double[] idf = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            features.add(kept.get(i).getString(0));
            users[i] = kept.get(i).getLong(1);
            idf[i] = Math.log((double) accountCount / users[i]);
        }
        if (features.isEmpty()) {
            FeatureModel model = new FeatureModel(features, users, idf, new double[0], options.dimensions());
            return new Fitted(model, model.transform(occurrences, accounts));
        }
        JavaRDD<SparseRow> rows = FeatureModel.rows(
                        occurrences, FeatureModel.vocabulary(occurrences.sparkSession(), features, users, idf))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            double[] basis = RandomizedSvd.fit(
                    rows,
                    features.size(),
                    new RandomizedSvd.Options(
                            options.dimensions(), options.oversampling(), options.powerIterations(), options.seed()));
            FeatureModel model = new FeatureModel(features, users, idf, basis, basis.length / features.size());
            return new Fitted(model, model.embed(rows, accounts, true));
        } catch (RuntimeException e) {
            rows.unpersist(false);
            throw e;
        }
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
                DataTypes.createStructField(
                        "embedding", DataTypes.createArrayType(DataTypes.DoubleType, false), true)));
    }
}
