package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.needmap.pipeline.model.NeedmapModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.validation.metric.AdjustedRandIndex;

/** The real CLI on the bundled sample in Spark local mode, checked against the planted truth. */
class EndToEndTest {
    static final Path SAMPLE = SampleRun.SAMPLE;
    static Path out;
    static JsonNode manifest;
    private SparkSession spark;

    @BeforeAll
    static void runTheSampleJob() throws IOException {
        out = SampleRun.output();
        manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    }

    @BeforeEach
    void session() {
        spark = SampleRun.spark();
    }

    private static List<String[]> truth(String file) throws IOException {
        return Files.readAllLines(SAMPLE.resolve("truth").resolve(file)).stream()
                .skip(1)
                .map(line -> line.split(",", -1))
                .toList();
    }

    @Test
    void plantedSegmentsAreRecovered() throws IOException {
        Map<String, Integer> planted = new HashMap<>();
        truth("memberships.csv").forEach(t -> planted.put(t[0], Integer.parseInt(t[1])));
        List<Row> found = spark.read()
                .parquet(out.resolve("memberships").toString())
                .select("account_id", "segment_id")
                .collectAsList();
        assertEquals(
                manifest.at("/tables/accounts/accepted").asLong(), found.size(), "one membership per accepted account");
        found = found.stream().filter(r -> planted.containsKey(r.getString(0))).toList(); // repaired dirt is unplanted
        int[] truthLabels =
                found.stream().mapToInt(r -> planted.get(r.getString(0))).toArray();
        int[] foundLabels = found.stream().mapToInt(r -> r.getInt(1)).toArray();
        double ari = AdjustedRandIndex.of(truthLabels, foundLabels);
        assertTrue(ari >= 0.9, "adjusted Rand index " + ari);
        int k = manifest.at("/segmentation/k").asInt();
        assertTrue(k >= 15 && k <= 60, "k chosen in the range of dozens: " + k);
    }

    /** Dirt that is kept and repaired, not rejected, with its repair reason. */
    static final Map<String, String> REPAIR_OF_KIND = Map.of(
            "accounts/non_numeric_count",
            "is not a whole number",
            "accounts/negative_count",
            "is negative",
            "accounts/impossible_date",
            "is not a valid ISO date",
            "posts/negative_likes",
            "likes is negative");

    @Test
    void everyDirtyRowIsRejectedOrRepairedWithItsReason() throws IOException {
        Map<String, String> reasonOfKind = Map.of(
                "accounts/duplicate",
                "duplicate account_id",
                "accounts/empty_account_id",
                "empty account_id",
                "follows/unknown_account",
                "account_id not in accounts",
                "follows/empty_followed_id",
                "empty followed_id",
                "follows/empty_account_id",
                "empty account_id",
                "follows/truncated",
                "malformed record");
        List<Row> rejects =
                spark.read().parquet(out.resolve("rejects").toString()).collectAsList();
        List<Row> repairs =
                spark.read().parquet(out.resolve("repairs").toString()).collectAsList();
        Map<String, Integer> planted = new HashMap<>();
        truth("dirty.csv").stream()
                .filter(d -> !REPAIR_OF_KIND.containsKey(d[0] + "/" + d[1]))
                .forEach(d -> planted.merge(d[0], Integer.parseInt(d[2]), Integer::sum));
        for (String[] dirty : truth("dirty.csv")) {
            String repair = REPAIR_OF_KIND.get(dirty[0] + "/" + dirty[1]);
            if (repair != null) {
                long repaired = repairs.stream()
                        .filter(r -> r.getString(0).equals(dirty[0])
                                && r.getString(4).contains(repair))
                        .count();
                // Some of the generator's non-numeric counts ("12k") are read as numbers now.
                long expected = dirty[1].equals("non_numeric_count") ? 1 : Integer.parseInt(dirty[2]);
                assertTrue(repaired >= expected, dirty[0] + "/" + dirty[1] + " repaired: " + repaired);
                continue;
            }
            String reason = reasonOfKind.getOrDefault(dirty[0] + "/" + dirty[1], "empty account_id");
            long matching = rejects.stream()
                    .filter(r -> r.getString(0).equals(dirty[0])
                            && r.getString(2).contains(reason)
                            && !r.getString(1).isEmpty())
                    .count();
            assertTrue(matching >= Integer.parseInt(dirty[2]), dirty[0] + "/" + dirty[1] + ": " + matching);
        }
        for (Map.Entry<String, Integer> table : planted.entrySet()) {
            assertEquals(
                    table.getValue().longValue(),
                    manifest.at("/tables/" + table.getKey() + "/rejected").asLong(),
                    "no clean row of " + table.getKey() + " is rejected");
        }
    }

    @Test
    void acceptedPlusRejectedEqualsReadForEveryTable() throws IOException {
        for (String table : List.of("accounts", "follows", "interests", "posts", "assets")) {
            JsonNode counts = manifest.at("/tables/" + table);
            long lines = countRecords(table);
            assertEquals(lines, counts.get("read").asLong(), table + " read");
            assertEquals(
                    counts.get("read").asLong(),
                    counts.get("accepted").asLong() + counts.get("rejected").asLong());
        }
        long repairedDirt = truth("dirty.csv").stream()
                .filter(d -> d[0].equals("accounts") && REPAIR_OF_KIND.containsKey(d[0] + "/" + d[1]))
                .mapToLong(d -> Long.parseLong(d[2]))
                .sum();
        assertEquals(
                truth("memberships.csv").size() + repairedDirt,
                manifest.at("/tables/accounts/accepted").asLong());
    }

    /** Records in a sample CSV, counted by an independent parser (quoted newlines included). */
    private long countRecords(String table) {
        return spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .csv(SAMPLE.resolve(table + ".csv").toString())
                .count();
    }

    @Test
    void segmentProfilesAddUpAndNameTheirInterests() {
        List<Row> segments =
                spark.read().parquet(out.resolve("segments").toString()).collectAsList();
        long members = spark.read()
                .parquet(out.resolve("memberships").toString())
                .filter("segment_id >= 0")
                .count();
        assertEquals(
                members,
                segments.stream()
                        .mapToLong(r -> r.getLong(r.fieldIndex("size")))
                        .sum());
        assertEquals(
                1.0,
                segments.stream()
                        .mapToDouble(r -> r.getDouble(r.fieldIndex("share")))
                        .sum(),
                1e-9);
        for (Row segment : segments) {
            List<Row> top = segment.getList(segment.fieldIndex("top_interests"));
            assertTrue(top.size() >= 5, "segment " + segment.getInt(0) + " has distinctive interests");
            assertTrue(top.get(0).getString(0).startsWith("n"), "a niche account, not the backbone, tops the list");
            assertTrue(top.get(0).getString(1) != null, "named from interests");
        }
        assertEquals(manifest.at("/segmentation/k").asInt(), segments.size());
    }

    /**
     * The model's provenance holds each table's fingerprint as ingest observed it while writing the
     * table, and that is what a pass of its own over the written table computes.
     */
    @Test
    void modelFingerprintsAreTheAcceptedTablesAsWritten() throws IOException {
        JsonNode inputs = new ObjectMapper()
                .readTree(out.resolve("model").resolve("metadata.json").toFile())
                .get("inputs");
        for (String table : List.of("accounts", "follows", "interests", "posts")) {
            NeedmapModel.Fingerprint written = NeedmapModel.Fingerprint.of(
                    spark.read().parquet(out.resolve("accepted").resolve(table).toString()));
            assertEquals(manifest.at("/tables/" + table + "/accepted").asLong(), written.rows(), table);
            assertEquals(written.rows(), inputs.at("/" + table + "/rows").asLong(), table);
            assertEquals(written.hash(), inputs.at("/" + table + "/hash").asText(), table);
            assertEquals(
                    written.hash(),
                    manifest.at("/tables/" + table + "/content_hash").asText(),
                    table);
        }
    }

    /**
     * The sample (5.8 MB) is a small input: split in the fewest shuffle partitions (2), with adaptive
     * execution and whole-stage code generation off, chosen at ingest from its size and recorded; a
     * stage run later as a command of its own reads the same settings from the manifest.
     */
    @Test
    void sparkSettingsFollowTheInputSizeAndLaterCommandsKeepThem(@TempDir Path dir) throws IOException {
        assertEquals(2, manifest.at("/shuffle_partitions").asInt());
        long sampleBytes;
        try (Stream<Path> files = Files.walk(SampleRun.SAMPLE)) {
            sampleBytes = files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
        assertEquals(sampleBytes, manifest.at("/input_bytes").asLong());
        assertEquals("2", manifest.at("/parameters/shuffle_partitions").asText(), "the last stage used it");
        assertEquals("false", manifest.at("/parameters/adaptive_execution").asText());
        assertEquals("false", manifest.at("/parameters/whole_stage_codegen").asText());
        Path copy = dir.resolve("out");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(out.relativize(file).toString()));
            }
        }
        CliRun report = CliRun.of("report", "--output", copy.toString(), "--master", "local[2]");
        assertEquals(0, report.exitCode(), report.err());
        JsonNode after =
                new ObjectMapper().readTree(copy.resolve("manifest.json").toFile());
        assertEquals("2", after.at("/parameters/shuffle_partitions").asText());
        assertEquals("false", after.at("/parameters/whole_stage_codegen").asText());
    }
}
