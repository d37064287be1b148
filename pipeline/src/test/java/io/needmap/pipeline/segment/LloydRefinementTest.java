package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LloydRefinementTest {
    /** Plain Lloyd, as the segment stage ran it before the bounds: the reference. */
    private static int[] plainLloyd(double[][] points, int[] labels, int k, int maxIterations) {
        int[] current = labels.clone();
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[][] means = WardSegmenter.means(points, current, k);
            int[] sizes = new int[k];
            Arrays.stream(current).forEach(c -> sizes[c]++);
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    means[c] = null;
                }
            }
            boolean moved = false;
            for (int i = 0; i < points.length; i++) {
                int nearest = WardSegmenter.nearest(means, points[i]);
                moved |= nearest != current[i];
                current[i] = nearest;
            }
            if (!moved) {
                break;
            }
        }
        return current;
    }

    /**
     * Blobs around random centres plus uniform noise, unit-normalised as embeddings are, from random
     * starting labels (one group left empty) and from a cut that is nearly right: the bounded
     * iterations give plain Lloyd's labels exactly, also when stopped after a few passes.
     */
    @Test
    void givesPlainLloydsLabelsExactly() {
        SplittableRandom r = new SplittableRandom(3);
        int moves = 0;
        for (int trial = 0; trial < 12; trial++) {
            int n = 300 + r.nextInt(400);
            int dims = 2 + r.nextInt(30);
            int k = 2 + r.nextInt(15);
            double[][] centres = new double[k][dims];
            for (double[] c : centres) {
                for (int d = 0; d < dims; d++) {
                    c[d] = r.nextGaussian();
                }
            }
            double[][] points = new double[n][dims];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = r.nextInt(k);
                double norm = 0;
                for (int d = 0; d < dims; d++) {
                    points[i][d] = i % 10 == 0 ? r.nextGaussian() : centres[truth[i]][d] + 0.6 * r.nextGaussian();
                    norm += points[i][d] * points[i][d];
                }
                for (int d = 0; d < dims; d++) {
                    points[i][d] /= Math.sqrt(norm);
                }
            }
            int[] random = r.ints(n, 0, k - 1).toArray(); // group k-1 starts empty and stays so
            int[] nearlyRight = truth.clone();
            for (int i = 0; i < n; i += 7) {
                nearlyRight[i] = r.nextInt(k);
            }
            for (int[] start : new int[][] {random, nearlyRight}) {
                for (int maxIterations : new int[] {1, 3, 50}) {
                    int[] expected = plainLloyd(points, start, k, maxIterations);
                    assertArrayEquals(
                            expected,
                            LloydRefinement.refine(points, start, k, maxIterations),
                            "trial " + trial + ", " + maxIterations + " passes");
                    moves += Arrays.equals(expected, start) ? 0 : 1;
                }
            }
        }
        assertTrue(moves > 40, "the starts were refined at all: " + moves);
    }
}
