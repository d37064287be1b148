package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SegmentProfilingTest {
    private static SegmentProfiling.Result result;

    @BeforeAll
    static void profile() {
        result = ProfileFixture.profile();
    }

    @Test
    void segmentsAreLabelledWithTheirNeed() {
        List<Row> segments = result.segments().collectAsList();
        assertEquals(
                List.of(0, 1, 2),
                segments.stream().map(r -> r.<Integer>getAs("segment_id")).toList());
        assertEquals(
                110L, segments.stream().mapToLong(r -> r.<Long>getAs("size")).sum());
        assertEquals("Bargain hunter", segments.get(0).getAs("need"));
        assertEquals("Pet lover", segments.get(2).getAs("need"));
        assertTrue(segments.get(0).<Double>getAs("need_score") >= 0.3);
    }

    @Test
    void smallSegmentIsPublishedOnlyAsSuppressed() {
        Row small = result.segments().filter("segment_id = 1").first();
        assertTrue(small.<Boolean>getAs("suppressed"));
        assertEquals(10L, small.<Long>getAs("size"));
        assertNull(small.getAs("label"));
        assertTrue(small.getList(small.fieldIndex("top_interests")).isEmpty());
        assertEquals(0, result.segmentInterests().filter("segment_id = 1").count());
        assertEquals(0, result.demographics().filter("segment_id = 1").count());
        assertEquals(
                0, result.overlap().filter("segment_a = 1 or segment_b = 1").count());
    }

    @Test
    void noPublishedCellDescribesFewerThanTheFloor() {
        assertEquals(
                0,
                result.segmentInterests()
                        .filter("members_following < " + ProfileFixture.FLOOR)
                        .count());
        assertEquals(
                0,
                result.demographics()
                        .filter("members < " + ProfileFixture.FLOOR)
                        .count());
        assertEquals(
                0,
                result.overlap()
                        .filter("members_with_both < " + ProfileFixture.FLOOR)
                        .count());
        // 5 French speakers and 3 Parisians in segment 0: below the floor, so not shown.
        assertEquals(0, result.demographics().filter("value in ('fr', 'Paris')").count());
        Row english = result.demographics()
                .filter("segment_id = 0 and dimension = 'language' and value = 'en'")
                .first();
        assertEquals(55L, english.<Long>getAs("members"));
        assertEquals(55.0 / 60, english.<Double>getAs("share"), 1e-9);
        assertEquals(100 * (55.0 / 60) / (105.0 / 110), english.<Double>getAs("index"), 1e-6);
    }

    @Test
    void overlapCountsPrimaryAndSecondaryMemberships() {
        Row pair = result.overlap().first();
        assertEquals(1, result.overlap().count());
        assertEquals(0, pair.<Integer>getAs("segment_a"));
        assertEquals(2, pair.<Integer>getAs("segment_b"));
        assertEquals(100L, pair.<Long>getAs("members_with_both"));
        assertEquals(1.0, pair.<Double>getAs("jaccard"), 1e-9);
    }

    @Test
    void profilesNameOnlyPublicAccountsAndNoMemberData() {
        assertEquals(
                0,
                result.segmentInterests().filter("followed_id = 'c0'").count(),
                "c0 is an audience member, not a public account");
        for (String column : List.of("account_id", "handle", "bio")) {
            assertFalse(List.of(result.segments().columns()).contains(column));
            assertFalse(List.of(result.demographics().columns()).contains(column));
            assertFalse(List.of(result.segmentInterests().columns()).contains(column));
        }
    }

    @Test
    void ideationTablesNameTheServingAssetTheGapsAndThePartners() {
        assertEquals(
                List.of("0 1 as_deals [Coupon Corner, Deals]"),
                result.segmentAssets().orderBy("segment_id", "rank").collectAsList().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.getList(5))
                        .toList(),
                "the coupon club is the deals account's own and says deals; the gift card covers nothing distinctive");
        assertEquals(
                List.of("2 1 interest Pet Care <Plus> & Co", "2 2 category Pets"),
                result.segmentGaps().orderBy("segment_id", "rank").collectAsList().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
                        .toList(),
                "segment 2's needs have no asset; segment 1 is below the floor and has no row");
        assertEquals(
                List.of("2 1 pets1"),
                result.segmentPartners().orderBy("segment_id", "rank").collectAsList().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                        .toList(),
                "not the brand's own deals account, not the news account everyone follows");
    }
}
