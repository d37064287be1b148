package io.needmap.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.model.NeedmapModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermConceptsTest {
    private static final List<String> PHOTO =
            List.of("photographer", "lightroom", "portrait", "camera", "wedding", "lens");
    private static final List<String> CYCLING = List.of("bike", "cycling", "strava", "cyclist", "gravel", "roadbike");

    /**
     * Terms in 3+ accounts are exact features; "love", in 30 of the 45 bios, is boilerplate (over the
     * share 0.6); a 4-dimensional embedding; about one concept per 7 terms, so 2 concepts.
     */
    private static final FeatureOptions OPTIONS =
            new FeatureOptions(3, 100, 0.6, 0.6, 0, 4, 4, 2, true, 1, 4, 7, 10, 1000, 7);

    private static SparkSession spark;
    private static Dataset<Row> occurrences;
    private static Dataset<Row> accounts;
    private static FeatureModel model;
    private static final Map<String, double[]> EMBEDDINGS = new HashMap<>();
    private static final Map<String, double[]> WITHOUT_CONCEPTS = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        spark = SparkTestSession.get();
        List<Row> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int n = 0;
        // Every 3 of a theme's 6 words is one bio: 20 bios per theme, each word in 10 of them.
        for (List<String> theme : List.of(PHOTO, CYCLING)) {
            for (int a = 0; a < 6; a++) {
                for (int b = a + 1; b < 6; b++) {
                    for (int c = b + 1; c < 6; c++) {
                        String id = "t" + n;
                        ids.add(id);
                        for (String term : List.of(theme.get(a), theme.get(b), theme.get(c))) {
                            rows.add(term(id, term));
                        }
                        if (n < 30) {
                            rows.add(term(id, "love"));
                        }
                        if (n == 0) {
                            rows.add(term(id, "tripod")); // tripod: 2 accounts, under min-accounts
                        }
                        n++;
                    }
                }
            }
        }
        // Same theme, no shared word (x1, x2); the other theme (x3); only a word under min-accounts
        // (lonely); nothing at all (silent).
        add(rows, ids, "x1", "photographer", "lightroom");
        add(rows, ids, "x2", "portrait", "camera");
        add(rows, ids, "x3", "bike", "strava");
        add(rows, ids, "lonely", "tripod");
        ids.add("silent");
        occurrences = spark.createDataFrame(
                rows,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("account_id", DataTypes.StringType, false),
                        DataTypes.createStructField("feature", DataTypes.StringType, false),
                        DataTypes.createStructField("weight", DataTypes.DoubleType, false))));
        accounts = spark.createDataFrame(
                ids.stream().map(id -> RowFactory.create(id)).toList(),
                DataTypes.createStructType(
                        List.of(DataTypes.createStructField("account_id", DataTypes.StringType, false))));
        try (FeatureEstimator.Fitted fitted = new FeatureEstimator(OPTIONS).fit(occurrences, accounts)) {
            model = fitted.model();
            EMBEDDINGS.putAll(FeatureStageTest.collect(fitted.embeddings()));
        }
        FeatureOptions off = new FeatureOptions(3, 100, 0.6, 0.6, 0, 4, 4, 2, false, 0, 4, 7, 10, 1000, 7);
        try (FeatureEstimator.Fitted fitted = new FeatureEstimator(off).fit(occurrences, accounts)) {
            assertTrue(fitted.model().termConcepts().isEmpty());
            WITHOUT_CONCEPTS.putAll(FeatureStageTest.collect(fitted.embeddings()));
        }
    }

    private static Row term(String account, String term) {
        return RowFactory.create(account, FeatureSources.TERM_PREFIX + term, 1.0);
    }

    private static void add(List<Row> rows, List<String> ids, String account, String... terms) {
        ids.add(account);
        for (String t : terms) {
            rows.add(term(account, t));
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(cosine(v, v));
    }

    private static double cosine(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void termsOfOneThemeShareAConceptAndBoilerplateHasNone() {
        Map<String, Integer> concepts = model.termConcepts().concepts();
        assertEquals(2, model.termConcepts().conceptCount(), concepts.toString());
        int photo = concepts.get("photographer");
        int cycling = concepts.get("bike");
        assertNotEquals(photo, cycling);
        PHOTO.forEach(t -> assertEquals(photo, concepts.get(t), t));
        CYCLING.forEach(t -> assertEquals(cycling, concepts.get(t), t));
        assertEquals(photo, concepts.get("tripod"), "under min-accounts, still in its concept");
        assertFalse(concepts.containsKey("love"), "in 30 of 45 bios: boilerplate");
        assertTrue(model.features().contains(FeatureSources.CONCEPT_PREFIX + photo));
    }

    /**
     * The 40 bios of the two themes, each with 3 theme words, plus 30 words that go with anything
     * (names, typos, slang: each in 3 bios drawn at random from both themes, so 2 in a bio on average):
     * every bio's term vector, as {@link TermConceptModel#apply} adds it, is nearer its own theme's
     * mean than the other theme's, noise and all.
     */
    @Test
    void aBiosTermVectorPointsToItsThemeThroughWordsThatGoWithAnything() {
        List<Row> rows = new ArrayList<>();
        List<String> bios = new ArrayList<>();
        for (List<String> theme : List.of(PHOTO, CYCLING)) {
            for (int a = 0; a < 6; a++) {
                for (int b = a + 1; b < 6; b++) {
                    for (int c = b + 1; c < 6; c++) {
                        String id = (theme == PHOTO ? "photo" : "cycling") + bios.size();
                        bios.add(id);
                        for (String term : List.of(theme.get(a), theme.get(b), theme.get(c))) {
                            rows.add(term(id, term));
                        }
                    }
                }
            }
        }
        Random random = new Random(5);
        List<String> drawn = new ArrayList<>(bios);
        for (int w = 0; w < 30; w++) {
            Collections.shuffle(drawn, random);
            for (String id : drawn.subList(0, 3)) {
                rows.add(term(id, "noise" + w));
            }
        }
        Dataset<Row> bioTerms = spark.createDataFrame(rows, occurrences.schema());
        TermConceptModel concepts = TermConcepts.fit(bioTerms, OPTIONS);
        Map<String, double[]> vectors = new HashMap<>();
        for (Row r : concepts.apply(bioTerms)
                .filter(col("feature").startsWith(FeatureSources.TERM_VECTOR_PREFIX))
                .collectAsList()) {
            int dimension = Integer.parseInt(r.getString(1).substring(FeatureSources.TERM_VECTOR_PREFIX.length()));
            vectors.computeIfAbsent(r.getString(0), id -> new double[OPTIONS.conceptDimensions() - 1])[dimension] =
                    r.getDouble(2);
        }
        assertEquals(new HashSet<>(bios), vectors.keySet());
        Map<String, double[]> means = new HashMap<>();
        vectors.forEach((id, v) -> {
            double[] mean = means.computeIfAbsent(id.replaceAll("\\d", ""), theme -> new double[v.length]);
            for (int d = 0; d < v.length; d++) {
                mean[d] += v[d];
            }
        });
        vectors.forEach((id, v) -> {
            String own = id.replaceAll("\\d", "");
            String other = own.equals("photo") ? "cycling" : "photo";
            assertTrue(
                    cosine(v, means.get(own)) / norm(means.get(own))
                            > cosine(v, means.get(other)) / norm(means.get(other)),
                    id + " is nearer the other theme");
        });
    }

    @Test
    void accountsOfOneThemeWithoutASharedWordAreCloserThanAcrossThemes() {
        double same = cosine(EMBEDDINGS.get("x1"), EMBEDDINGS.get("x2"));
        double across = cosine(EMBEDDINGS.get("x1"), EMBEDDINGS.get("x3"));
        // Their rows share only the concept (weight 1 against two exact terms): cosine 1/3 before projection.
        assertTrue(same > 0.25, "same theme " + same + ", across " + across);
        assertTrue(same > across + 0.25, "same theme " + same + ", across " + across);
    }

    @Test
    void anAccountWhoseOnlyTermIsUnderMinAccountsGetsASignalThroughItsConcept() {
        assertNull(WITHOUT_CONCEPTS.get("lonely"), "tripod alone is no feature");
        double[] lonely = EMBEDDINGS.get("lonely");
        assertNotNull(lonely);
        assertTrue(cosine(lonely, EMBEDDINGS.get("x2")) > cosine(lonely, EMBEDDINGS.get("x3")));
        assertNull(EMBEDDINGS.get("silent"));
    }

    @Test
    void transformAndASavedAndLoadedModelGiveTheFittedEmbeddings() {
        String location = dir.resolve("model").toUri().toString();
        new NeedmapModel(
                        model,
                        null,
                        Map.of(),
                        new NeedmapModel.Metadata(
                                NeedmapModel.currentVersions(),
                                "2025-07-01T00:00:00Z",
                                List.of(),
                                Map.of(),
                                7,
                                Map.of()))
                .save(location, spark);
        FeatureModel loaded = NeedmapModel.load(location, spark).features();
        assertEquals(model.termConcepts(), loaded.termConcepts());
        for (FeatureModel m : List.of(model, loaded)) {
            try (FeatureModel.Embeddings again = m.transform(occurrences, accounts)) {
                Map<String, double[]> transformed = FeatureStageTest.collect(again);
                assertEquals(EMBEDDINGS.keySet(), transformed.keySet());
                EMBEDDINGS.forEach((account, e) -> {
                    if (e == null) {
                        assertNull(transformed.get(account), account);
                    } else {
                        assertArrayEquals(e, transformed.get(account), 1e-12, account);
                    }
                });
            }
        }
    }

    @Test
    void sphericalKMeansSeparatesTwoDirectionsAndNumbersTheLargerFirst() {
        double[][] x = {{1, 0}, {0.99, 0.14}, {0, 1}, {0.98, -0.2}, {0.1, 0.99}};
        for (double[] v : x) {
            FeatureEstimator.unit(v);
        }
        assertArrayEquals(new int[] {0, 0, 1, 0, 1}, TermConcepts.sphericalKMeans(x, 2, 3));
    }
}
