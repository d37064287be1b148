package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

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
}
