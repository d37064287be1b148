package io.needmap.pipeline.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;

/**
 * Clusterwise stability under subsampling (Hennig, "Cluster-wise assessment of cluster stability",
 * Comput. Stat. Data Anal. 52, 2007; the subsetting scheme of his {@code clusterboot}): the fit
 * sample is subsampled to half several times, each half is clustered again as the sample was (Ward's
 * cut, refined by k-means when {@link SegmentOptions#refine} asks, {@link WardSegmenter#refine}), and
 * each segment's stability is the mean, over the halves, of its best Jaccard similarity with a
 * cluster of the half (both restricted to the half's accounts). One Ward tree per half gives every
 * k at once.
 *
 * <p>Why: a segment that dissolves when the audience is resampled is not a property of the audience
 * but of the sample; one that comes back is, even where the audience is graded rather than made of
 * crisp groups. Unlike prediction strength (Tibshirani &amp; Walther 2005), which scores a k by its
 * worst cluster's pair agreement and therefore stops at the coarsest split on graded audiences, this
 * scores each segment on its own, so the resolution can be chosen by how many accounts sit in
 * segments that hold up. Hennig's reading: a mean Jaccard of 0.75 or more is a stable cluster, 0.6
 * to 0.75 a pattern worth a look, 0.5 or less a dissolved one.
 *
 * <p>Weakness: with a handful of halves the figure of one segment carries sampling noise of a few
 * hundredths; a segment smaller than a few dozen sampled accounts has too few accounts in a half to
 * be scored and is reported as NaN. Ward is run on the halves, so a segment that Ward cannot find
 * (elongated or non-convex) is unstable however real it is.
 */
final class ClusterStability {
    private final int[][] subsets;
    private final double[][][] points;
    private final HierarchicalClustering[] trees;
    private final boolean refine;

    private ClusterStability(int[][] subsets, double[][][] points, HierarchicalClustering[] trees, boolean refine) {
        this.subsets = subsets;
        this.points = points;
        this.trees = trees;
        this.refine = refine;
    }

    /**
     * Ward trees (cuts refined by k-means if {@code refine}) of {@code halves} random subsets of the sample, each of half its size capped at
     * {@code maxSubset} points.
     */
    static ClusterStability of(double[][] sample, int halves, int maxSubset, boolean refine, long seed) {
        Random random = new Random(seed);
        int size = Math.max(2, Math.min(sample.length / 2, maxSubset));
        int[][] subsets = new int[halves][];
        double[][][] halfPoints = new double[halves][][];
        HierarchicalClustering[] trees = new HierarchicalClustering[halves];
        for (int b = 0; b < halves; b++) {
            List<Integer> order =
                    new ArrayList<>(IntStream.range(0, sample.length).boxed().toList());
            Collections.shuffle(order, random);
            int[] subset = order.subList(0, size).stream()
                    .mapToInt(Integer::intValue)
                    .sorted()
                    .toArray();
            double[][] points = Arrays.stream(subset).mapToObj(i -> sample[i]).toArray(double[][]::new);
            subsets[b] = subset;
            halfPoints[b] = points;
            trees[b] = HierarchicalClustering.fit(WardLinkage.of(points));
        }
        return new ClusterStability(subsets, halfPoints, trees, refine);
    }

    /**
     * Mean Jaccard of each cluster of {@code labels} (a partition of the whole sample into
     * {@code k} clusters numbered 0..k-1) with its best match among the halves' k clusters; NaN for a
     * cluster with fewer than {@code minInHalf} accounts in every half.
     */
    double[] jaccard(int[] labels, int k, int minInHalf) {
        return jaccard(labels, k, k, minInHalf, (subset, points, halfLabels) -> halfLabels);
    }

    /** What is done to a half's cut after it is made, as to the sample's: merges, joined blends, the mixture fit. */
    @FunctionalInterface
    interface AfterCut {
        /**
         * @param subset the half's indices in the sample
         * @param points the half's points
         * @param labels the half's cut
         * @return the half's final partition, clusters numbered 0.. without gaps
         */
        int[] apply(int[] subset, double[][] points, int[] labels);
    }

    /**
     * {@link #jaccard(int[], int, int)} against the halves cut into {@code halfK} clusters (the k
     * the sample was cut at) and then treated by {@code afterCut} as the sample's cut was, so that
     * a segment that is the result of merges or a mixture fit is matched against halves that went
     * through the same.
     */
    double[] jaccard(int[] labels, int k, int halfK, int minInHalf, AfterCut afterCut) {
        double[] sums = new double[k];
        int[] scored = new int[k];
        for (int b = 0; b < trees.length; b++) {
            int kb = Math.min(halfK, subsets[b].length);
            // Smile's tree cannot be cut into one cluster: one cluster is every account of the half.
            int[] halfLabels = kb < 2 ? new int[subsets[b].length] : trees[b].partition(kb);
            if (refine && kb >= 2) {
                halfLabels = WardSegmenter.refine(points[b], halfLabels, kb);
            }
            if (kb >= 2) {
                halfLabels = afterCut.apply(subsets[b], points[b], halfLabels);
                kb = Arrays.stream(halfLabels).max().orElse(0) + 1;
            }
            long[][] overlap = new long[k][kb];
            long[] sizes = new long[k];
            long[] halfSizes = new long[kb];
            for (int j = 0; j < subsets[b].length; j++) {
                int c = labels[subsets[b][j]];
                overlap[c][halfLabels[j]]++;
                sizes[c]++;
                halfSizes[halfLabels[j]]++;
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] < Math.max(1, minInHalf)) {
                    continue;
                }
                double best = 0;
                for (int d = 0; d < kb; d++) {
                    double union = sizes[c] + halfSizes[d] - overlap[c][d];
                    best = Math.max(best, overlap[c][d] / union);
                }
                sums[c] += best;
                scored[c]++;
            }
        }
        double[] mean = new double[k];
        for (int c = 0; c < k; c++) {
            mean[c] = scored[c] == 0 ? Double.NaN : sums[c] / scored[c];
        }
        return mean;
    }

    /**
     * Per-k summary of {@link #jaccard}: share of the sample in stable clusters, how many clusters are
     * stable, and the least stable cluster.
     */
    record Summary(double stableShare, int stableSegments, double minJaccard, double[] jaccard) {}

    /** {@link #jaccard} of a partition summarised against the {@code stable} threshold. */
    Summary summary(int[] labels, int k, int minInHalf, double stable) {
        double[] jaccard = jaccard(labels, k, minInHalf);
        long[] sizes = new long[k];
        for (int label : labels) {
            sizes[label]++;
        }
        long inStable = 0;
        int stableSegments = 0;
        double min = 1;
        for (int c = 0; c < k; c++) {
            if (Double.isNaN(jaccard[c])) {
                continue;
            }
            min = Math.min(min, jaccard[c]);
            if (jaccard[c] >= stable) {
                inStable += sizes[c];
                stableSegments++;
            }
        }
        return new Summary((double) inStable / labels.length, stableSegments, min, jaccard);
    }
}
