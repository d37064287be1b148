package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.profile.NeedLabeler.Evidence;
import io.needmap.pipeline.profile.NeedLabeler.Label;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class NeedLabelerTest {
    private static final NeedTaxonomy TAXONOMY = NeedTaxonomy.parse(stream("""
            needs:
              - name: Bargain hunter
                description: "Price-driven shoppers."
                keywords: [deals, coupon, discount]
              - name: Pet lover
                description: "Owners of pets."
                keywords: [dogs, cat, pet care]
            """), "test");

    @Test
    void labelsWithTheNeedMatchingMostOfTheWeightedEvidence() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.3)
                .label(List.of(
                        Evidence.interest(7, "cc", "Coupon Club", "Deals", "Everything about coupons", 1.0),
                        Evidence.interest(7, "dd", "Discount Daily", null, null, 0.8),
                        Evidence.interest(7, "cat", "Cat Cafe", "Pets", null, 0.2)));
        assertEquals(1, labels.size());
        assertEquals("Bargain hunter", labels.get(0).label());
        assertEquals("Bargain hunter", labels.get(0).need());
        assertEquals(0.9, labels.get(0).needScore(), 1e-9);
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        // "cat" must not match "education" nor "deals" match "ideals".
        Label label = new NeedLabeler(TAXONOMY, 0.3)
                .label(List.of(Evidence.interest(1, "edu", "Education Now", null, "ideals", 1.0)))
                .get(0);
        assertNull(label.need());
    }

    @Test
    void withoutANeedTheLabelIsBuiltFromCategoriesThenTermsNeverFromIds() {
        Label label = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(3, "lt_00123", null, "Photography", null, 1.0),
                        Evidence.interest(3, "lt_00124", null, "Travel", null, 0.9),
                        Evidence.interest(3, "lt_00456", null, "Photography", null, 0.8),
                        Evidence.interest(3, "lt_00789", "Nomad Trips", "travel", null, 0.4),
                        Evidence.interest(3, "lt_00999", "Film Lab", "Photography", null, 0.3),
                        Evidence.term(3, "drone", 1.0),
                        Evidence.term(3, "landscape", 0.5)))
                .get(0);
        assertNull(label.need());
        assertNull(label.needScore());
        assertEquals("Photography · Travel · drone", label.label());
    }

    /** Last.fm files every artist under one category: labels of its segments are their artists. */
    @Test
    void theOnlyCategoryOfAnExportNamesNoSegment() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(0, "a1", "Arctic Monkeys", "artist", null, 1.0),
                        Evidence.interest(0, "a2", "Franz Ferdinand", "artist", null, 0.8),
                        Evidence.interest(1, "a3", "Depeche Mode", "Artist", null, 1.0),
                        Evidence.interest(1, "a4", "Duran Duran", "artist", null, 0.7)));
        assertEquals("Arctic Monkeys · Franz Ferdinand", labels.get(0).label());
        assertEquals("Depeche Mode · Duran Duran", labels.get(1).label());
        // Alone in the audience, a segment keeps its category: there is nothing to tell it from.
        assertEquals(
                "artist · Arctic Monkeys",
                new NeedLabeler(TAXONOMY, 0.5)
                        .label(List.of(Evidence.interest(0, "a1", "Arctic Monkeys", "artist", null, 1.0)))
                        .get(0)
                        .label());
    }

    @Test
    void aCategoryInEverySegmentGivesWayToADistinctiveOne() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(1, "e1", "Late Show", "Entertainment", null, 1.0),
                        Evidence.interest(1, "p1", "Lens Club", "Photography", null, 0.6),
                        Evidence.interest(2, "e1", "Late Show", "Entertainment", null, 1.0),
                        Evidence.interest(2, "f1", "Food Lab", "Food", null, 0.1),
                        Evidence.interest(3, "e1", "Late Show", "Entertainment", null, 1.0)));
        // ln(1 + 3/1) × 0.6 = 0.83 beats ln(1 + 3/3) × 1.0 = 0.69; Food (0.14) is under half of Entertainment.
        assertEquals("Photography · Entertainment · Late Show", labels.get(0).label());
        assertEquals("Entertainment · Late Show · Food Lab", labels.get(1).label());
    }

    @Test
    void fallsBackToTopInterestNamesThenIds() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(3, "s1", "Synth Lab", null, "modular", 1.0),
                        Evidence.interest(3, "lt_1", null, null, null, 0.95),
                        Evidence.interest(3, "v1", "Vinyl Club", null, null, 0.9),
                        Evidence.interest(3, "d1", "Dogs Daily", null, null, 0.2),
                        Evidence.interest(3, "t1", "Tape Hub", null, null, 0.1),
                        Evidence.interest(4, "lt_2", null, null, null, 1.0)));
        assertEquals("Synth Lab · Vinyl Club · Dogs Daily", labels.get(0).label());
        assertEquals("lt_2", labels.get(1).label(), "an id only when the segment has nothing readable");
    }

    @Test
    void segmentsSharingANeedGetDistinctLabels() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.3)
                .label(List.of(
                        Evidence.interest(1, "lt_1", null, null, "coupon codes", 1.0),
                        Evidence.interest(1, "cc", "Coupon Club", null, null, 0.5),
                        Evidence.interest(2, "dw", "Deals Weekly", null, null, 1.0)));
        assertEquals(
                List.of("Bargain hunter · Coupon Club", "Bargain hunter · Deals Weekly"),
                labels.stream().map(Label::label).toList());
    }

    @Test
    void segmentsSharingAFallbackLabelGetTheNameOnlyTheyFollowAppended() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(4, "lt_00123", null, "Photography", null, 1.0),
                        Evidence.interest(4, "ng", "Nat Geo", "Photography", null, 0.5),
                        // a second category in the audience, too light to name segment 4: Photography
                        // is not the export's only category, so it names both
                        Evidence.interest(4, "lt_00124", null, "Travel", null, 0.1),
                        Evidence.term(4, "camera", 1.0),
                        Evidence.term(4, "lens", 0.5),
                        Evidence.interest(5, "lt_00456", null, "Photography", null, 1.0),
                        Evidence.interest(5, "ng", "Nat Geo", "Photography", null, 0.5),
                        Evidence.interest(5, "cn", "Canon", "Photography", null, 0.4),
                        Evidence.term(5, "camera", 1.0),
                        Evidence.term(5, "lens", 0.5)));
        assertEquals(
                List.of("Photography · camera · lens · Nat Geo", "Photography · camera · lens · Canon"),
                labels.stream().map(Label::label).toList());
    }

    @Test
    void segmentsWithIdenticalEvidenceAreToldApartByNumber() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.5)
                .label(List.of(
                        Evidence.interest(1, "ng", "Nat Geo", null, null, 1.0),
                        Evidence.interest(2, "ng", "Nat Geo", null, null, 1.0)));
        assertEquals(
                List.of("Nat Geo (segment 1)", "Nat Geo (segment 2)"),
                labels.stream().map(Label::label).toList());
    }

    @Test
    void bundledTaxonomyIsLoadableAndLarge() {
        NeedTaxonomy bundled = NeedTaxonomy.load("", new Configuration());
        assertTrue(
                bundled.needs().size() >= 40,
                "about 40 needs, got " + bundled.needs().size());
        assertTrue(bundled.needs().stream()
                .allMatch(n -> n.description() != null && !n.keywords().isEmpty()));
    }

    @Test
    void brokenTaxonomyFailsWithWhatToFix() {
        IllegalArgumentException noKeywords = assertThrows(
                IllegalArgumentException.class,
                () -> NeedTaxonomy.parse(stream("needs:\n  - name: Gamer\n    description: x\n"), "mine.yaml"));
        assertTrue(noKeywords.getMessage().contains("Gamer"), noKeywords.getMessage());
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> NeedTaxonomy.parse(stream("needs:\n  - name: a: b: c\n"), "mine.yaml"));
        assertTrue(bad.getMessage().contains("mine.yaml"), bad.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> NeedTaxonomy.load("/nonexistent/needs.yaml", new Configuration()));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
