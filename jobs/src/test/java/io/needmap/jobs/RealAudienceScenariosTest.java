package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Audiences shaped like real exports (the generator's realistic preset: a long tail followed once,
 * secondary needs, non-repeating text, empty bios), through the real CLI: what the segment count and
 * the merges must do on them, not on the clean planted audience of the bundled sample; and, on the
 * 60/40 audience's run with topics off, what a run without topics does.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RealAudienceScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** The 60/40 audience's run with topics off, shared by the tests that read it. */
    private static Path followsOnly;

    private Path generate(String name, String... options) {
        Path input = dir.resolve(name);
        String[] args = new String[options.length + 3];
        args[0] = "generate";
        args[1] = "--output";
        args[2] = input.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        CliRun generated = CliRun.of(args);
        assertEquals(0, generated.exitCode(), generated.err());
        return input;
    }

    private Path run(Path input, String... settings) {
        Path output = dir.resolve(input.getFileName() + "-out");
        List<String> args = new java.util.ArrayList<>(
                List.of("run", "--input", input.toString(), "--output", output.toString(), "--master", "local[2]"));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return output;
    }

    @Test
    void aFewHundredAccountsArePublishedInSegmentsAboveTheFloor() {
        Path input = generate("small", "--preset", "realistic", "--accounts", "400", "--segments", "6", "--seed", "21");
        Path output = run(input);
        SparkSession spark = SampleRun.spark();
        List<Row> segments = spark.read()
                .parquet(output.resolve("segments").toString())
                .selectExpr("size", "suppressed", "label")
                .collectAsList();
        long accounts =
                spark.read().parquet(output.resolve("memberships").toString()).count();
        long published = 0;
        for (Row segment : segments) {
            assertTrue(segment.getLong(0) >= 25, "a segment under the privacy floor of 25 was produced: " + segments);
            assertTrue(!segment.getBoolean(1), "suppressed: " + segments);
            assertTrue(!segment.getString(2).matches("Segment \\d+"), "a label that says nothing: " + segment);
            published += segment.getLong(0);
        }
        assertTrue(
                segments.size() >= 2 && segments.size() <= 400 / 25,
                "k within the audience's bounds: " + segments.size());
        assertTrue(published >= 0.9 * accounts, published + " of " + accounts + " accounts in published segments");
    }

    /**
     * The 60/40 case as well: 35% of the big need's members also follow a small need for a third of
     * their follows. They are a group as tight as any need, and without the blend test they were a
     * segment of their own; they belong to their main need.
     */
    @Test
    void oneNeedOfAFifthOfTheAudienceIsOneSegmentWithItsMembersWhoAlsoFollowASmallNeed() {
        assertDominantNeedIsOneSegment(dir.resolve("dominant"), followsOnlyRun());
    }

    private Path followsOnlyRun() {
        if (followsOnly == null) {
            followsOnly =
                    run(dominantNeedAudience("dominant", "0", "100", "--split-need", "0.35"), "topics.enabled=false");
        }
        return followsOnly;
    }

    /**
     * {@code topics.enabled=false} (on the 60/40 audience's run above): the topics stage really is
     * skipped (no text read, no terms written, the manifest says why), the run segments on follows
     * alone, and the stage run again in place removes the term tables an earlier run left in the
     * output folder, so no later stage reads stale terms.
     */
    @Test
    void aRunWithoutTopicsSegmentsOnFollowsAloneAndRemovesOldTerms() throws IOException {
        Path output = followsOnlyRun();
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
        assertTrue(segments.size() >= 10, "segments of 12 planted needs from follows alone: " + segments.size());
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

    /**
     * The same with bios and posts read: half of the dominant need's words are two-word phrases
     * ("cloud computing"), and a phrase that weighed as four terms split the need by who wrote it.
     */
    @Test
    void oneNeedOfAFifthOfTheAudienceIsOneSegmentWithTheirWordsRead() {
        Path input = dominantNeedAudience("dominant-text", "3", "40");
        assertDominantNeedIsOneSegment(input, run(input));
    }

    private Path dominantNeedAudience(String name, String posts, String meanFollows, String... more) {
        List<String> options = new java.util.ArrayList<>(List.of(
                "--preset",
                "realistic",
                "--accounts",
                "1500",
                "--segments",
                "12",
                "--dominant-share",
                "0.2",
                "--seed",
                "5",
                "--posts",
                posts,
                "--mean-follows",
                meanFollows,
                "--niche-share",
                "0.2"));
        options.addAll(List.of(more));
        return generate(name, options.toArray(String[]::new));
    }

    private static void assertDominantNeedIsOneSegment(Path input, Path output) {
        SparkSession spark = SampleRun.spark();
        Dataset<Row> truth = spark.read()
                .option("header", "true")
                .csv(input.resolve("truth/memberships.csv").toString())
                .withColumnRenamed("segment_id", "planted");
        List<Row> pairs = spark.read()
                .parquet(output.resolve("memberships").toString())
                .join(truth, "account_id")
                .selectExpr("segment_id", "cast(planted as int)")
                .collectAsList();
        int[] found = pairs.stream().mapToInt(r -> r.getInt(0)).toArray();
        int[] planted = pairs.stream().mapToInt(r -> r.getInt(1)).toArray();
        Map<Integer, Integer> dominantIn = new HashMap<>();
        for (int i = 0; i < found.length; i++) {
            if (planted[i] == 0) {
                dominantIn.merge(found[i], 1, Integer::sum);
            }
        }
        int largestShare =
                dominantIn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long dominant = java.util.Arrays.stream(planted).filter(p -> p == 0).count();
        assertTrue(largestShare >= 0.95 * dominant, "the dominant need is split: " + dominantIn);
        double ari = AdjustedRandIndex.of(planted, found);
        assertTrue(ari >= 0.95, "ARI " + ari);
    }
}
