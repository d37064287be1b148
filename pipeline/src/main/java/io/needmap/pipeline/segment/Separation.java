package io.needmap.pipeline.segment;

import java.util.Arrays;
import smile.math.MathEx;

/**
 * Whether two segments are one group cut in two: the share of variance that the best two-way cut
 * explains along the line joining their centres, measured on accounts that did not choose the
 * line. Half of each segment's accounts (every other one) give the two centres; the other half is
 * projected onto the line through them and cut where the cut explains most variance (exact, after
 * a sort).
 *
 * <p>Why held out: Ward's method cut the group where the two halves look most apart, so measured on
 * the same accounts any cut looks like a gap. On fresh accounts, a cut through one unimodal group
 * explains at most 3/4 of the variance along any line (a uniform distribution; 2/π ≈ 0.64 for a
 * normal one), while two groups with a gap between them explain more, up to 1. Weakness: two
 * genuinely different needs of very different sizes that touch (a small one at the edge of a big
 * one) explain less than two of equal size, and may be merged; a segment with fewer than four
 * accounts cannot be tested (the share is then NaN).
 */
final class Separation {
    /** Share of variance a cut through one unimodal group cannot exceed (the uniform's 3/4). */
    static final double UNIMODAL_LIMIT = 0.75;

    private Separation() {}

    /** Best two-way cut's share of variance along the held-out line between {@code a} and {@code b}. */
    static double explainedByCut(double[][] a, double[][] b) {
        if (a.length < 4 || b.length < 4) {
            return Double.NaN;
        }
        double[] axis = minus(mean(a, 0), mean(b, 0));
        double[] projected = new double[a.length / 2 + b.length / 2];
        int n = 0;
        for (double[][] group : new double[][][] {a, b}) {
            for (int i = 1; i < group.length; i += 2) {
                projected[n++] = MathEx.dot(group[i], axis);
            }
        }
        return bestCutShare(Arrays.copyOf(projected, n));
    }

    /** Largest between-group share of the sum of squares over all cuts of the sorted values. */
    static double bestCutShare(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        double squares = 0;
        for (double v : sorted) {
            sum += v;
            squares += v * v;
        }
        double total = squares - sum * sum / n;
        if (total <= 0) {
            return 0;
        }
        double best = 0;
        double left = 0;
        for (int i = 1; i < n; i++) {
            left += sorted[i - 1];
            double leftMean = left / i;
            double rightMean = (sum - left) / (n - i);
            double diff = leftMean - rightMean;
            best = Math.max(best, (double) i * (n - i) / n * diff * diff);
        }
        return best / total;
    }

    /** Mean of every other point, starting at {@code first}. */
    private static double[] mean(double[][] points, int first) {
        double[] mean = new double[points[0].length];
        int count = 0;
        for (int i = first; i < points.length; i += 2) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += points[i][d];
            }
            count++;
        }
        for (int d = 0; d < mean.length; d++) {
            mean[d] /= count;
        }
        return mean;
    }

    private static double[] minus(double[] x, double[] y) {
        double[] out = new double[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = x[d] - y[d];
        }
        return out;
    }
}
