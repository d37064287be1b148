package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topics.enabled=false}: the topics stage really is skipped (no text read, no terms written,
 * the manifest says why), the run segments on follows alone, and the stage removes the term tables
 * an earlier run left in the output folder, so no later stage reads stale terms.
 */
class FollowsOnlyRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runWithoutTopicsUsesFollowsOnlyAndRemovesOldTerms() throws IOException {
        Path input = dir.resolve("in");
        Path output = dir.resolve("out");
        CliRun generated = CliRun.of(
                "generate",
                "--output",
                input.toString(),
                "--accounts",
                "600",
                "--segments",
                "8",
                "--seed",
                "3",
                "--mean-follows",
                "40",
                "--posts",
                "1");
        assertEquals(0, generated.exitCode(), generated.err());

        CliRun run = CliRun.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--master",
                "local[2]",
                "--set",
                "topics.enabled=false");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
        // The topics stage ran (it has its seconds) as the skip: the section a topics run writes (text
        // counts, distinct terms) is absent, and so are the term tables it always writes.
        assertTrue(manifest.at("/stage_seconds/topics").isNumber(), manifest.toString());
        assertEquals(
                JSON.readTree("{\"skipped\":\"topics.enabled=false\"}"),
                manifest.get("topics"),
                "the manifest says topics was skipped, and no text was counted");
        assertFalse(Files.exists(output.resolve("account_terms")), "no account terms computed");
        assertFalse(Files.exists(output.resolve("interest_terms")), "no interest terms computed");
        SparkSession spark = SampleRun.spark();
        List<Row> segments = spark.read()
                .parquet(output.resolve("segments").toString())
                .selectExpr("segment_id", "size(top_terms)", "size(top_interests)")
                .collectAsList();
        assertTrue(segments.size() >= 8, "segments found from follows alone: " + segments.size());
        for (Row segment : segments) {
            assertEquals(0, segment.getInt(1), "no terms without the topics stage");
        }
        long accepted = spark.read()
                .parquet(output.resolve("accepted/accounts").toString())
                .count();
        assertEquals(
                accepted,
                spark.read().parquet(output.resolve("memberships").toString()).count());

        // Term tables an earlier run left in the folder (a `run` publishes a fresh staging folder, so
        // only a stage run in place can meet them): the skipped stage deletes them.
        for (String table : List.of("account_terms", "interest_terms")) {
            Files.createDirectories(output.resolve(table));
            Files.writeString(output.resolve(table).resolve("part-stale.parquet"), "from an earlier run");
        }
        CliRun topics = CliRun.of(
                "topics", "--output", output.toString(), "--master", "local[2]", "--set", "topics.enabled=false");
        assertEquals(0, topics.exitCode(), topics.err());
        assertFalse(Files.exists(output.resolve("account_terms")), "stale terms would feed features and profiles");
        assertFalse(Files.exists(output.resolve("interest_terms")), "stale interest terms would feed features");
    }
}
