package io.needmap.pipeline.segment;

import java.util.Arrays;
import smile.math.MathEx;

/**
 * Lloyd's k-means iterations from given labels, with Hamerly's bounds ("Making k-means even faster",
 * SDM 2010): each point keeps an upper bound on its distance to its own group mean and a lower bound
 * on its distance to every other mean, moved by how far the means moved; a point whose upper bound
 * is under both its lower bound and half the distance from its mean to the nearest other mean
 * cannot change group, and its distances are not computed. Why: the segment stage refines the Ward
 * cut of every candidate k, on the sample and on each resampled half, and those refinements were a
 * third of the stage's time; from a Ward cut few points move after the first pass.
 *
 * <p>Exact: every iteration gives the labels plain Lloyd gives ({@link WardSegmenter#nearest}, the
 * lowest index on a tie), because a point is skipped only when its own mean is nearer than any
 * other by a margin far above rounding error. Weakness: the bounds cost two numbers per point and
 * the skip test fails everywhere when the means move far, as in the first passes from a poor
 * start; then it costs what plain Lloyd does.
 */
final class LloydRefinement {
    /** Relative margin a skip needs, far above the rounding error of the bounds' updates. */
    private static final double MARGIN = 1e-9;

    private LloydRefinement() {}

    /**
     * Moves each point to its nearest group mean until none moves or {@code maxIterations} passes
     * are done; a group that empties stays empty.
     */
    static int[] refine(double[][] points, int[] labels, int k, int maxIterations) {
        int n = points.length;
        int[] current = labels.clone();
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[][] means = meansOf(points, current, k);
        for (int i = 0; i < n; i++) {
            current[i] = search(means, points[i], upper, lower, i);
        }
        boolean moved = !Arrays.equals(current, labels);
        for (int iteration = 1; iteration < maxIterations && moved; iteration++) {
            double[][] next = meansOf(points, current, k);
            double[] drift = new double[k];
            double maxDrift = 0;
            double secondDrift = 0;
            int maxDrifted = -1;
            for (int c = 0; c < k; c++) {
                if (next[c] != null && means[c] != null) {
                    drift[c] = Math.sqrt(MathEx.squaredDistance(means[c], next[c]));
                }
                if (drift[c] > maxDrift) {
                    secondDrift = maxDrift;
                    maxDrift = drift[c];
                    maxDrifted = c;
                } else if (drift[c] > secondDrift) {
                    secondDrift = drift[c];
                }
            }
            means = next;
            double[] halfGap = halfGapToNearestOther(means);
            moved = false;
            for (int i = 0; i < n; i++) {
                int own = current[i];
                upper[i] += drift[own];
                lower[i] -= own == maxDrifted ? secondDrift : maxDrift;
                double bound = Math.max(halfGap[own], lower[i]);
                if (upper[i] * (1 + MARGIN) < bound * (1 - MARGIN)) {
                    continue;
                }
                upper[i] = Math.sqrt(MathEx.squaredDistance(points[i], means[own]));
                if (upper[i] * (1 + MARGIN) < bound * (1 - MARGIN)) {
                    continue;
                }
                int nearest = search(means, points[i], upper, lower, i);
                moved |= nearest != own;
                current[i] = nearest;
            }
        }
        return current;
    }

    /**
     * The nearest mean to {@code point} as {@link WardSegmenter#nearest} finds it; records the distance
     * to it in {@code upper[i]} and to the second nearest in {@code lower[i]}.
     */
    private static int search(double[][] means, double[] point, double[] upper, double[] lower, int i) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            if (means[c] == null) {
                continue;
            }
            double distance = MathEx.squaredDistance(point, means[c]);
            if (distance < bestDistance) {
                second = bestDistance;
                bestDistance = distance;
                best = c;
            } else if (distance < second) {
                second = distance;
            }
        }
        upper[i] = Math.sqrt(bestDistance);
        lower[i] = Math.sqrt(second);
        return best;
    }

    /** Half the distance from each mean to its nearest other mean (infinite when it has none). */
    private static double[] halfGapToNearestOther(double[][] means) {
        double[] half = new double[means.length];
        Arrays.fill(half, Double.POSITIVE_INFINITY);
        for (int a = 0; a < means.length; a++) {
            for (int b = a + 1; b < means.length; b++) {
                if (means[a] != null && means[b] != null) {
                    double d = Math.sqrt(MathEx.squaredDistance(means[a], means[b])) / 2;
                    half[a] = Math.min(half[a], d);
                    half[b] = Math.min(half[b], d);
                }
            }
        }
        return half;
    }

    /** Each group's mean; null for an empty group. */
    private static double[][] meansOf(double[][] points, int[] labels, int k) {
        double[][] means = WardSegmenter.means(points, labels, k);
        int[] sizes = WardSegmenter.sizes(labels, k);
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                means[c] = null;
            }
        }
        return means;
    }
}
