package io.needmap.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeatureStageTest {
    /** At least 2 accounts per feature, at most 3 features, a 2-dimensional embedding, no term concepts. */
    private static final FeatureOptions OPTIONS =
            new FeatureOptions(2, 3, 0.5, 0.5, 0, 2, 2, 2, false, 0, 4, 10, 100, 1000, 1);

    private static List<Row> vocabulary;
    private static final Map<String, double[]> EMBEDDINGS = new HashMap<>();
    private static final Map<String, double[]> TRANSFORMED = new HashMap<>();

    @BeforeAll
    static void run() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> accounts = spark.sql("select concat('a', id) as account_id from range(1, 9)");
        // a1-a3 read about gardens, a4-a6 about tech, all six follow the news; a7 has nothing, a8 only
        // a term nobody else uses; tomato (2 accounts) passes min-accounts but not max-vocabulary.
        Dataset<Row> occurrences = spark.sql("""
                select * from values
                  ('a1', 'follow:news', 1.0), ('a2', 'follow:news', 1.0), ('a3', 'follow:news', 1.0),
                  ('a4', 'follow:news', 1.0), ('a5', 'follow:news', 1.0), ('a6', 'follow:news', 1.0),
                  ('a1', 'follow:garden', 1.0), ('a2', 'follow:garden', 1.0), ('a3', 'follow:garden', 1.0),
                  ('a4', 'follow:tech', 1.0), ('a5', 'follow:tech', 1.0), ('a6', 'follow:tech', 1.0),
                  ('a1', 'term:tomato', 2.0), ('a2', 'term:tomato', 2.0),
                  ('a8', 'term:rare', 1.0)
                as t(account_id, feature, weight)""");
        try (FeatureEstimator.Fitted fitted = new FeatureEstimator(OPTIONS).fit(occurrences, accounts)) {
            vocabulary = fitted.model().vocabulary(spark).collectAsList();
            EMBEDDINGS.putAll(collect(fitted.embeddings()));
            try (FeatureModel.Embeddings again = fitted.model().transform(occurrences, accounts)) {
                TRANSFORMED.putAll(collect(again));
            }
        }
    }

    /** {@code account_id → embedding} (null where it has none), for assertions. */
    static Map<String, double[]> collect(FeatureModel.Embeddings embedded) {
        Map<String, double[]> byAccount = new HashMap<>();
        for (Row row : embedded.accounts().collectAsList()) {
            byAccount.put(
                    row.getString(0),
                    row.isNullAt(1)
                            ? null
                            : row.<Double>getList(1).stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray());
        }
        return byAccount;
    }

    /** The audience's embeddings from the rows the fit kept are those the model gives it again. */
    @Test
    void fittedEmbeddingsAreWhatTransformGivesTheSameAudience() {
        assertEquals(EMBEDDINGS.keySet(), TRANSFORMED.keySet());
        EMBEDDINGS.forEach(
                (account, embedding) -> assertArrayEquals(TRANSFORMED.get(account), embedding, 0.0, account));
    }

    @Test
    void vocabularyKeepsTheMostUsedFeaturesAndDampsOnlyTheBackbone() {
        assertEquals(
                List.of("follow:news", "follow:garden", "follow:tech"),
                vocabulary.stream().map(r -> r.<String>getAs("feature")).toList(),
                "rare is under min-accounts; tomato is fourth of max-vocabulary 3; ties go by name");
        assertEquals(
                List.of(6L, 3L, 3L),
                vocabulary.stream().map(r -> r.<Long>getAs("accounts")).toList());
        assertEquals(
                Math.log(8.0 / 6) / Math.log(2),
                vocabulary.get(0).<Double>getAs(FeatureModel.FEATURE_WEIGHT),
                1e-12,
                "the news, used by 6 of 8 (over the backbone share 0.5), is damped");
        assertEquals(1.0, vocabulary.get(1).<Double>getAs(FeatureModel.FEATURE_WEIGHT), 1e-12, "3 of 8: not damped");
        assertEquals(1.0, vocabulary.get(2).<Double>getAs(FeatureModel.FEATURE_WEIGHT), 1e-12);
    }

    /** Binary below the share, idf scaled to 1 at it, nothing for a feature everybody uses. */
    @Test
    void backboneWeightDampsOnlyWhatMostOfTheAudienceUses() {
        assertEquals(1.0, FeatureEstimator.backboneWeight(10, 1000, 0.1), 1e-12, "a 1% niche account");
        assertEquals(1.0, FeatureEstimator.backboneWeight(100, 1000, 0.1), 1e-12, "at the share");
        assertEquals(Math.log(2) / Math.log(10), FeatureEstimator.backboneWeight(500, 1000, 0.1), 1e-12);
        assertEquals(0.0, FeatureEstimator.backboneWeight(1000, 1000, 0.1), 1e-12);
        assertEquals(1.0, FeatureEstimator.backboneWeight(1000, 1000, 1.0), 1e-12, "share 1: binary");
    }

    @Test
    void everyAccountGetsAUnitEmbeddingOrNullWithoutSurvivingFeatures() {
        assertEquals(8, EMBEDDINGS.size());
        assertNull(EMBEDDINGS.get("a7"));
        assertNull(EMBEDDINGS.get("a8"), "its only feature was dropped");
        for (String account : List.of("a1", "a2", "a3", "a4", "a5", "a6")) {
            double[] e = EMBEDDINGS.get(account);
            assertEquals(2, e.length);
            assertEquals(1.0, Math.hypot(e[0], e[1]), 1e-9, account);
        }
    }

    @Test
    void accountsWithTheSameKeptFeaturesCoincideAndTheTwoGroupsPartWays() {
        assertArrayEquals(EMBEDDINGS.get("a1"), EMBEDDINGS.get("a3"), 1e-9, "a1's tomato did not make the vocabulary");
        assertArrayEquals(EMBEDDINGS.get("a4"), EMBEDDINGS.get("a6"), 1e-9);
        double[] garden = EMBEDDINGS.get("a1");
        double[] tech = EMBEDDINGS.get("a4");
        double cosine = garden[0] * tech[0] + garden[1] * tech[1];
        // Their rows share only the news (weight 0.42 against 1): cosine 0.15 before projection.
        assertTrue(cosine < 0.2, "cosine " + cosine);
    }
}
