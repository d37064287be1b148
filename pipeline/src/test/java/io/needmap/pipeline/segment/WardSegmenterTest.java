package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;

class WardSegmenterTest {
    private static final int[] SIZES = {400, 200, 120, 80, 50, 30, 20};

    /** Power-law sized, well separated clusters of unit vectors around orthogonal directions. */
    private static double[][] points(int[] truth) {
        Random random = new Random(5);
        double[][] points = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            double[] p = new double[12];
            p[truth[i]] = 1;
            for (int d = 0; d < p.length; d++) {
                p[d] += 0.15 * random.nextGaussian();
            }
            double norm = Math.sqrt(Arrays.stream(p).map(x -> x * x).sum());
            points[i] = Arrays.stream(p).map(x -> x / norm).toArray();
        }
        return points;
    }

    private static int[] truth() {
        int[] truth = new int[Arrays.stream(SIZES).sum()];
        int i = 0;
        for (int c = 0; c < SIZES.length; c++) {
            for (int n = 0; n < SIZES[c]; n++) {
                truth[i++] = c;
            }
        }
        return truth;
    }

    @Test
    void choosesThePlantedNumberOfSegmentsAndKeepsSmallOnes() {
        int[] truth = truth();
        double[][] points = points(truth);
        SegmentModel model = WardSegmenter.fit(points, new SegmentOptions(0, 3, 12, 5000, 600, 1));
        assertEquals(SIZES.length, model.k(), model.criterion());
        assertEquals(10, model.silhouetteByK().size(), "every k in 3..12 was scored");
        int[] found = Arrays.stream(points).mapToInt(p -> model.assign(p).segment()).toArray();
        assertTrue(AdjustedRandIndex.of(truth, found) > 0.99);
        assertEquals(0, found[0], "segment 0 is the largest");
        assertEquals(SIZES.length - 1, found[truth.length - 1], "the 20-account segment survives, last");
    }

    @Test
    void aGivenKIsUsedAndCentroidsAreUnitLength() {
        SegmentModel model = WardSegmenter.fit(points(truth()), new SegmentOptions(4, 3, 12, 5000, 600, 1));
        assertEquals(4, model.k());
        assertTrue(model.silhouetteByK().isEmpty());
        for (double[] centroid : model.centroids()) {
            assertEquals(1.0, Math.sqrt(Arrays.stream(centroid).map(x -> x * x).sum()), 1e-9);
        }
    }

    @Test
    void assignmentScoresAreClosenessAndTheRunnerUpDiffers() {
        SegmentModel model = new SegmentModel(new double[][] {{1, 0}, {0, 1}}, java.util.Map.of(), "test");
        SegmentModel.Assignment a = model.assign(new double[] {0.8, 0.6});
        assertEquals(0, a.segment());
        assertEquals(0.8, a.score(), 1e-12);
        assertEquals(1, a.secondSegment());
        assertEquals(0.0, model.assign(new double[] {-1, 0}).score(), "opposite vectors score 0, not negative");
    }
}
