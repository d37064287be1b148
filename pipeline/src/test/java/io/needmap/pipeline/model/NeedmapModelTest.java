package io.needmap.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.features.FeatureModel;
import io.needmap.pipeline.features.TermConceptModel;
import io.needmap.pipeline.segment.SegmentModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeedmapModelTest {
    @TempDir
    Path dir;

    private static NeedmapModel model() {
        FeatureModel features = new FeatureModel(
                List.of("follow:a", "follow:b", "term:c"),
                new long[] {9, 5, 3},
                new double[] {0.1, 0.7, 1.2},
                new double[] {1, 0, 0, 1, 0.6, 0.8},
                2,
                new TermConceptModel(
                        Map.of("c", 0, "camera", 0, "bike", 1),
                        Map.of("c", new double[] {0.5, -0.25}, "camera", new double[] {0.25, 0}, "bike", new double[] {
                            0, 1
                        })));
        SegmentModel segments = new SegmentModel(
                        new double[][] {{1, 0}, {0, 1}}, new double[] {0.9, 0.6}, Map.of(), List.of(), "test")
                .withIds(new int[] {7, 3}, 9);
        NeedmapModel.Metadata metadata = new NeedmapModel.Metadata(
                NeedmapModel.currentVersions(),
                "2025-07-01T00:00:00Z",
                List.of("run", "--input", "in"),
                Map.of("seed", "5", "topics.enabled", "false"),
                5,
                Map.of("accounts", new NeedmapModel.Fingerprint(12, "-123456789012345678901")));
        return new NeedmapModel(
                features,
                segments,
                Map.of(
                        7,
                        new NeedmapModel.SegmentLabel("Bakers", "user"),
                        3,
                        new NeedmapModel.SegmentLabel("Cyclists · Rain gear", "auto")),
                metadata);
    }

    @Test
    void roundTripKeepsVocabularyBasisSegmentsLabelsAndProvenance() {
        SparkSession spark = SparkTestSession.get();
        NeedmapModel saved = model();
        saved.save(dir.resolve("model").toUri().toString(), spark);
        NeedmapModel loaded = NeedmapModel.load(dir.resolve("model").toUri().toString(), spark);

        assertEquals(saved.features().features(), loaded.features().features());
        assertArrayEquals(saved.features().accounts(), loaded.features().accounts());
        assertArrayEquals(saved.features().weights(), loaded.features().weights(), 0.0);
        assertArrayEquals(saved.features().basis(), loaded.features().basis(), 0.0);
        assertEquals(2, loaded.features().dimensions());
        assertEquals(saved.features().termConcepts(), loaded.features().termConcepts());
        // Loaded in id order: segment 3, then 7.
        assertArrayEquals(new int[] {3, 7}, loaded.segments().segmentIds());
        assertArrayEquals(new double[] {0, 1}, loaded.segments().centroids()[0], 0.0);
        assertArrayEquals(new double[] {1, 0}, loaded.segments().centroids()[1], 0.0);
        assertEquals(9, loaded.segments().nextSegmentId());
        assertEquals(saved.labels(), loaded.labels());
        assertEquals(saved.metadata(), loaded.metadata());
        assertEquals(7, loaded.segments().assign(new double[] {0.9, 0.1}).segment(), "ids survive, not positions");
    }

    /**
     * A rerun of the segment stage saves the segments and metadata only: the feature part's files
     * stay as they were (a rewrite would give them new part-file names), and the model loads with the
     * new segments and the old features.
     */
    @Test
    void savingTheSegmentsKeepsTheFeaturePartOnDisk() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String location = dir.resolve("model").toUri().toString();
        NeedmapModel first = model();
        first.save(location, spark);
        Map<String, String> featureFiles = featureFiles();
        SegmentModel refit = new SegmentModel(
                        new double[][] {{0.6, 0.8}}, new double[] {0.8}, Map.of(), List.of(), "refit")
                .withIds(new int[] {4}, 10);
        first.withSegments(refit, Map.of()).saveSegments(location, spark);

        assertEquals(featureFiles, featureFiles(), "the feature part was rewritten");
        NeedmapModel loaded = NeedmapModel.load(location, spark);
        assertArrayEquals(new int[] {4}, loaded.segments().segmentIds());
        assertEquals(10, loaded.segments().nextSegmentId());
        assertTrue(loaded.labels().isEmpty(), "the old segments' labels are gone with them");
        assertEquals(first.features().features(), loaded.features().features());
    }

    /** Every file of the saved model's feature part and its bytes (as Latin-1 text). */
    private Map<String, String> featureFiles() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        for (String part : List.of(NeedmapModel.VOCABULARY, NeedmapModel.BASIS, NeedmapModel.TERM_CONCEPTS)) {
            try (var files = Files.walk(dir.resolve("model").resolve(part))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    contents.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return contents;
    }

    /** A model saved before term concepts existed loads with none. */
    @Test
    void modelWithoutTermConceptsLoadsWithAnEmptyMap() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String location = dir.resolve("model").toUri().toString();
        model().save(location, spark);
        try (var files = Files.walk(dir.resolve("model").resolve(NeedmapModel.TERM_CONCEPTS))) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
        assertTrue(NeedmapModel.load(location, spark).features().termConcepts().isEmpty());
    }

    /**
     * Observed on a write, the fingerprint is what a pass of its own computes; it does not depend on
     * row order or partitioning, changes with any value, and is "0" for an empty table.
     */
    @Test
    void fingerprintObservedOnAWriteIsTheTablesAndIgnoresOrder() throws InterruptedException {
        SparkSession spark = SparkTestSession.get();
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("account_id", DataTypes.StringType, false),
                DataTypes.createStructField("followers_count", DataTypes.LongType, true)));
        List<Row> rows = List.of(RowFactory.create("a", 3L), RowFactory.create("b", null), RowFactory.create("c", 7L));
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        Observation observation = new Observation("accounts");
        NeedmapModel.Fingerprint.observed(table, observation)
                .write()
                .parquet(dir.resolve("written").toString());

        NeedmapModel.Fingerprint observed = NeedmapModel.Fingerprint.of(observation.getAsJava());
        assertEquals(3, observed.rows());
        assertEquals(NeedmapModel.Fingerprint.of(table), observed);
        assertEquals(
                observed,
                NeedmapModel.Fingerprint.of(
                        spark.createDataFrame(List.of(rows.get(2), rows.get(0), rows.get(1)), schema)
                                .repartition(3)));
        assertNotEquals(
                observed.hash(),
                NeedmapModel.Fingerprint.of(spark.createDataFrame(
                                List.of(rows.get(0), rows.get(1), RowFactory.create("c", 8L)), schema))
                        .hash());
        assertEquals(
                new NeedmapModel.Fingerprint(0, "0"),
                NeedmapModel.Fingerprint.of(spark.createDataFrame(List.of(), schema)));
    }

    @Test
    void modelOfAnotherVersionIsRefusedInOneSentence() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String location = dir.resolve("model").toUri().toString();
        model().save(location, spark);
        Path metadata = dir.resolve("model").resolve(NeedmapModel.METADATA);
        String current = NeedmapModel.currentVersions().get("needmap");
        Files.writeString(
                metadata,
                Files.readString(metadata)
                        .replace("\"needmap_version\" : \"" + current + "\"", "\"needmap_version\" : \"0.0.1\""));
        Files.deleteIfExists(dir.resolve("model").resolve("." + NeedmapModel.METADATA + ".crc"));

        InputException refused = assertThrows(InputException.class, () -> NeedmapModel.load(location, spark));
        assertEquals(
                "The model in " + location + " was written by needmap 0.0.1 and this is needmap " + current
                        + ": rerun `needmap run` with this version to build a new model.",
                refused.getMessage());
        assertEquals(
                List.of(3, 7),
                NeedmapModel.loadLineage(location, spark).labels().keySet().stream()
                        .sorted()
                        .toList(),
                "a previous run's ids and labels are still readable");
    }

    @Test
    void folderWithoutModelIsNamed() {
        InputException missing = assertThrows(
                InputException.class, () -> NeedmapModel.load(dir.toUri().toString(), SparkTestSession.get()));
        assertEquals(
                dir.toUri() + " holds no needmap model (no metadata.json): point to the model/ folder of a run's"
                        + " output.",
                missing.getMessage());
    }
}
