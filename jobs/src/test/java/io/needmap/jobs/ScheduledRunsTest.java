package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled runs through the real CLI on a generated audience (1,200 accounts, 8 planted segments,
 * follows only): {@code assign} with the saved model reproduces the run, a second run on a perturbed
 * audience with {@code --previous} keeps segment ids and a team's labels, and forcing one segment
 * more or fewer shows up as a split or a merge in {@code segment_lineage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledRunsTest {
    private static final String LABEL = "Our biggest, loudest fans";

    @TempDir
    static Path dir;

    private Path input;
    private Path first;
    private double runSeconds;

    @BeforeAll
    void firstRun() throws IOException {
        input = dir.resolve("in");
        first = dir.resolve("first");
        CliRun generated = CliRun.of(
                "generate",
                "--output",
                input.toString(),
                "--accounts",
                "1200",
                "--segments",
                "8",
                "--seed",
                "11",
                "--mean-follows",
                "40",
                "--posts",
                "1",
                "--dirty-rate",
                "0");
        assertEquals(0, generated.exitCode(), generated.err());
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "segment_id,label\n0,\"" + LABEL + "\"\n");
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                first.toString(),
                "--master",
                "local[2]",
                "--set",
                "topics.enabled=false",
                "--labels",
                labels.toString());
        runSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void assignOnTheTrainingInputReproducesTheRun() {
        Path placed = dir.resolve("assigned");
        long start = System.nanoTime();
        CliRun assign = CliRun.of(
                "assign",
                "--model",
                first.resolve("model").toString(),
                "--input",
                input.toString(),
                "--output",
                placed.toString(),
                "--master",
                "local[2]");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, assign.exitCode(), assign.err());
        SparkSession spark = SampleRun.spark();
        Dataset<Row> run = memberships(spark, first);
        long accounts = run.count();
        long same = run.join(memberships(spark, placed), "account_id")
                .filter("a.segment_id = b.segment_id")
                .count();
        System.out.printf(
                "assign: %d accounts in %.1f s (%.0f accounts/s); the run took %.1f s (%.0f accounts/s)%n",
                accounts, seconds, accounts / seconds, runSeconds, accounts / runSeconds);
        assertEquals(accounts, same, "every account of the training run is placed in its segment");
        List<Row> segments = spark.read()
                .parquet(placed.resolve("segments").toString())
                .filter("label_source = 'user'")
                .select("segment_id", "label")
                .collectAsList();
        assertEquals(List.of(0), segments.stream().map(r -> r.getInt(0)).toList());
        assertEquals(LABEL, segments.get(0).getString(1), "the saved labels come with the saved segments");
    }

    @Test
    void secondRunOnAPerturbedAudienceKeepsIdsAndLabels() throws IOException {
        Path perturbed = dir.resolve("in2");
        perturb(SampleRun.spark(), perturbed);
        Path second = dir.resolve("second");
        CliRun run = CliRun.of(
                "run",
                "--input",
                perturbed.toString(),
                "--output",
                second.toString(),
                "--master",
                "local[2]",
                "--set",
                "topics.enabled=false",
                "--set",
                "run.row-count-warning-factor=1.05",
                "--previous",
                first.toString());
        assertEquals(0, run.exitCode(), run.err());

        SparkSession spark = SampleRun.spark();
        Dataset<Row> both = memberships(spark, first)
                .join(memberships(spark, second), "account_id")
                .filter("a.segment_id >= 0 and b.segment_id >= 0");
        long common = both.count();
        double kept = (double) both.filter("a.segment_id = b.segment_id").count() / common;
        System.out.printf(
                "id stability: %.1f%% of %d accounts in both runs keep their segment id%n", 100 * kept, common);
        assertTrue(kept >= 0.9, "share of accounts keeping their segment id: " + kept);

        Map<String, Long> transitions = lineage(spark, second).stream()
                .collect(Collectors.groupingBy(r -> r.<String>getAs("transition"), Collectors.counting()));
        assertTrue(transitions.getOrDefault("survived", 0L) >= 7, "transitions " + transitions);
        Row labelled = spark.read()
                .parquet(second.resolve("segments").toString())
                .filter("segment_id = 0")
                .first();
        assertEquals(LABEL, labelled.getAs("label"), "the team's label carries over to the surviving segment");
        assertEquals("user", labelled.getAs("label_source"));

        String manifest = Files.readString(second.resolve("manifest.json"));
        assertTrue(
                manifest.matches("(?s).*\"previous_accepted\"\\s*:\\s*1200.*"), "previous counts next to this run's");
        assertTrue(
                manifest.matches(
                        "(?s).*\"warnings\"\\s*:\\s*\\[\\s*\"accounts: 1,0\\d\\d accepted rows against 1,200.*"),
                "accounts dropped by ~10% exceed the factor 1.05");
        String wall = Files.readString(second.resolve("report/index.html"));
        assertTrue(wall.contains("Since the previous run"), "the wall lists what changed");
        assertTrue(wall.contains("since the previous run: "), "each card says how its segment changed");
        assertTrue(wall.contains("label written by your team"));
    }

    /**
     * One segment more cuts one previous segment in two: the new segment's members come from one
     * previous segment, and every other segment survives whole. The lineage calls it a split when
     * both parts hold at least {@code SegmentLineage.SPLIT_PART} of it, else the larger part
     * survives and the smaller emerges; which of the two depends on where the cut falls, so both
     * are accepted here and the cut itself is checked on the memberships. One fewer is a merge.
     */
    @Test
    void oneSegmentMoreIsASplitAndOneFewerAMerge() throws IOException {
        int k = (int) memberships(SampleRun.spark(), first)
                .filter("a.segment_id >= 0")
                .select("a.segment_id")
                .distinct()
                .count();
        List<String> more = refitWith(k + 1, "more");
        assertTrue(more.isEmpty() || more.equals(List.of("split")), "one more segment: " + more);
        SparkSession spark = SampleRun.spark();
        List<Row> flows = memberships(spark, first)
                .join(memberships(spark, dir.resolve("more")), "account_id")
                .filter("a.segment_id <> b.segment_id")
                .groupBy("a.segment_id")
                .count()
                .collectAsList();
        assertEquals(1, flows.size(), "the accounts that changed segment all came from one segment: " + flows);
        assertTrue(flows.get(0).getLong(1) >= 25, "the new segment is a real part of it: " + flows);
        assertEquals(List.of("merged"), refitWith(k - 1, "fewer"));
    }

    /** The transitions other than survived when the first run's features are refitted into k segments. */
    private List<String> refitWith(int k, String name) throws IOException {
        Path refit = dir.resolve(name);
        TestFolders.copy(first, refit);
        CliRun segment = CliRun.of(
                "segment",
                "--output",
                refit.toString(),
                "--master",
                "local[2]",
                "--segments",
                String.valueOf(k),
                "--previous",
                first.toString());
        assertEquals(0, segment.exitCode(), segment.err());
        return lineage(SampleRun.spark(), refit).stream()
                .map(r -> r.<String>getAs("transition"))
                .filter(t -> !t.equals("survived") && !t.equals("emerged"))
                .distinct()
                .toList();
    }

    private static List<Row> lineage(SparkSession spark, Path output) {
        return spark.read()
                .parquet(output.resolve("segment_lineage").toString())
                .collectAsList();
    }

    /** {@code account_id, segment_id} of a run, aliased {@code a} for the first run and {@code b} for another. */
    private Dataset<Row> memberships(SparkSession spark, Path output) {
        return spark.read()
                .parquet(output.resolve("memberships").toString())
                .select("account_id", "segment_id")
                .as(output.equals(first) ? "a" : "b");
    }

    /** The first audience with every tenth account (by hash) gone and every tenth remaining follow dropped. */
    private void perturb(SparkSession spark, Path target) throws IOException {
        Files.createDirectories(target);
        CsvSubset.write(spark, input, "accounts", "pmod(hash(account_id), 10) <> 0", target, dir);
        CsvSubset.write(spark, input, "follows", "pmod(hash(account_id, followed_id, 1), 10) <> 0", target, dir);
        Files.copy(input.resolve("interests.csv"), target.resolve("interests.csv"));
        Files.copy(input.resolve("posts.csv"), target.resolve("posts.csv"));
    }
}
