package io.needmap.pipeline.segment;

import io.needmap.pipeline.features.FeatureStage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;
import smile.math.MathEx;

/**
 * Fits segments on a sample of account embeddings with Ward's agglomerative method (Smile's
 * {@link HierarchicalClustering} with {@link WardLinkage}), chooses k by prediction strength within
 * bounds that follow from the audience, and merges what is one group cut in two.
 *
 * <p>Why Ward rather than k-means restarts: both minimise the within-segment sum of squares, but
 * k-means from random seeds, with power-law segment sizes, tends to split a big segment (a large
 * drop in distortion) and merge two small ones; Ward starts from single accounts and merges the
 * pair that costs least, so a small but distinct segment survives until late in the hierarchy. It
 * needs no random start and one tree gives every k. Cost: O(n²) time and n²/2 floats for a sample
 * of n, which is why the sample is bounded; the segments are then applied to every account by
 * nearest centroid (see {@link SegmentStage}).
 *
 * <p>Choosing k: no segment may hold fewer than {@code minSegmentSize} accounts, so k is at most
 * accounts with signal ÷ that size (428 accounts, floor 25: at most 17), and at least
 * {@code minSegments} (default 2). Within those bounds the peak of the mean silhouette wins; each
 * k's {@link PredictionStrength} (Tibshirani &amp; Walther) is reported beside it and the choice is
 * flagged when its strength is under {@code minPredictionStrength}. Strength is how reproducible a
 * partition is on random halves; on realistic audiences (thin niche signal, one need at a fifth) it
 * falls below 0.8 from k = 4 while the silhouette still peaks at the planted k (10,000 and 100,000
 * accounts, 20 planted: the largest k reaching 0.8 was 3 to 7, the silhouette's peak 20 or 21).
 * When the silhouette has no peak (it rises with k up to the bound, as it can on sparse audiences),
 * the largest k whose strength reaches {@code minPredictionStrength} is used instead. After
 * the cut, a group below the floor joins its nearest segments, and two neighbouring segments that
 * {@link Separation} finds to be one unimodal group are merged: Ward's cost of merging grows with
 * size, so a need that is a fifth of the audience is cut in two before two small needs are joined.
 *
 * <p>Weakness: a segment smaller than a handful of sample points cannot be told from noise; raise
 * the fit sample when segments of under ~1/500 of the audience matter. The silhouette favours
 * compact, equally spread groups: on a few hundred accounts it can pick one segment more than
 * planted (428 accounts, 8 planted: 9).
 */
public final class WardSegmenter {
    /** Random half-splits behind each prediction strength. */
    private static final int RESAMPLES = 3;
    /**
     * Sampled accounts the prediction strength resamples: its 2 × {@value #RESAMPLES} trees of half
     * this size together cost about 40% of the one tree on the full default sample of 8,000.
     */
    private static final int STRENGTH_SAMPLE = 4000;
    /**
     * How far the silhouette's highest value must stand above its value at the upper bound to count
     * as a peak; below it the silhouette just rises with k, as on sparse audiences, and chooses nothing.
     */
    static final double SILHOUETTE_PEAK = 1.1;

    private WardSegmenter() {}

    /**
     * @param sample embeddings of a random sample of the accounts with signal, in random order
     * @param population accounts with signal the sample was drawn from
     */
    public static SegmentModel fit(double[][] sample, long population, SegmentOptions options) {
        if (sample.length < 2) {
            throw new IllegalArgumentException(
                    "Need at least 2 accounts with features to segment, got " + sample.length);
        }
        if (options.segments() > 0) {
            int k = Math.min(options.segments(), sample.length);
            return new SegmentModel(
                    centroids(sample, tree(sample).partition(k), k),
                    Map.of(),
                    List.of(),
                    "k = " + k + " given by the user");
        }
        int minSize = (int) Math.max(2, Math.ceil((double) options.minSegmentSize() * sample.length / population));
        int maxK = (int) Math.min(
                Math.min(options.maxSegments(), population / options.minSegmentSize()), sample.length / minSize);
        if (maxK < 2) {
            return new SegmentModel(
                    centroids(sample, new int[sample.length], 1),
                    Map.of(),
                    List.of(),
                    String.format(
                            Locale.ROOT,
                            "one segment: %d accounts with signal cannot form two of at least %d",
                            population,
                            options.minSegmentSize()));
        }
        int minK = Math.min(options.minSegments(), maxK);
        double[][] resampled = Arrays.copyOf(sample, Math.min(sample.length, STRENGTH_SAMPLE));
        // The strength's trees (of halves of a smaller sample) do not depend on the full tree: built on
        // another core meanwhile, as the driver's cores are otherwise idle while it segments.
        CompletableFuture<Map<Integer, Double>> strengthByK =
                CompletableFuture.supplyAsync(() -> PredictionStrength.byK(
                        resampled,
                        minK,
                        maxK,
                        Math.max(2, minSize * resampled.length / sample.length),
                        RESAMPLES,
                        options.seed()));
        HierarchicalClustering tree = tree(sample);
        Map<Integer, Double> silhouette = silhouettes(sample, tree, minK, maxK, options.silhouetteSample());
        Map<Integer, Double> strength;
        try {
            strength = strengthByK.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Map<Integer, SegmentModel.Candidate> candidates = new LinkedHashMap<>();
        strength.forEach((k, ps) -> candidates.put(k, new SegmentModel.Candidate(ps, silhouette.get(k))));
        int peak = silhouette.entrySet().stream() // ties go to the smaller k
                .max(Map.Entry.<Integer, Double>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
        int k;
        String criterion;
        if (peak < maxK && silhouette.get(peak) >= SILHOUETTE_PEAK * silhouette.get(maxK)) {
            k = peak;
            criterion = String.format(
                    Locale.ROOT,
                    "k = %d: the silhouette's peak (%.3f) in [%d, %d]; prediction strength %.3f",
                    k,
                    silhouette.get(k),
                    minK,
                    maxK,
                    strength.get(k));
            if (strength.get(k) < options.minPredictionStrength()) {
                criterion += String.format(
                        Locale.ROOT,
                        " (under %.2f: the finer segments differ between random halves of the audience)",
                        options.minPredictionStrength());
            }
        } else {
            int stable = strength.entrySet().stream()
                    .filter(e -> e.getValue() >= options.minPredictionStrength())
                    .mapToInt(Map.Entry::getKey)
                    .max()
                    .orElse(-1);
            k = stable > 0
                    ? stable
                    : strength.entrySet().stream()
                            .max(Map.Entry.<Integer, Double>comparingByValue()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .orElseThrow()
                            .getKey();
            criterion = String.format(
                    Locale.ROOT,
                    "k = %d: the silhouette rises with k to the bound without a peak; the largest k in [%d, %d] whose"
                            + " prediction strength reaches %.2f (else the most stable): %.3f",
                    k,
                    minK,
                    maxK,
                    options.minPredictionStrength(),
                    strength.get(k));
        }
        criterion += String.format(
                Locale.ROOT,
                "; Ward partitions of %d sampled accounts, no segment below %d accounts",
                sample.length,
                options.minSegmentSize());
        List<String> merges = new ArrayList<>();
        int[] labels = absorbSmall(sample, tree.partition(k), minSize, merges);
        labels = mergeOneGroups(sample, labels, merges);
        int found = Arrays.stream(labels).max().orElse(0) + 1;
        return new SegmentModel(centroids(sample, labels, found), candidates, merges, criterion);
    }

    private static HierarchicalClustering tree(double[][] sample) {
        return HierarchicalClustering.fit(WardLinkage.of(sample));
    }

    /** Mean silhouette of every k, scored on an evenly spaced subsample of the (randomly ordered) sample. */
    private static Map<Integer, Double> silhouettes(
            double[][] sample, HierarchicalClustering tree, int minK, int maxK, int silhouetteSample) {
        int scored = Math.min(silhouetteSample, sample.length);
        int[] scoredIndex = IntStream.range(0, scored)
                .map(i -> (int) ((long) i * sample.length / scored))
                .toArray();
        Silhouette silhouette = new Silhouette(
                Arrays.stream(scoredIndex).mapToObj(i -> sample[i]).toArray(double[][]::new));
        Map<Integer, Double> byK = new LinkedHashMap<>();
        for (int k = minK; k <= maxK; k++) {
            int[] labels = tree.partition(k);
            byK.put(
                    k,
                    silhouette.score(
                            Arrays.stream(scoredIndex).map(i -> labels[i]).toArray(), k));
        }
        return byK;
    }

    /** Moves the points of every group smaller than {@code minSize} to their nearest remaining group. */
    static int[] absorbSmall(double[][] points, int[] labels, int minSize, List<String> merges) {
        int[] current = compact(labels);
        while (true) {
            int k = Arrays.stream(current).max().orElse(0) + 1;
            int[] sizes = sizes(current, k);
            int smallest = IntStream.range(0, k)
                    .boxed()
                    .min(Comparator.comparingInt(c -> sizes[c]))
                    .orElseThrow();
            if (k < 2 || sizes[smallest] >= minSize) {
                return current;
            }
            double[][] means = means(points, current, k);
            means[smallest] = null;
            for (int i = 0; i < points.length; i++) {
                if (current[i] == smallest) {
                    current[i] = PredictionStrength.nearest(means, points[i]);
                }
            }
            merges.add(String.format(
                    Locale.ROOT,
                    "a group of %d sampled accounts (under the %d a segment needs)" + " joined its nearest segments",
                    sizes[smallest],
                    minSize));
            current = compact(current);
        }
    }

    /**
     * Merges, closest pair first, neighbouring segments whose best cut along the line between them
     * explains no more variance than a cut through one unimodal group can ({@link Separation}).
     */
    static int[] mergeOneGroups(double[][] points, int[] labels, List<String> merges) {
        int[] current = compact(labels);
        while (true) {
            int k = Arrays.stream(current).max().orElse(0) + 1;
            double[][] means = means(points, current, k);
            int[] sizes = sizes(current, k);
            int bestA = -1;
            int bestB = -1;
            double bestShare = Separation.UNIMODAL_LIMIT;
            for (int a = 0; a < k; a++) {
                int b = nearestOther(means, a);
                if (b < 0) {
                    continue;
                }
                double share = Separation.explainedByCut(members(points, current, a), members(points, current, b));
                if (share < bestShare) {
                    bestShare = share;
                    bestA = a;
                    bestB = b;
                }
            }
            if (bestA < 0) {
                return current;
            }
            merges.add(String.format(
                    Locale.ROOT,
                    "segments of %d and %d sampled accounts merged: one group (a cut"
                            + " between them explains %.2f of the variance along the line joining them, under %.2f)",
                    sizes[bestA],
                    sizes[bestB],
                    bestShare,
                    Separation.UNIMODAL_LIMIT));
            for (int i = 0; i < current.length; i++) {
                if (current[i] == bestB) {
                    current[i] = bestA;
                }
            }
            current = compact(current);
        }
    }

    private static int nearestOther(double[][] means, int of) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double distance = c == of ? Double.POSITIVE_INFINITY : MathEx.squaredDistance(means[of], means[c]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    private static double[][] members(double[][] points, int[] labels, int cluster) {
        return IntStream.range(0, points.length)
                .filter(i -> labels[i] == cluster)
                .mapToObj(i -> points[i])
                .toArray(double[][]::new);
    }

    /** Labels renumbered 0..k-1 in order of first appearance. */
    private static int[] compact(int[] labels) {
        Map<Integer, Integer> ids = new LinkedHashMap<>();
        return Arrays.stream(labels)
                .map(l -> ids.computeIfAbsent(l, x -> ids.size()))
                .toArray();
    }

    private static int[] sizes(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Mean of each cluster (not normalised). */
    static double[][] means(double[][] points, int[] labels, int k) {
        double[][] sums = new double[k][points[0].length];
        int[] sizes = sizes(labels, k);
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < points[i].length; d++) {
                sums[labels[i]][d] += points[i][d];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < sums[c].length; d++) {
                sums[c][d] /= Math.max(1, sizes[c]);
            }
        }
        return sums;
    }

    /** Unit-length mean of each cluster, largest cluster first. */
    static double[][] centroids(double[][] points, int[] labels, int k) {
        double[][] means = means(points, labels, k);
        int[] sizes = sizes(labels, k);
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer c) -> -sizes[c]).thenComparingInt(c -> c));
        double[][] centroids = new double[k][];
        for (int rank = 0; rank < k; rank++) {
            centroids[rank] = FeatureStage.unit(means[order[rank]]);
        }
        return centroids;
    }
}
