package io.needmap.pipeline.segment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;
import smile.math.MathEx;

/**
 * Prediction strength of every k (Tibshirani and Walther, "Cluster validation by prediction
 * strength", J. Comput. Graph. Stat. 14, 2005): the sample is split in two halves, each clustered
 * with Ward's method; the test half's points are assigned to the training half's centroids, and for
 * each test cluster the share of its pairs that land in one training cluster is counted. The score
 * of k is the worst such share over the test clusters, averaged over a few random splits.
 *
 * <p>Why: a criterion that rewards tightness (silhouette, within-cluster sum of squares) keeps
 * improving as a sparse, noisy audience is cut finer, so on real exports it runs to the largest k
 * allowed. Prediction strength asks whether the same groups come back from other accounts: a cut
 * through one homogeneous need falls somewhere else on the other half and scores low, a cut between
 * two needs is found again. The chosen k is the largest whose strength reaches a threshold (0.8 in
 * the paper). Weakness: it is conservative, and two genuinely different needs that are small
 * (under a few dozen sampled accounts each) look like noise and stay merged; test clusters smaller
 * than {@code minClusterSize} are ignored for that reason rather than allowed to veto a k.
 */
final class PredictionStrength {
    private PredictionStrength() {}

    /** Mean prediction strength of each k in [minK, maxK]. */
    static Map<Integer, Double> byK(double[][] sample, int minK, int maxK, int minClusterSize, int repeats, long seed) {
        double[] totals = new double[maxK + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < repeats; r++) {
            int[] order = shuffled(sample.length, random);
            double[][] train = new double[sample.length / 2][];
            double[][] test = new double[sample.length - train.length][];
            for (int i = 0; i < order.length; i++) {
                if (i < train.length) {
                    train[i] = sample[order[i]];
                } else {
                    test[i - train.length] = sample[order[i]];
                }
            }
            HierarchicalClustering trainTree = HierarchicalClustering.fit(WardLinkage.of(train));
            HierarchicalClustering testTree = HierarchicalClustering.fit(WardLinkage.of(test));
            int testMinSize = Math.max(2, minClusterSize / 2);
            for (int k = minK; k <= maxK; k++) {
                double[][] centroids = WardSegmenter.means(train, trainTree.partition(k), k);
                int[] predicted = new int[test.length];
                for (int i = 0; i < test.length; i++) {
                    predicted[i] = nearest(centroids, test[i]);
                }
                totals[k] += strength(testTree.partition(k), predicted, k, testMinSize);
            }
        }
        Map<Integer, Double> byK = new LinkedHashMap<>();
        for (int k = minK; k <= maxK; k++) {
            byK.put(k, totals[k] / repeats);
        }
        return byK;
    }

    /**
     * The smallest, over test clusters of at least {@code minSize} points, share of a cluster's pairs
     * that the training centroids put together; 1 when no cluster is that large.
     */
    static double strength(int[] testLabels, int[] predicted, int k, int minSize) {
        long[][] together = new long[k][k];
        long[] sizes = new long[k];
        for (int i = 0; i < testLabels.length; i++) {
            together[testLabels[i]][predicted[i]]++;
            sizes[testLabels[i]]++;
        }
        double worst = 1;
        for (int c = 0; c < k; c++) {
            if (sizes[c] < Math.max(2, minSize)) {
                continue;
            }
            double pairs = 0;
            for (long n : together[c]) {
                pairs += (double) n * (n - 1);
            }
            worst = Math.min(worst, pairs / ((double) sizes[c] * (sizes[c] - 1)));
        }
        return worst;
    }

    /** Index of the nearest centroid; null entries (retired centroids) are skipped. */
    static int nearest(double[][] centroids, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double distance =
                    centroids[c] == null ? Double.POSITIVE_INFINITY : MathEx.squaredDistance(point, centroids[c]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
