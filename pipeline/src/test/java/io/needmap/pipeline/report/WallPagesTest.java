package io.needmap.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import io.needmap.pipeline.profile.Ideation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The wall's ideation boxes, its escaping in the page and the PDF, and the PDF's pages. */
class WallPagesTest {
    private static final String SCRIPT = "<script>alert('x')</script>";
    /** A label beyond Latin-1, which the PDF's standard fonts would print as placeholders. */
    private static final String PETS = "Pets · Zwierzęta · Питомцы · Κατοικίδια";

    private static final StructType MAP = StructType.fromDDL("segment_id INT, x DOUBLE, y DOUBLE");
    private static final StructType FLAGS =
            StructType.fromDDL("account_id STRING, flag STRING, rules ARRAY<STRING>, score INT");

    /**
     * Segment 0 labelled with markup, served by an asset named with markup; segment 1 with a gap and a
     * partner; 4 accounts without signal and 3 flagged ones left out (segment -2), 2 spam and a bot.
     */
    private static WallData hostile() {
        Row deals = WallTables.segment(
                0,
                300,
                SCRIPT + " & Deals",
                "Bargain hunter",
                List.of(WallTables.interest("d1", "Coupons", 4.0)),
                List.of());
        Row pets = WallTables.segment(1, 200, PETS, null, List.of(), List.of());
        return WallData.of(new WallData.Tables(
                WallTables.segments(List.of(deals, pets, WallTables.suppressed(2, 20))),
                WallTables.overlap(List.of()),
                WallTables.demographics(List.of()),
                WallTables.memberships(Map.of(0, 300, 1, 200, 2, 20, -1, 4, -2, 3)),
                null,
                SparkTestSession.get()
                        .createDataFrame(List.of(RowFactory.create(0, 0.0, 1.0), RowFactory.create(1, 2.0, -1.0)), MAP),
                SparkTestSession.get()
                        .createDataFrame(
                                List.<Row>of(RowFactory.create(
                                        0, 1, "as1", SCRIPT + " & Co", 1.5, List.of("coupon", "Coupons"))),
                                Ideation.ASSETS),
                SparkTestSession.get()
                        .createDataFrame(
                                List.<Row>of(RowFactory.create(1, 1, "term", "kitten <3 & co", 5.0, 0.4)),
                                Ideation.GAPS),
                SparkTestSession.get()
                        .createDataFrame(
                                List.<Row>of(RowFactory.create(1, 1, "p1", "Cat <Café> & Co", "Pets", 6.0, 0.3)),
                                Ideation.PARTNERS),
                SparkTestSession.get()
                        .createDataFrame(
                                List.of(
                                        RowFactory.create("-2_0", "spam", List.of("repeated_text", "promo_posts"), 3),
                                        RowFactory.create("-2_1", "spam", List.of("repeated_text"), 3),
                                        RowFactory.create("-2_2", "bot", List.of("mass_following", "follow_ratio"), 3)),
                                FLAGS),
                Map.of("accounts", Map.of("read", 530L, "accepted", 520L, "rejected", 10L, "repaired_rows", 3L))));
    }

    @Test
    void everyInputStringIsEscapedInThePage() {
        String html = WallRendering.render(hostile());
        assertFalse(html.contains(SCRIPT), "no input string is markup");
        assertEquals(1, count(html, "<script>"), "the page's own script only");
        assertTrue(html.contains("<h2>&lt;script&gt;alert('x')&lt;/script&gt; &amp; Deals</h2>"), html);
        assertTrue(html.contains("<b>&lt;script&gt;alert('x')&lt;/script&gt; &amp; Co</b>"));
        assertTrue(html.contains("kitten &lt;3 &amp; co"));
        assertTrue(html.contains("Cat &lt;Café&gt; &amp; Co"));
    }

    @Test
    void cardsCarryTheThreeBoxesAndAnEmptyNotesArea() {
        String html = WallRendering.render(hostile());
        assertEquals(2, count(html, "<h3>Assets we have</h3>"), "one per published segment, none for the suppressed");
        assertEquals(2, count(html, "<h3>Notes</h3>"));
        assertTrue(html.contains("<span class=\"why\">covers coupon, Coupons</span>"));
        assertTrue(html.contains("No asset of ours covers what is distinctive here."), "segment 1 has no asset");
        assertTrue(html.contains("Every distinctive need has an asset."), "segment 0 has no gap");
        assertTrue(html.contains("<td>accounts</td><td class=\"num\">530</td>"), "data quality from the manifest");
        assertEquals(2, count(html, "<circle "), "the published segments on the map");
    }

    @Test
    void theDataQualityPanelCountsFlaggedAccountsApartFromThoseWithoutSignal() {
        WallData wall = hostile();
        DataQuality accounts = wall.accounts();
        assertEquals(527, accounts.accounts());
        assertEquals(3, accounts.flagged());
        assertEquals(3, accounts.flaggedLeftOut());
        assertEquals(4, accounts.withoutSignal(), "segment -1 only, not the flagged -2");
        assertEquals(20, accounts.inSuppressedSegments());
        assertEquals(500, accounts.inPublishedSegments());
        assertEquals(0, accounts.flaggedInPublishedSegments());
        assertEquals(Map.of("bot", 1L, "spam", 2L), accounts.flaggedByKind());
        assertEquals(
                List.of(
                        new WallData.AccountLine("accounts read", "527", ""),
                        new WallData.AccountLine("flagged bot, left out", "1", "follow_ratio 1, mass_following 1"),
                        new WallData.AccountLine("flagged spam, left out", "2", "repeated_text 2, promo_posts 1"),
                        new WallData.AccountLine("no usable follows or text", "4", ""),
                        new WallData.AccountLine("in suppressed segments", "20", ""),
                        new WallData.AccountLine("in published segments", "500", "")),
                wall.accountLines());
        assertTrue(
                wall.coverage()
                        .endsWith("4 accounts have no usable follows or text; 3 accounts flagged as bot, spam"
                                + " or inactive are left out)."),
                wall.coverage());
        assertTrue(wall.coverage().contains("cover 95% of the 527 accounts"), wall.coverage());
        assertTrue(wall.flagNote().contains("under segment -2"), wall.flagNote());
        assertTrue(
                WallRendering.render(wall)
                        .contains(
                                "<td>flagged spam, left out</td><td class=\"num\">2</td><td>repeated_text 2, promo_posts 1</td>"));
    }

    @Test
    void thePdfHasTheOverviewAndOnePagePerPublishedSegmentAndPrintsInputAsText() throws IOException {
        byte[] pdf = WallRendering.pdf(WallRendering.render(hostile()));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(3, document.getNumberOfPages(), "overview + 2 published segments");
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(SCRIPT + " & Co"), "markup printed as text: " + text);
            assertTrue(text.contains(PETS), "Polish, Cyrillic and Greek printed: " + text);
            String lower = text.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("assets we have") && lower.contains("partners to seek"), text);
            assertTrue(
                    text.replaceAll("\\s+", " ").contains("flagged spam, left out"), // wrapped in its cell
                    "the data-quality panel is printed: " + text);
        }
    }

    @Test
    void sixtySegmentsPrintSixtyOnePages() throws IOException {
        List<Row> segments = new ArrayList<>();
        List<Row> map = new ArrayList<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int id = 0; id < 60; id++) {
            List<Row> interests = new ArrayList<>();
            List<Row> terms = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                interests.add(WallTables.interest(
                        "lt_" + id + "_" + i, "A followed account with a long name " + i, 5.0 - i / 3.0));
                terms.add(WallTables.term("term number " + i, 4.0 - i / 4.0));
            }
            segments.add(WallTables.segment(id, 1000 - 10 * id, "Segment " + id, "need " + id % 9, interests, terms));
            map.add(RowFactory.create(id, Math.cos(id), Math.sin(id)));
            sizes.put(id, 100 - id);
        }
        WallData wall = WallData.of(new WallData.Tables(
                WallTables.segments(segments),
                WallTables.overlap(List.of()),
                WallTables.demographics(List.of()),
                WallTables.memberships(sizes),
                null,
                SparkTestSession.get().createDataFrame(map, MAP),
                null,
                null,
                null,
                null,
                null));
        try (PDDocument document = Loader.loadPDF(WallRendering.pdf(WallRendering.render(wall)))) {
            assertEquals(61, document.getNumberOfPages());
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
