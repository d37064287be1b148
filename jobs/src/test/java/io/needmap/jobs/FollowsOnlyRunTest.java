package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topics.enabled=false}: a run segments on follows alone and leaves no stale terms behind. */
class FollowsOnlyRunTest {
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
                "1500",
                "--segments",
                "15",
                "--seed",
                "3",
                "--mean-follows",
                "40",
                "--posts",
                "1");
        assertEquals(0, generated.exitCode(), generated.err());
        Files.createDirectories(output.resolve("account_terms"));
        Files.writeString(output.resolve("account_terms").resolve("part-stale.parquet"), "from an earlier run");

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
        assertFalse(Files.exists(output.resolve("account_terms")), "stale terms would feed features and profiles");
        assertTrue(Files.readString(output.resolve("manifest.json"))
                .matches("(?s).*\"skipped\"\\s*:\\s*\"topics.enabled=false\".*"));
        SparkSession spark = SampleRun.spark();
        List<Row> segments = spark.read()
                .parquet(output.resolve("segments").toString())
                .selectExpr("segment_id", "size(top_terms)", "size(top_interests)")
                .collectAsList();
        assertTrue(segments.size() >= 15, "segments found from follows alone: " + segments.size());
        for (Row segment : segments) {
            assertEquals(0, segment.getInt(1), "no terms without the topics stage");
        }
        long accepted = spark.read()
                .parquet(output.resolve("accepted/accounts").toString())
                .count();
        assertEquals(
                accepted,
                spark.read().parquet(output.resolve("memberships").toString()).count());
    }
}
