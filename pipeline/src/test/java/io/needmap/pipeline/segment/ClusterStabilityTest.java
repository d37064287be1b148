package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterStabilityTest {
    /** {@code n} points per centre, Gaussian noise of {@code spread} around it. */
    private static double[][] blobs(double[][] centres, int n, double spread, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[centres.length * n][];
        for (int i = 0; i < points.length; i++) {
            double[] c = centres[i % centres.length];
            points[i] = Arrays.stream(c)
                    .map(x -> x + spread * random.nextGaussian())
                    .toArray();
        }
        return points;
    }

    @Test
    void separatedGroupsComeBackInEveryHalf() {
        double[][] points = blobs(new double[][] {{0, 0}, {10, 0}, {0, 10}}, 100, 1, 3);
        int[] labels = new int[points.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        ClusterStability stability = ClusterStability.of(points, 6, 1000, false, 1);
        double[] jaccard = stability.jaccard(labels, 3, 5);
        for (double j : jaccard) {
            assertTrue(j > 0.95, Arrays.toString(jaccard));
        }
        ClusterStability.Summary summary = stability.summary(labels, 3, 5, 0.75);
        assertEquals(1.0, summary.stableShare(), 1e-12);
        assertEquals(3, summary.stableSegments());
    }

    /** One round blob cut into four arbitrary quarters: halves cut it elsewhere, so the quarters dissolve. */
    @Test
    void arbitraryCutsOfOneGroupAreNotStable() {
        double[][] points = blobs(new double[][] {{0, 0}}, 600, 1, 4);
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            // quarters turned 45 degrees from the axes Ward's halves might favour
            labels[i] = (points[i][0] + points[i][1] > 0 ? 1 : 0) + (points[i][0] - points[i][1] > 0 ? 2 : 0);
        }
        ClusterStability.Summary summary =
                ClusterStability.of(points, 6, 1000, false, 1).summary(labels, 4, 5, 0.75);
        assertTrue(summary.stableShare() < 0.5, "share in stable quarters " + summary.stableShare());
        assertTrue(summary.stableSegments() <= 1, "stable quarters: " + summary.stableSegments());
    }

    @Test
    void aClusterTooSmallToScoreInAnyHalfIsNaN() {
        double[][] points = blobs(new double[][] {{0, 0}, {10, 10}}, 50, 1, 5);
        int[] labels = new int[points.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        labels[0] = 2; // a one-account cluster
        double[] jaccard = ClusterStability.of(points, 4, 1000, false, 2).jaccard(labels, 3, 3);
        assertTrue(Double.isNaN(jaccard[2]), Arrays.toString(jaccard));
        assertTrue(jaccard[0] > 0 && jaccard[1] > 0, Arrays.toString(jaccard));
    }
}
