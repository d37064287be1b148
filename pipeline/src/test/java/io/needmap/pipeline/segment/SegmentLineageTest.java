package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.segment.SegmentLineage.Overlap;
import io.needmap.pipeline.segment.SegmentLineage.Transition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentLineageTest {

    /**
     * Previous segments 0..4 (next id 6). Now: 0 survives as new #1; 1 splits 60/40 into #0 and #2;
     * 2 and 3 merge into #3; 4's members mostly left (disappears); #4 is all new accounts.
     */
    @Test
    void transitionsAndIds() {
        Map<Integer, Long> before = Map.of(0, 100L, 1, 100L, 2, 50L, 3, 40L, 4, 30L);
        long[] after = {60, 95, 40, 90, 30};
        List<Overlap> overlaps = List.of(
                new Overlap(0, 1, 90),
                new Overlap(0, 3, 5),
                new Overlap(1, 0, 58),
                new Overlap(1, 2, 38),
                new Overlap(2, 3, 48),
                new Overlap(3, 3, 38),
                new Overlap(4, 0, 2),
                new Overlap(4, 1, 5),
                new Overlap(4, 2, 2),
                new Overlap(4, 3, 1));

        SegmentLineage.Result result =
                SegmentLineage.match(before, after, overlaps, 6, Map.of(1, "Runners", 4, "Bakers"));

        assertArrayEquals(new int[] {6, 0, 7, 8, 9}, result.ids(), "only the survivor keeps its id; new ids from 6");
        assertEquals(10, result.nextSegmentId());
        List<Transition> t = result.transitions();
        assertEquals(new Transition(0, 0, "survived", 90.0 / (100 + 95 - 90), 100, 95, null), t.get(0));
        assertEquals(
                List.of("split", "split"),
                List.of(t.get(1).transition(), t.get(2).transition()));
        assertEquals(List.of(6, 7), List.of(t.get(1).segmentId(), t.get(2).segmentId()));
        assertEquals("Runners", t.get(1).userLabel(), "lineage says a user-labelled segment split");
        assertEquals(new Transition(2, 8, "merged", 48.0 / (50 + 90 - 48), 50, 90, null), t.get(3));
        assertEquals("merged", t.get(4).transition());
        assertEquals(new Transition(4, null, "disappeared", 0, 30, 0, "Bakers"), t.get(5));
        assertEquals(new Transition(null, 9, "emerged", 0, 0, 30, null), t.get(6));
        assertEquals(7, t.size());
        assertEquals(
                Map.of("disappeared", 1L, "emerged", 1L, "merged", 2L, "split", 2L, "survived", 1L),
                SegmentLineage.summary(t));
    }

    @Test
    void aSegmentThatLostHalfItsMembersToNoiseStillSurvives() {
        SegmentLineage.Result result =
                SegmentLineage.match(Map.of(5, 100L), new long[] {80}, List.of(new Overlap(5, 0, 55)), 6, Map.of());
        assertArrayEquals(new int[] {5}, result.ids());
        assertEquals("survived", result.transitions().get(0).transition());
    }
}
