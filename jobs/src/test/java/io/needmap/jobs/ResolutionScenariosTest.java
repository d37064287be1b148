package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import smile.validation.metric.AdjustedRandIndex;

/**
 * The resolution a team works at, through the real CLI on a graded audience (the generator's
 * {@code graded} preset: every account follows 3 to 5 neighbouring tastes with decaying weights, so
 * tastes shade into each other as in real audiences): k near the number of planted tastes, every
 * published segment stable, ids ranked by size.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ResolutionScenariosTest {
    private static final int TASTES = 12;

    @TempDir
    Path dir;

    /** Generates an audience into {@code dir/name} with {@code options}, runs it into {@code dir/name-out}. */
    private Path generateAndRun(String name, String... options) {
        Path input = dir.resolve(name);
        List<String> generate = new ArrayList<>(List.of("generate", "--output", input.toString()));
        generate.addAll(List.of(options));
        CliRun generated = CliRun.of(generate.toArray(String[]::new));
        assertEquals(0, generated.exitCode(), generated.err());
        Path output = dir.resolve(name + "-out");
        CliRun run =
                CliRun.of("run", "--input", input.toString(), "--output", output.toString(), "--master", "local[2]");
        assertEquals(0, run.exitCode(), run.err());
        return output;
    }

    @Test
    void aGradedAudienceGetsAboutItsTastesEachStableAndNumberedBySize() {
        Path output = generateAndRun(
                "graded",
                "--preset",
                "graded",
                "--accounts",
                "2500",
                "--segments",
                String.valueOf(TASTES),
                "--seed",
                "4");

        SparkSession spark = SampleRun.spark();
        List<Row> segments = spark.read()
                .parquet(output.resolve("segments").toString())
                .selectExpr("segment_id", "size", "suppressed", "stability")
                .orderBy("segment_id")
                .collectAsList();
        int k = segments.size();
        assertTrue(
                k >= Math.floor(0.7 * TASTES) && k <= Math.ceil(1.3 * TASTES),
                k + " segments for " + TASTES + " planted tastes: " + segments);
        long previousSize = Long.MAX_VALUE;
        for (Row segment : segments) {
            assertTrue(segment.getLong(1) <= previousSize, "segment ids are not ranked by size: " + segments);
            previousSize = segment.getLong(1);
            if (!segment.getBoolean(2)) {
                assertTrue(
                        !segment.isNullAt(3) && segment.getDouble(3) >= 0.75,
                        "a published segment that is not stable: " + segment);
            }
        }
    }

    /**
     * Bios alone, no follow: 10 planted needs (one each), bios of 5 to 15 words naming the need
     * through synonym groups among boilerplate and an open vocabulary (the generator's
     * {@code synonyms} text style), 5% empty. Two members of a need rarely share an exact word; their
     * term vectors bring them together, and boilerplate shared across needs must not make segments.
     */
    @Test
    void bioOnlyMembersOfTenNeedsGetASignalAndTheSegmentOfTheirNeed() {
        Path input = dir.resolve("bios");
        Path output = generateAndRun(
                "bios",
                "--preset",
                "graded",
                "--tastes",
                "single",
                "--omit",
                "follows-rows",
                "--empty-bios",
                "0.05",
                "--accounts",
                "2000",
                "--segments",
                "10",
                "--seed",
                "8");

        SparkSession spark = SampleRun.spark();
        List<Row> pairs = spark.read()
                .parquet(output.resolve("memberships").toString())
                .join(
                        spark.read()
                                .option("header", "true")
                                .csv(input.resolve("truth/memberships.csv").toString())
                                .withColumnRenamed("segment_id", "planted"),
                        "account_id")
                .selectExpr("segment_id", "cast(planted as int)")
                .collectAsList();
        List<Row> withSignal = pairs.stream().filter(r -> r.getInt(0) >= 0).toList();
        double share = (double) withSignal.size() / pairs.size();
        assertTrue(share >= 0.8, withSignal.size() + " of " + pairs.size() + " accounts with a signal");
        double ari = AdjustedRandIndex.of(
                withSignal.stream().mapToInt(r -> r.getInt(1)).toArray(),
                withSignal.stream().mapToInt(r -> r.getInt(0)).toArray());
        assertTrue(ari >= 0.7, "ARI " + ari + " on the accounts with a signal");
    }
}
