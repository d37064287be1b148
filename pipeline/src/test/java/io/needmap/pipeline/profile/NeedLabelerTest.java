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
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.3).label(List.of(
                new Evidence(7, "Coupon Club", "Coupon Club Deals Everything about coupons", 1.0),
                new Evidence(7, "Discount Daily", "Discount Daily", 0.8),
                new Evidence(7, "Cat Cafe", "Cat Cafe Pets", 0.2)));
        assertEquals(1, labels.size());
        assertEquals("Bargain hunter", labels.get(0).label());
        assertEquals("Bargain hunter", labels.get(0).need());
        assertEquals(0.9, labels.get(0).needScore(), 1e-9);
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        // "cat" must not match "education" nor "deals" match "ideals".
        Label label = new NeedLabeler(TAXONOMY, 0.3).label(List.of(
                new Evidence(1, "Education Now", "Education Now ideals", 1.0))).get(0);
        assertNull(label.need());
    }

    @Test
    void fallsBackToTopItemsWhenNoNeedMatchesWell() {
        Label label = new NeedLabeler(TAXONOMY, 0.5).label(List.of(
                new Evidence(3, "Synth Lab", "Synth Lab modular", 1.0),
                new Evidence(3, "Vinyl Club", "Vinyl Club", 0.9),
                new Evidence(3, "Dogs Daily", "Dogs Daily", 0.2),
                new Evidence(3, "Tape Hub", "Tape Hub", 0.1))).get(0);
        assertNull(label.need());
        assertNull(label.needScore());
        assertEquals("Synth Lab, Vinyl Club, Dogs Daily", label.label());
    }

    @Test
    void segmentsSharingANeedGetDistinctLabels() {
        List<Label> labels = new NeedLabeler(TAXONOMY, 0.3).label(List.of(
                new Evidence(1, "Coupon Club", "Coupon Club", 1.0),
                new Evidence(2, "Deals Weekly", "Deals Weekly", 1.0)));
        assertEquals(List.of("Bargain hunter · Coupon Club", "Bargain hunter · Deals Weekly"),
                labels.stream().map(Label::label).toList());
    }

    @Test
    void bundledTaxonomyIsLoadableAndLarge() {
        NeedTaxonomy bundled = NeedTaxonomy.load("", new Configuration());
        assertTrue(bundled.needs().size() >= 40, "about 40 needs, got " + bundled.needs().size());
        assertTrue(bundled.needs().stream().allMatch(n -> n.description() != null && !n.keywords().isEmpty()));
    }

    @Test
    void brokenTaxonomyFailsWithWhatToFix() {
        IllegalArgumentException noKeywords = assertThrows(IllegalArgumentException.class, () -> NeedTaxonomy.parse(
                stream("needs:\n  - name: Gamer\n    description: x\n"), "mine.yaml"));
        assertTrue(noKeywords.getMessage().contains("Gamer"), noKeywords.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> NeedTaxonomy.parse(
                stream("needs:\n  - name: a: b: c\n"), "mine.yaml"));
        assertTrue(bad.getMessage().contains("mine.yaml"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeedTaxonomy.load("/nonexistent/needs.yaml",
                new Configuration()));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
