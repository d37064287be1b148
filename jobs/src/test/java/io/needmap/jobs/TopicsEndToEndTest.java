package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the bundled sample: every planted segment, matched to the output segment
 * holding most of its members, lists among its top 10 terms a word of the vocabulary the
 * generator planted it with.
 */
class TopicsEndToEndTest {
    private static final Path SAMPLE = SampleRun.SAMPLE;

    @Test
    void everyPlantedSegmentIsExplainedByAPlantedWord() {
        Path out = SampleRun.output();
        SparkSession spark = SampleRun.spark();
        spark.read()
                .option("header", true)
                .csv(SAMPLE.resolve("truth/memberships.csv").toString())
                .createOrReplaceTempView("truth");
        spark.read().parquet(out.resolve("memberships").toString()).createOrReplaceTempView("found");
        spark.read().parquet(out.resolve("segments").toString()).createOrReplaceTempView("segments");
        Map<String, List<String>> topTermsByPlanted = spark
                .sql("select planted, transform(slice(top_terms, 1, 10), x -> x.term) from ("
                        + " select t.segment_id planted, f.segment_id found, row_number() over"
                        + " (partition by t.segment_id order by count(*) desc, f.segment_id) rank"
                        + " from truth t join found f using (account_id) group by t.segment_id, f.segment_id)"
                        + " join segments s on s.segment_id = found where rank = 1")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getList(1)));
        List<Row> planted = spark.read()
                .option("header", true)
                .csv(SAMPLE.resolve("truth/segments.csv").toString())
                .collectAsList();
        assertEquals(planted.size(), topTermsByPlanted.size());
        List<String> unexplained = new ArrayList<>();
        for (Row segment : planted) {
            Set<String> words = new HashSet<>();
            for (String entry :
                    segment.getString(segment.fieldIndex("vocabulary")).split(";")) {
                words.add(entry);
                words.addAll(Arrays.asList(entry.split("[ -]")));
            }
            List<String> top = topTermsByPlanted.get(segment.getString(0));
            if (top.stream().noneMatch(t -> words.contains(t) || words.contains(t + "s"))) {
                unexplained.add(segment.getString(1) + ": " + top);
            }
        }
        assertTrue(unexplained.isEmpty(), "segments without a planted word in their top 10 terms: " + unexplained);
    }

    /**
     * Next week's export holds a twentieth of this week's accounts with their follows and posts: a run
     * with {@code --previous} reads every one of their texts from the sample run's term cache, tags
     * none, and gets the terms the sample run got.
     */
    @Test
    void aScheduledRunTagsNoTextThePreviousRunTagged(@TempDir Path dir) throws IOException {
        Path previous = SampleRun.output();
        SparkSession spark = SampleRun.spark();
        Path input = dir.resolve("in");
        String kept = "pmod(hash(account_id), 20) = 0";
        for (String table : List.of("accounts", "follows", "posts")) {
            CsvSubset.write(spark, SAMPLE, table, kept, input, dir);
        }
        Files.copy(SAMPLE.resolve("interests.csv"), input.resolve("interests.csv"));
        Path output = dir.resolve("out");
        CliRun run = CliRun.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--master",
                "local[2]",
                "--previous",
                previous.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode cache = new ObjectMapper()
                .readTree(output.resolve("manifest.json").toFile())
                .at("/topics/term_cache");
        assertEquals(0, cache.path("texts_tagged").asLong(-1), cache.toString());
        assertTrue(cache.path("texts_from_cache").asLong() > 100, cache.toString());
        Dataset<Row> terms =
                spark.read().parquet(output.resolve("account_terms").toString());
        Dataset<Row> before = spark.read()
                .parquet(previous.resolve("account_terms").toString())
                .join(terms.select("account_id").distinct(), "account_id");
        assertTrue(terms.count() > 0);
        assertEquals(
                0,
                terms.exceptAll(before.selectExpr(terms.columns())).count(),
                "the cached texts' terms are the sample run's");
    }
}
