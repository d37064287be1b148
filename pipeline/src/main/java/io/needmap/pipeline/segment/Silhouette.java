package io.needmap.pipeline.segment;

import smile.math.MathEx;

/**
 * Mean silhouette width (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20, 1987) of many labelings of one set of
 * points: the distances are computed once, then each labeling costs n².
 *
 * <p>Silhouette rewards labelings whose clusters are tight and far apart, and unlike the
 * within-cluster sum of squares it does not improve just because k grows, which makes it a
 * criterion for choosing k. It favours convex, similarly dense clusters; a singleton scores 0.
 */
final class Silhouette {
    private final int n;
    private final float[] distances;

    Silhouette(double[][] points) {
        n = points.length;
        distances = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float distance = (float) MathEx.distance(points[i], points[j]);
                distances[i * n + j] = distance;
                distances[j * n + i] = distance;
            }
        }
    }

    /** Mean silhouette of the labeling (labels 0..k-1, one per point). */
    double score(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                sums[labels[j]] += distances[i * n + j];
            }
            int own = labels[i];
            if (sizes[own] <= 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            total += b == Double.MAX_VALUE ? 0 : (b - a) / Math.max(a, b);
        }
        return total / n;
    }
}
