package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wall's ideation boxes on the bundled sample, whose generated {@code assets} table serves two
 * needs in three ({@code truth/assets.csv}), leaves every third need without an asset and adds three
 * generic assets that serve none. Each planted need is matched to the output segment holding most of
 * its members.
 */
class WallEndToEndTest {
    private static final Path SAMPLE = SampleRun.SAMPLE;
    private static Path out;
    private static SparkSession spark;
    /** Output segment → the planted need holding most of its members. */
    private static Map<Integer, Integer> plantedOf;
    /** Planted need → its asset, for the needs that have one. */
    private static Map<Integer, String> assetOf;

    @BeforeAll
    static void run() {
        out = SampleRun.output();
        spark = SampleRun.spark();
        spark.read()
                .option("header", true)
                .csv(SAMPLE.resolve("truth/memberships.csv").toString())
                .createOrReplaceTempView("wall_truth");
        spark.read().parquet(out.resolve("memberships").toString()).createOrReplaceTempView("wall_found");
        plantedOf = spark
                .sql("select found, planted from (select f.segment_id found, cast(t.segment_id as int) planted,"
                        + " row_number() over (partition by f.segment_id order by count(*) desc, t.segment_id) rank"
                        + " from wall_truth t join wall_found f using (account_id) where f.segment_id >= 0"
                        + " group by f.segment_id, t.segment_id) where rank = 1")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getInt(1)));
        assetOf = spark
                .read()
                .option("header", true)
                .csv(SAMPLE.resolve("truth/assets.csv").toString())
                .filter("segment_id >= 0")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> Integer.parseInt(r.getString(1)), r -> r.getString(0)));
    }

    private static Map<Integer, List<Row>> bySegment(String table) {
        return spark
                .read()
                .parquet(out.resolve(table).toString())
                .orderBy("segment_id", "rank")
                .collectAsList()
                .stream()
                .collect(Collectors.groupingBy(r -> r.getInt(0)));
    }

    @Test
    void theRightAssetComesFirstAndNoGenericAssetEver() {
        Map<Integer, List<Row>> assets = bySegment("segment_assets");
        List<String> wrong = new ArrayList<>();
        int covered = 0;
        for (Map.Entry<Integer, Integer> segment : plantedOf.entrySet()) {
            List<Row> listed = assets.getOrDefault(segment.getKey(), List.of());
            String first = listed.isEmpty() ? null : listed.get(0).getString(2);
            assertTrue(first == null || !first.startsWith("as_g"), "generic asset first for " + segment);
            String expected = assetOf.get(segment.getValue());
            if (expected != null) {
                covered++;
                if (!expected.equals(first)) {
                    wrong.add(segment + ": " + listed);
                }
            }
        }
        assertTrue(covered >= 10, covered + " segments of covered needs");
        assertTrue(wrong.size() <= 0.1 * covered, "the right asset first for >= 90% of covered needs: " + wrong);
        assertEquals(
                0,
                assets.values().stream()
                        .flatMap(List::stream)
                        .filter(r -> r.getString(2).startsWith("as_g"))
                        .count(),
                "generic assets cover nothing distinctive");
    }

    @Test
    void uncoveredNeedsShowTheirWordsAsGaps() throws IOException {
        Map<Integer, List<Row>> gaps = bySegment("segment_gaps");
        Map<String, String> vocabulary = Files.readAllLines(SAMPLE.resolve("truth/segments.csv")).stream()
                .skip(1)
                .map(line -> line.split(","))
                .collect(Collectors.toMap(f -> f[0], f -> f[f.length - 1]));
        int uncovered = 0;
        for (Map.Entry<Integer, Integer> segment : plantedOf.entrySet()) {
            if (!assetOf.containsKey(segment.getValue())) {
                uncovered++;
                List<String> words = List.of(
                        vocabulary.get(String.valueOf(segment.getValue())).split(";"));
                List<Row> listed = gaps.getOrDefault(segment.getKey(), List.of());
                assertTrue(
                        listed.stream()
                                .anyMatch(g -> "term".equals(g.getString(2))
                                        && words.stream()
                                                .anyMatch(w -> g.getString(3).contains(w))),
                        "need " + segment.getValue() + "'s words among its gaps: " + listed);
            }
        }
        assertTrue(uncovered >= 4, uncovered + " segments of uncovered needs");
    }

    @Test
    void theFirstPartnerIsFromTheSegmentsNicheNeverTheBackboneNorTheBrandsOwn() {
        Map<Integer, List<Row>> partners = bySegment("segment_partners");
        List<String> own = new ArrayList<>();
        spark.read()
                .option("header", true)
                .csv(SAMPLE.resolve("assets.csv").toString())
                .filter("followed_id is not null")
                .collectAsList()
                .forEach(r -> own.add(r.getString(r.fieldIndex("followed_id"))));
        assertTrue(!own.isEmpty());
        for (Map.Entry<Integer, Integer> segment : plantedOf.entrySet()) {
            List<Row> listed = partners.get(segment.getKey());
            assertTrue(listed != null && !listed.isEmpty(), "segment " + segment + " has partners");
            String first = listed.get(0).getString(2);
            assertTrue(
                    first.startsWith(String.format(Locale.ROOT, "n%03d_", segment.getValue())),
                    "segment " + segment + "'s first partner " + first + " is from its niche");
            listed.forEach(p ->
                    assertTrue(!p.getString(2).startsWith("bb_") && !own.contains(p.getString(2)), "partner " + p));
        }
    }

    @Test
    void theWallPrintsTheOverviewAndOnePagePerPublishedSegment() throws IOException {
        long published = spark.read()
                .parquet(out.resolve("segments").toString())
                .filter("not suppressed")
                .count();
        try (PDDocument pdf = Loader.loadPDF(out.resolve("report/wall.pdf").toFile())) {
            assertEquals(published + 1, pdf.getNumberOfPages());
        }
        String html = Files.readString(out.resolve("report/index.html"));
        assertEquals(published, html.split("<h3>Partners to seek</h3>", -1).length - 1);
        assertEquals(
                published,
                spark.read().parquet(out.resolve("segment_map").toString()).count(),
                "every published segment on the map");
    }
}
