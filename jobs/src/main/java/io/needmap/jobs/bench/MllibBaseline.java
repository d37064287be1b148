package io.needmap.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a Spark user would write instead of needmap, the benchmark's yardstick: follows read straight
 * from the input CSV, one bag of followed accounts per audience member, TF-IDF ({@link CountVectorizer}
 * then {@link IDF}) and MLlib's {@link KMeans} (k-means|| initialisation, Bahmani et al. 2012) with
 * the k needmap chose.
 *
 * <p>Deliberately plain: no row validation beyond dropping empty keys, no dimensionality reduction,
 * no length normalisation. It fails where plain k-means on raw TF-IDF fails: the popular backbone
 * still shapes distances, and segments of very different sizes get split or merged.
 */
public final class MllibBaseline {
    private static final int MAX_ITERATIONS = 20;

    private MllibBaseline() {}

    /**
     * @param followsCsv the input's follows table ({@code account_id, followed_id} CSV with a header)
     * @return {@code account_id, segment_id} for every account with at least one follow
     */
    public static Dataset<Row> segment(SparkSession spark, String followsCsv, int k, long seed) {
        Dataset<Row> bags = spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .csv(followsCsv)
                .select(
                        trim(col("account_id")).as("account_id"),
                        trim(col("followed_id")).as("followed_id"))
                .filter("account_id <> '' and followed_id <> ''")
                .groupBy("account_id")
                .agg(collect_list("followed_id").as("follows"));
        Pipeline tfidfKMeans = new Pipeline().setStages(new PipelineStage[] {
            new CountVectorizer().setInputCol("follows").setOutputCol("tf"),
            new IDF().setInputCol("tf").setOutputCol("tfidf"),
            new KMeans()
                    .setFeaturesCol("tfidf")
                    .setPredictionCol("segment_id")
                    .setK(k)
                    .setSeed(seed)
                    .setMaxIter(MAX_ITERATIONS)
        });
        return tfidfKMeans.fit(bags).transform(bags).select("account_id", "segment_id");
    }
}
