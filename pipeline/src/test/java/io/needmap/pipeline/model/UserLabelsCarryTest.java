package io.needmap.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.output.Columns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a team's labels carry over to a fresh segmentation: no Spark. */
class UserLabelsCarryTest {
    private static final Set<Integer> IDS = Set.of(0, 1, 3);

    @Test
    void thePreviousRunsLabelsStayOnTheIdsThatSurvivedAndTheLabelsFileWins() {
        UserLabels.Carried carried = UserLabels.carry(
                Map.of(
                        0, new NeedmapModel.SegmentLabel("Home bakers", Columns.USER),
                        1, new NeedmapModel.SegmentLabel("Runners", Columns.USER),
                        2, new NeedmapModel.SegmentLabel("Gone", Columns.USER)),
                Map.of(1, "Trail runners", 7, "Nobody"),
                IDS::contains);
        assertEquals(
                Map.of(
                        0, new NeedmapModel.SegmentLabel("Home bakers", Columns.USER),
                        1, new NeedmapModel.SegmentLabel("Trail runners", Columns.USER)),
                carried.labels());
        assertEquals(List.of(7), carried.unknown());
        assertEquals(
                List.of("labels for segments [7] are ignored: this run has no segment with that id"),
                carried.warnings());
    }

    @Test
    void withoutPreviousRunOrLabelsFileNothingIsCarriedAndNothingWarned() {
        UserLabels.Carried carried = UserLabels.carry(Map.of(), Map.of(), IDS::contains);
        assertEquals(Map.of(), carried.labels());
        assertEquals(List.of(), carried.warnings());
    }
}
