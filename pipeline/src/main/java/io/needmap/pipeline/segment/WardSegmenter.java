package io.needmap.pipeline.segment;

import io.needmap.pipeline.features.FeatureStage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;

/**
 * Fits segments on a sample of account embeddings with Ward's agglomerative method (Smile's
 * {@link HierarchicalClustering} with {@link WardLinkage}) and picks k by mean silhouette.
 *
 * <p>Why Ward rather than k-means restarts: both minimise the within-segment sum of squares, but
 * k-means from random seeds, with power-law segment sizes, tends to split a big segment (a large
 * drop in distortion) and merge two small ones; Ward starts from single accounts and merges the
 * pair that costs least, so a small but distinct segment survives until late in the hierarchy. It
 * needs no random start (the result depends only on the sample) and one tree gives every k, so
 * choosing k costs one silhouette per candidate on a subsample. Cost: O(n²) time and n²/2 floats
 * for a sample of n, which is why the sample is bounded; the segments are then applied to every
 * account by nearest centroid (see {@link SegmentStage}).
 *
 * <p>Weakness: a segment smaller than a handful of sample points cannot be told from noise; raise
 * the fit sample when segments of under ~1/500 of the audience matter.
 */
public final class WardSegmenter {

    private WardSegmenter() {
    }

    public static SegmentModel fit(double[][] sample, SegmentOptions options) {
        if (sample.length < 2) {
            throw new IllegalArgumentException("Need at least 2 accounts with features to segment, got " + sample.length);
        }
        HierarchicalClustering tree = HierarchicalClustering.fit(WardLinkage.of(sample));
        if (options.segments() > 0) {
            int k = Math.min(options.segments(), sample.length);
            return new SegmentModel(centroids(sample, tree.partition(k), k), Map.of(),
                    "k = " + k + " given by the user");
        }
        int maxK = Math.min(options.maxSegments(), sample.length / 5);
        int minK = Math.min(options.minSegments(), maxK);
        int scored = Math.min(options.silhouetteSample(), sample.length);
        // Evenly spaced over the sample (already in random order), so every segment is represented.
        int[] scoredIndex = IntStream.range(0, scored).map(i -> (int) ((long) i * sample.length / scored)).toArray();
        double[][] scoredPoints = Arrays.stream(scoredIndex).mapToObj(i -> sample[i]).toArray(double[][]::new);
        Silhouette silhouette = new Silhouette(scoredPoints);
        Map<Integer, Double> byK = new LinkedHashMap<>();
        int bestK = minK;
        for (int k = minK; k <= maxK; k++) {
            int[] labels = tree.partition(k);
            int[] scoredLabels = Arrays.stream(scoredIndex).map(i -> labels[i]).toArray();
            double score = silhouette.score(scoredLabels, k);
            byK.put(k, score);
            if (score > byK.get(bestK) + 1e-9) {
                bestK = k;
            }
        }
        String criterion = String.format("k = %d maximises the mean silhouette (%.3f) of Ward partitions of %d sampled"
                + " accounts over k in [%d, %d], scored on %d of them", bestK, byK.get(bestK), sample.length, minK,
                maxK, scored);
        return new SegmentModel(centroids(sample, tree.partition(bestK), bestK), byK, criterion);
    }

    /** Unit-length mean of each cluster, largest cluster first. */
    static double[][] centroids(double[][] points, int[] labels, int k) {
        int dims = points[0].length;
        double[][] sums = new double[k][dims];
        int[] sizes = new int[k];
        for (int i = 0; i < points.length; i++) {
            sizes[labels[i]]++;
            for (int d = 0; d < dims; d++) {
                sums[labels[i]][d] += points[i][d];
            }
        }
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer c) -> -sizes[c]).thenComparingInt(c -> c));
        double[][] centroids = new double[k][];
        for (int rank = 0; rank < k; rank++) {
            centroids[rank] = FeatureStage.unit(sums[order[rank]]);
        }
        return centroids;
    }
}
