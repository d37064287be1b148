package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shape of export finishes through the real CLI: accounts and follows alone, all four tables,
 * posts next to a header-only interests table, follows header-only (segments from text alone), and
 * no text anywhere (accounts as JSON Lines). So interests are absent with and without posts, posts
 * absent, and interests and follows each header-only; the bundled sample (EndToEndTest) adds dirt to
 * all four tables. All shapes are cut from one small generated audience ({@link SmallAudience}: 300
 * accounts, 5 planted segments of 60: above the privacy floor of 25, so each shape publishes
 * segments; what is checked holds for any size). A missing optional table must never block, hang or
 * fail a stage, so each test has a hard timeout: a hang fails it instead of hanging CI (a hang
 * guard, not a speed target: one run takes about a minute on 2 busy cores, the first one more). A run still hanging after its test timed out keeps the JVM's Spark context, so
 * the tests after it fail too: read the first failure.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportShapesTest {
    private static final String ACCOUNTS = "accounts";
    private static final String FOLLOWS = "follows";
    private static final String INTERESTS = "interests";
    private static final String POSTS = "posts";
    private static final List<String> TABLES = List.of(ACCOUNTS, FOLLOWS, INTERESTS, POSTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER_REFERENCE = "needmap.cluster-reference";

    @TempDir
    static Path dir;

    /** The run {@link CrashSafetyTest} kills and resumes, too ({@link SmallAudience}). */
    @Test
    void accountsAndFollows() throws IOException {
        assertFinished(SmallAudience.accountsAndFollows().output(), Set.of(ACCOUNTS, FOLLOWS), Set.of("bio"));
    }

    @Test
    void allFourTables() throws IOException {
        Path input = shape("all-four", ACCOUNTS, FOLLOWS, INTERESTS, POSTS);
        Path out = run(input);
        assertFinished(out, Set.of(ACCOUNTS, FOLLOWS, INTERESTS, POSTS), Set.of("bio", "post", "interest"));
        keepForClusterCheck(input, out);
    }

    /**
     * Keeps this local run for {@code scripts/test}'s cluster check, which runs the same input with
     * the same settings on a standalone cluster and requires these memberships: its input, output and
     * settings ({@code run-args}, one per line) go to the folder the {@value #CLUSTER_REFERENCE}
     * property names (the jobs module's {@code target/cluster-reference}); nothing when it is unset.
     */
    private static void keepForClusterCheck(Path input, Path out) throws IOException {
        String reference = System.getProperty(CLUSTER_REFERENCE);
        if (reference == null) {
            return;
        }
        Path kept = Path.of(reference);
        TestFolders.delete(kept);
        TestFolders.copy(input, kept.resolve("input"));
        TestFolders.copy(out, kept.resolve("output"));
        Files.write(kept.resolve("run-args"), SmallAudience.RUN_SETTINGS);
    }

    /**
     * Posts next to an interests table with a header and no row, as an export tool writes when it
     * knows nothing about the followed accounts: topics observes no interest text and must not wait
     * for its counts. (Interests absent with posts present is {@link
     * #headerOnlyFollowsSegmentsFromTextAlone}; posts absent is {@link #accountsAndFollows}.)
     */
    @Test
    void postsWithHeaderOnlyInterests() throws IOException {
        Path input = shape("posts-header-only-interests", ACCOUNTS, FOLLOWS, POSTS);
        Files.writeString(input.resolve("interests.csv"), "followed_id,name,category,description\n");
        Path out = run(input);
        JsonNode manifest = assertFinished(out, Set.of(ACCOUNTS, FOLLOWS, INTERESTS, POSTS), Set.of("bio", "post"));
        assertEquals(0, manifest.at("/tables/interests/read").asLong(), "a header-only table has no rows");
        // Text counts that never come are waited for 2 minutes (TermTagging.ARRIVAL), then recorded as 0.
        double topicsSeconds = manifest.at("/stage_seconds/topics").asDouble();
        assertTrue(
                topicsSeconds < 120, "topics waited for interest text counts that never come: " + topicsSeconds + " s");
    }

    /** No follow at all: the segments come from bios and posts alone. */
    @Test
    void headerOnlyFollowsSegmentsFromTextAlone() throws IOException {
        Path input = shape("header-only-follows", ACCOUNTS, POSTS);
        Files.writeString(input.resolve("follows.csv"), "account_id,followed_id\n");
        Path out = run(input);
        JsonNode manifest = assertFinished(out, Set.of(ACCOUNTS, FOLLOWS, POSTS), Set.of("bio", "post"), spark -> {
            Dataset<Row> withTerms = spark.read()
                    .parquet(out.resolve("account_terms").toString())
                    .select("account_id")
                    .distinct();
            Dataset<Row> memberships =
                    spark.read().parquet(out.resolve("memberships").toString());
            long termAccounts = withTerms.count();
            long segmentedWithTerms = memberships
                    .filter("segment_id >= 0")
                    .join(withTerms, "account_id")
                    .count();
            assertTrue(termAccounts > 0, "bios and posts give terms");
            assertTrue(
                    segmentedWithTerms >= 0.8 * termAccounts,
                    "accounts with terms get segments from text alone: " + segmentedWithTerms + " of " + termAccounts);
            assertEquals(
                    0,
                    memberships
                            .filter("segment_id >= 0")
                            .join(withTerms, "account_id", "left_anti")
                            .count(),
                    "without follows only accounts with terms have a signal");
            assertTrue(
                    spark.read()
                                    .parquet(out.resolve("segments").toString())
                                    .filter("not suppressed and size(top_terms) > 0")
                                    .count()
                            > 0,
                    "segments described by terms");
        });
        assertEquals(0, manifest.at("/tables/follows/read").asLong(), "a header-only table has no rows");
    }

    /**
     * Bios blank, no posts, no interests, topics enabled: the stage finds nothing and the run goes on.
     * The accounts come as JSON Lines next to follows in CSV, each format told by its extension.
     */
    @Test
    void noTextAnywhereSegmentsFromFollows() throws IOException {
        Path input = shape("no-text", FOLLOWS);
        toJsonLines(SmallAudience.generated().resolve("accounts.csv"), input.resolve("accounts.jsonl"), "bio");
        Path out = run(input);
        JsonNode manifest = assertFinished(out, Set.of(ACCOUNTS, FOLLOWS), Set.of("bio"), spark -> {
            long accepted = spark.read()
                    .parquet(out.resolve("accepted/accounts").toString())
                    .count();
            long segmented = spark.read()
                    .parquet(out.resolve("memberships").toString())
                    .filter("segment_id >= 0")
                    .count();
            assertTrue(segmented >= 0.9 * accepted, "segments from follows: " + segmented + " of " + accepted);
            assertEquals(
                    0,
                    spark.read()
                            .parquet(out.resolve("segments").toString())
                            .filter("size(top_terms) > 0")
                            .count(),
                    "no terms without text");
        });
        long accounts = manifest.at("/tables/accounts/accepted").asLong();
        assertEquals(accounts, manifest.at("/topics/texts/bio/empty").asLong(), "every bio is empty");
        assertEquals(0, manifest.at("/topics/accounts_with_terms").asLong());
    }

    /** An input folder holding copies of the named generated tables. */
    private static Path shape(String name, String... tables) throws IOException {
        return SmallAudience.shape(dir.resolve("in"), name, tables);
    }

    private static Path run(Path input) {
        Path out = dir.resolve("out").resolve(input.getFileName().toString());
        CliRun run = CliRun.of(SmallAudience.runArgs(input, out));
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    private static JsonNode assertFinished(Path out, Set<String> present, Set<String> textSources) throws IOException {
        return assertFinished(out, present, textSources, spark -> {});
    }

    /**
     * What every finished run must show: every row of the tables present accounted for (and no
     * entry for the absent ones), one membership per accepted account, a published segment, the
     * report, and text counts for exactly the text sources present; then the shape's own checks, in
     * the same Spark session.
     */
    private static JsonNode assertFinished(
            Path out, Set<String> present, Set<String> textSources, Consumer<SparkSession> shapeChecks)
            throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        Path input = Path.of(manifest.at("/input").asText());
        long accounts = manifest.at("/tables/accounts/accepted").asLong();
        SparkSession spark = SampleRun.spark();
        for (String table : TABLES) {
            JsonNode counts = manifest.at("/tables/" + table);
            if (!present.contains(table)) {
                assertTrue(counts.isMissingNode(), "no entry for absent table " + table + ": " + counts);
                assertFalse(Files.exists(out.resolve("accepted").resolve(table)), "no accepted " + table);
                continue;
            }
            long read = counts.at("/read").asLong(-1);
            long accepted = counts.at("/accepted").asLong(-1);
            long rejected = counts.at("/rejected").asLong(-1);
            assertEquals(records(input, table), read, table + ": every record of the input is read");
            assertEquals(read, accepted + rejected, table + ": read = accepted + rejected");
            assertEquals(
                    accepted,
                    spark.read()
                            .parquet(out.resolve("accepted").resolve(table).toString())
                            .count(),
                    table + ": accepted rows");
        }
        Dataset<Row> memberships =
                spark.read().parquet(out.resolve("memberships").toString());
        assertEquals(accounts, memberships.count(), "one membership per accepted account");
        assertEquals(
                0,
                spark.read()
                        .parquet(out.resolve("accepted/accounts").toString())
                        .select("account_id")
                        .except(memberships.select("account_id"))
                        .count(),
                "every account a row");
        assertTrue(
                spark.read()
                                .parquet(out.resolve("segments").toString())
                                .filter("not suppressed")
                                .count()
                        > 0,
                "at least one published segment");
        shapeChecks.accept(spark);
        assertTrue(Files.size(out.resolve("report/index.html")) > 0, "the report");

        JsonNode texts = manifest.at("/topics/texts");
        assertTrue(texts.isObject(), "topics ran: " + manifest.at("/topics"));
        Set<String> sources = new HashSet<>();
        texts.fieldNames().forEachRemaining(sources::add);
        assertEquals(textSources, sources, "text counts only for the sources present");
        assertTrue(Files.isDirectory(out.resolve("account_terms")), "account_terms written");
        assertEquals(
                present.contains(INTERESTS),
                Files.isDirectory(out.resolve("interest_terms")),
                "interest_terms exactly when interests exist");
        assertEquals(accounts, texts.at("/bio/texts").asLong(), "one bio per accepted account");
        if (present.contains(POSTS)) {
            long posts = manifest.at("/tables/posts/accepted").asLong();
            long postTexts = texts.at("/post/texts").asLong();
            assertTrue(postTexts > 0 && postTexts <= posts, "post texts " + postTexts + " of " + posts + " posts");
        }
        if (present.contains(INTERESTS)) {
            long interests = manifest.at("/tables/interests/accepted").asLong();
            long tagged = texts.path("interest").path("texts").asLong(0);
            assertEquals(textSources.contains("interest"), tagged > 0, "interests tagged: " + tagged);
            assertEquals(
                    interests,
                    tagged + manifest.at("/topics/interests_skipped/rows").asLong(),
                    "every accepted interest tagged or skipped");
        } else {
            assertTrue(manifest.at("/topics/interests_skipped").isMissingNode());
        }
        return manifest;
    }

    /** Records of an input table (CSV by RFC 4180, quoted newlines inside a record; JSON Lines by line). */
    private static long records(Path input, String table) throws IOException {
        Path jsonl = input.resolve(table + ".jsonl");
        if (Files.exists(jsonl)) {
            return Files.readAllLines(jsonl).stream().filter(l -> !l.isBlank()).count();
        }
        long n = 0;
        try (Reader reader = Files.newBufferedReader(input.resolve(table + ".csv"))) {
            CsvParser parser = parser();
            parser.beginParsing(reader);
            while (parser.parseNext() != null) {
                n++;
            }
        }
        return n;
    }

    private static CsvParser parser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        return new CsvParser(settings);
    }

    private static List<String[]> readCsv(Path file, List<String> header) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            CsvParser parser = parser();
            List<String[]> rows = parser.parseAll(reader);
            header.addAll(List.of(parser.getRecordMetadata().headers()));
            return rows;
        }
    }

    /** A CSV table as JSON Lines, with the {@code blank} column empty in every record. */
    private static void toJsonLines(Path from, Path to, String blank) throws IOException {
        List<String> header = new ArrayList<>();
        List<String[]> rows = readCsv(from, header);
        try (BufferedWriter writer = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (String[] row : rows) {
                Map<String, String> record = new LinkedHashMap<>();
                for (int i = 0; i < row.length && i < header.size(); i++) {
                    record.put(header.get(i), header.get(i).equals(blank) ? "" : row[i]);
                }
                writer.write(JSON.writeValueAsString(record));
                writer.newLine();
            }
        }
    }
}
