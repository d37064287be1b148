package io.needmap.pipeline.segment;

import io.needmap.pipeline.features.SparseRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * {@link HierarchicalClustering} with {@link WardLinkage}), chooses k within
 * bounds that follow from the audience by clusterwise stability, and merges what is one group cut in two.
 *
 * <p>Why Ward rather than k-means restarts: both minimise the within-segment sum of squares, but
 * k-means from random seeds, with power-law segment sizes, tends to split a big segment (a large
 * drop in distortion) and merge two small ones; Ward starts from single accounts and merges the
 * pair that costs least, so a small but distinct segment survives until late in the hierarchy. It
 * needs no random start and one tree gives every k. Cost: O(n²) time and n²/2 floats for a sample
 * of n, which is why the sample is bounded; the segments are then applied to every account by
 * nearest centroid (see {@link SegmentEstimator}).
 *
 * <p>Choosing k: no segment may hold fewer than {@code minSegmentSize} accounts, so k is at most
 * accounts with signal ÷ that size (428 accounts, floor 25: at most 17), and at least
 * {@code minSegments} (default 2). Within those bounds k is the finest resolution at which the
 * segments are still real: the largest k whose stable segments ({@link ClusterStability}: they come
 * back when half the sample is clustered again) hold at least {@code minStableShare} of the sample
 * and none of whose segments dissolves (stability over {@value #DISSOLVED}).
 * Real audiences are graded (tastes shade into each other), and a criterion that asks every cluster
 * to be as crisp as a planted mixture (prediction strength, which this replaced) stopped at a
 * rock/pop split on a real listening audience; the silhouette, reported beside it for comparison,
 * keeps rising on sparse audiences. After the cut, a group below the floor joins its nearest
 * segments, and two neighbouring segments that {@link Separation} finds to be one unimodal group are
 * merged: Ward's cost of merging grows with size, so a need that is a fifth of the audience is cut
 * in two before two small needs are joined. Every segment of the result carries its stability.
 *
 * <p>With {@link SegmentOptions#refine} (the default), k segments are sought in the embedding's
 * k-or-so leading dimensions ({@link #dimensionsFor}), every cut, of the sample and of each half, is
 * refined by k-means ({@link #refine}), and a k is taken only if no group is under the floor (absorbed,
 * it would change a neighbour the stability was measured on) and no two neighbouring segments are one
 * group ({@link #separated}: unimodal together in the embedding and following the same accounts):
 * graded real audiences then hold finer stable segments (a real listening audience with its artists
 * described by tags: 8 rather than 2; real bios: 15 rather than 3) while planted needs keep their
 * number (the bundled sample: 20).
 *
 * <p>After the cut (of the sample and, for its stability, of every half: {@link #afterCut}), a
 * segment whose follows are a blend of two others' joins its main need's segment ({@link Blends}:
 * halves of one need, a big need's members who also follow a small one), and the segments are fitted
 * as the mixture they are scored by ({@link #fitMixture}), each joined blend a component of its own
 * in the fit: on a graded audience of 20,000 accounts and 30 tastes, cut into 39, eight halves were
 * joined again (k = 31, ARI 0.707 to 0.997); on a realistic 60/40 audience of 20,000 accounts and 40
 * needs the 60/40 members stayed with their big need (ARI 0.838 to 0.993).
 *
 * <p>Weakness: a segment smaller than a handful of sample points cannot be told from noise; raise
 * the fit sample when segments of under ~1/500 of the audience matter. The silhouette favours
 * compact, equally spread groups: on a few hundred accounts it can pick one segment more than
 * planted (428 accounts, 8 planted: 9). Where the embedding is weak (short bios alone) the
 * one-group test passes pieces of a diffuse blob and k overshoots (5,000 generated bios, 10 planted
 * professions: k = 31). The one-group test compares two neighbours only, so a group cut in three can
 * pass when each pair looks flatter than one group. Its follow half ({@link #OWN_FOLLOWS}) is a
 * threshold between 0.47 (a pair that should merge) and 0.65 (real tastes) found on few
 * audiences: two real tastes that share more of their follows are merged, and halves of a need
 * whose members' second needs differ more can stay apart.
 */
public final class WardSegmenter {
    /**
     * Share of a segment's follow profile that must be left once a neighbour's is taken away for the
     * two to be two groups even when they look like one in the embedding. Measured (left against the
     * neighbour alone): every pair a real listening audience's embedding called one group left
     * 0.65-0.93 (its k went from 7 to 8, all stable); at 0.45 a pair of a 60/40 audience (0.46-0.47)
     * stayed apart (ARI 0.9992 to 0.917), at 0.55 it merges; the
     * bundled sample's pieces of planted needs merge either way (k = 20).
     */
    static final double OWN_FOLLOWS = 0.55;

    /**
     * Clusterwise stability at or under which a segment has dissolved (Hennig 2007): a k with such a
     * segment is not chosen, however much of the sample its other segments hold.
     */
    static final double DISSOLVED = 0.5;

    /** Halves of the sample clustered again to score each segment's stability. */
    private static final int HALVES = 6;
    /**
     * Largest half: {@value #HALVES} trees of this size cost about as much as the one tree on the
     * default sample of 8,000 (Ward is quadratic), and are built while it is.
     */
    private static final int MAX_HALF = 3000;

    /**
     * Numbers of leading embedding dimensions partitions are sought in ({@link #dimensionsFor}): k
     * segments in about k dimensions, as spectral clustering uses the k leading eigenvectors (Ng,
     * Jordan &amp; Weiss 2002). The trailing dimensions carry the finer structure and the noise a
     * coarse partition does not need and that makes it unstable; a rung per doubling would cost a
     * tree per rung, so the rungs step by half as much again.
     */
    private static final int[] DIMENSION_LADDER = {4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128};

    /** Lloyd iterations at most when refining a Ward cut. */
    private static final int MAX_REFINEMENTS = 50;

    private WardSegmenter() {}

    /**
     * @param sample embeddings of a random sample of the accounts with signal, in random order
     * @param population accounts with signal the sample was drawn from
     */
    public static SegmentModel fit(double[][] sample, long population, SegmentOptions options) {
        return fit(sample, null, population, options);
    }

    /**
     * @param sample embeddings of a random sample of the accounts with signal, in random order
     * @param profiles the same accounts' weighted unit feature rows, in the same order, that blends
     *     are told by ({@link Blends}); null tests no blend
     * @param population accounts with signal the sample was drawn from
     */
    public static SegmentModel fit(double[][] sample, SparseRow[] profiles, long population, SegmentOptions options) {
        if (sample.length < 2) {
            throw new IllegalArgumentException(
                    "Need at least 2 accounts with features to segment, got " + sample.length);
        }
        int minSize = (int) Math.max(2, Math.ceil((double) options.minSegmentSize() * sample.length / population));
        int minInHalf = Math.max(2, minSize / 2);
        Map<Integer, Resolution> resolutions = new HashMap<>();
        java.util.function.IntFunction<Resolution> resolution = k -> resolutions.computeIfAbsent(
                options.refine() ? dimensionsFor(k, sample[0].length) : sample[0].length,
                d -> Resolution.of(sample, d, options.refine(), options.seed()));
        if (options.segments() > 0) {
            int k = Math.min(options.segments(), sample.length);
            Resolution given = resolution.apply(k);
            return model(
                    given.points(),
                    given.partition(k),
                    k,
                    given.stability(),
                    minInHalf,
                    (subset, points, labels) -> labels,
                    Map.of(),
                    List.of(),
                    "k = " + k + " given by the user; " + given.describe());
        }
        int maxK = (int) Math.min(
                Math.min(options.maxSegments(), population / options.minSegmentSize()), sample.length / minSize);
        if (maxK < 2) {
            return new SegmentModel(
                    centroids(sample, new int[sample.length], 1),
                    new double[] {Double.NaN},
                    Map.of(),
                    List.of(),
                    String.format(
                            Locale.ROOT,
                            "one segment: %d accounts with signal cannot form two of at least %d",
                            population,
                            options.minSegmentSize()));
        }
        int minK = Math.min(options.minSegments(), maxK);
        // Each resolution (and its silhouette's distances) is built once; then every candidate k is
        // scored on the driver's cores, which are otherwise idle while it segments: a k's scores do not
        // depend on another's, so the result is the same in any order.
        Map<Integer, Resolution> resolutionOf = new HashMap<>();
        Map<Resolution, ScoredSilhouette> silhouettes = new IdentityHashMap<>();
        for (int candidate = minK; candidate <= maxK; candidate++) {
            Resolution at = resolution.apply(candidate);
            resolutionOf.put(candidate, at);
            silhouettes.computeIfAbsent(at, r -> ScoredSilhouette.of(r.points(), options.silhouetteSample()));
        }
        List<Scan> scans = IntStream.rangeClosed(minK, maxK)
                .parallel()
                .mapToObj(candidate -> scan(
                        candidate,
                        profiles,
                        resolutionOf.get(candidate),
                        silhouettes.get(resolutionOf.get(candidate)),
                        minInHalf,
                        minSize,
                        options))
                .toList();
        Map<Integer, SegmentModel.Candidate> candidates = new LinkedHashMap<>();
        Map<Integer, int[]> partitions = new HashMap<>();
        int k = -1;
        for (Scan scan : scans) {
            candidates.put(scan.k(), scan.candidate());
            partitions.put(scan.k(), scan.labels());
            if (scan.eligible()) {
                k = scan.k();
            }
        }
        String criterion;
        if (k > 0) {
            criterion = String.format(
                    Locale.ROOT,
                    "k = %d: the largest k in [%d, %d] whose stable segments (clusterwise Jaccard >= %.2f when half"
                            + " the sample is clustered again) hold %.3f of the sample (at least %.2f) and none of"
                            + " whose segments dissolves (least stable %.3f, over %.2f)%s",
                    k,
                    minK,
                    maxK,
                    options.minStability(),
                    candidates.get(k).stableShare(),
                    options.minStableShare(),
                    candidates.get(k).minJaccard(),
                    DISSOLVED,
                    options.refine()
                            ? ", with no group under the floor and no two neighbouring segments one group"
                            : "");
        } else {
            k = candidates.entrySet().stream()
                    .max(Map.Entry.<Integer, SegmentModel.Candidate>comparingByValue(
                                    Comparator.comparingDouble(SegmentModel.Candidate::stableShare))
                            .thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
            criterion = String.format(
                    Locale.ROOT,
                    "k = %d: no k in [%d, %d] has %.2f of the sample in stable segments and none dissolved; the k"
                            + " with the largest stable share (%.3f)",
                    k,
                    minK,
                    maxK,
                    options.minStableShare(),
                    candidates.get(k).stableShare());
        }
        Resolution chosen = resolution.apply(k);
        criterion += String.format(
                Locale.ROOT,
                "; %s, %d sampled accounts, no segment below %d accounts",
                chosen.describe(),
                sample.length,
                options.minSegmentSize());
        List<String> merges = new ArrayList<>();
        int[] labels = afterCut(profiles, chosen.points(), partitions.get(k), minSize, options.blendLimit(), merges);
        ClusterStability.AfterCut inHalves = (subset, points, halfLabels) -> afterCut(
                profiles == null
                        ? null
                        : Arrays.stream(subset).mapToObj(i -> profiles[i]).toArray(SparseRow[]::new),
                points,
                halfLabels,
                minInHalf,
                options.blendLimit(),
                new ArrayList<>());
        return model(
                chosen.points(), labels, k, chosen.stability(), minInHalf, inHalves, candidates, merges, criterion);
    }

    /**
     * What follows a cut, on the sample and, for its stability, on each half: one groups merged
     * ({@link #mergeOneGroups}), blends joined to their main need's segment ({@link #joinBlends},
     * when there are {@code profiles}), the mixture fitted ({@link #fitMixture}), groups under {@code
     * minSize} absorbed ({@link #absorbSmall}); each step noted in {@code merges}.
     */
    static int[] afterCut(
            SparseRow[] profiles, double[][] points, int[] cut, int minSize, double blendLimit, List<String> merges) {
        // One groups first: a small group that a piece of a cut-up group absorbed would make that
        // piece look like two groups and keep it apart.
        int[] labels = mergeOneGroups(points, profiles, cut, merges);
        Components components =
                profiles == null ? Components.ofSegments(labels) : joinBlends(profiles, labels, blendLimit, merges);
        return absorbSmall(points, fitMixture(points, components), minSize, merges);
    }

    /**
     * The segments of a partition of the sample, largest first, each with its stability against the
     * halves cut into {@code cutK} (the k the partition was cut at before merges).
     */
    private static SegmentModel model(
            double[][] sample,
            int[] labels,
            int cutK,
            ClusterStability stability,
            int minInHalf,
            ClusterStability.AfterCut afterCut,
            Map<Integer, SegmentModel.Candidate> candidates,
            List<String> merges,
            String criterion) {
        int[] compacted = compact(labels);
        int k = Arrays.stream(compacted).max().orElse(0) + 1;
        double[] jaccard = stability.jaccard(compacted, k, cutK, minInHalf, afterCut);
        int[] order = bySize(compacted, k);
        int[] sizes = sizes(compacted, k);
        return new SegmentModel(
                centroids(sample, compacted, k),
                Arrays.stream(order).mapToDouble(c -> jaccard[c]).toArray(),
                Arrays.stream(order)
                        .mapToDouble(c -> (double) sizes[c] / compacted.length)
                        .toArray(),
                candidates,
                merges,
                criterion);
    }

    /**
     * The leading embedding dimensions a partition into k segments is sought in: the smallest rung of
     * {@link #DIMENSION_LADDER} that is at least k, at most the embedding's.
     */
    static int dimensionsFor(int k, int available) {
        for (int dimensions : DIMENSION_LADDER) {
            if (dimensions >= k) {
                return Math.min(dimensions, available);
            }
        }
        return available;
    }

    /** A candidate k's cut, its scores, and whether it meets the criterion. */
    private record Scan(int k, int[] labels, SegmentModel.Candidate candidate, boolean eligible) {}

    private static Scan scan(
            int k,
            SparseRow[] profiles,
            Resolution at,
            ScoredSilhouette silhouette,
            int minInHalf,
            int minSize,
            SegmentOptions options) {
        int[] labels = at.partition(k);
        ClusterStability.Summary summary = at.stability().summary(labels, k, minInHalf, options.minStability());
        int smallest = smallestGroup(labels);
        boolean passesTheOtherTests = summary.stableShare() >= options.minStableShare()
                && summary.minJaccard() > DISSOLVED
                && (!options.refine() || smallest >= minSize);
        // The one-group test is the costly one (a Gram matrix of the follow profiles per merge): run
        // only where it decides, on a refined cut that passes every other test; null elsewhere.
        Boolean separated = passesTheOtherTests && options.refine() ? separated(at.points(), profiles, labels) : null;
        boolean eligible = passesTheOtherTests && (!options.refine() || separated);
        return new Scan(
                k,
                labels,
                new SegmentModel.Candidate(
                        summary.stableShare(),
                        summary.stableSegments(),
                        summary.minJaccard(),
                        silhouette.score(labels, k),
                        smallest,
                        separated),
                eligible);
    }

    /**
     * The sample in one number of leading dimensions, its Ward tree, and the halves clustered
     * again in the same dimensions ({@link ClusterStability}).
     */
    private record Resolution(
            double[][] points, HierarchicalClustering tree, boolean refine, ClusterStability stability) {
        static Resolution of(double[][] sample, int dimensions, boolean refine, long seed) {
            double[][] points = Arrays.stream(sample)
                    .map(p -> SegmentModel.leading(p, dimensions))
                    .toArray(double[][]::new);
            // The halves' trees do not depend on the full tree: built on another core meanwhile, as
            // the driver's cores are otherwise idle while it segments.
            CompletableFuture<ClusterStability> resampled =
                    CompletableFuture.supplyAsync(() -> ClusterStability.of(points, HALVES, MAX_HALF, refine, seed));
            HierarchicalClustering tree = HierarchicalClustering.fit(WardLinkage.of(points));
            try {
                return new Resolution(points, tree, refine, resampled.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        /** Ward's cut into k groups, refined to a local optimum ({@link WardSegmenter#refine}) if asked. */
        int[] partition(int k) {
            int[] cut = tree.partition(Math.min(k, points.length));
            return refine ? WardSegmenter.refine(points, cut, k) : cut;
        }

        String describe() {
            return refine
                    ? "Ward cuts refined by k-means in the embedding's " + points[0].length + " leading dimensions"
                    : "Ward cuts in the embedding's " + points[0].length + " dimensions";
        }
    }

    /**
     * Lloyd's k-means iterations started from {@code labels} (Smile 3.1 starts k-means only from
     * k-means++ seeds; {@link LloydRefinement} skips the distances that cannot change a label): each
     * point moves to its nearest group mean until none moves. Why: a Ward cut
     * keeps every early merge, so an account near a boundary stays where a merge of small groups put
     * it, and the cut of a resampled half draws that boundary elsewhere; refined, both cuts settle on
     * the same boundaries. On a real listening audience (1,882 accounts) the largest k whose segments
     * all came back when the sample was halved rose from 2 to 7. Weakness: refined, a smooth group cut
     * in two comes back in every half as well (Ben-David, von Luxburg &amp; Pál, "A sober look at
     * clustering stability", COLT 2006), so stability no longer stops k at crisp needs.
     */
    static int[] refine(double[][] points, int[] labels, int k) {
        return LloydRefinement.refine(points, labels, k, MAX_REFINEMENTS);
    }

    /**
     * The mean silhouette of partitions of one set of points, scored on an evenly spaced subsample
     * of the (randomly ordered) points, whose distances {@link Silhouette} computes once.
     */
    private record ScoredSilhouette(int[] scoredIndex, Silhouette silhouette) {
        static ScoredSilhouette of(double[][] points, int silhouetteSample) {
            int scored = Math.min(silhouetteSample, points.length);
            int[] scoredIndex = IntStream.range(0, scored)
                    .map(i -> (int) ((long) i * points.length / scored))
                    .toArray();
            return new ScoredSilhouette(
                    scoredIndex,
                    new Silhouette(
                            Arrays.stream(scoredIndex).mapToObj(i -> points[i]).toArray(double[][]::new)));
        }

        double score(int[] labels, int k) {
            return silhouette.score(
                    Arrays.stream(scoredIndex).map(i -> labels[i]).toArray(), k);
        }
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
            merges.add(String.format(
                    Locale.ROOT,
                    "a group of %d sampled accounts (under the %d a segment needs)" + " joined its nearest segments",
                    sizes[smallest],
                    minSize));
            current = withoutGroup(points, current, k, smallest);
        }
    }

    /**
     * {@code labels} (k groups) with {@code group}'s points moved to their nearest remaining group
     * mean, renumbered without the gap.
     */
    private static int[] withoutGroup(double[][] points, int[] labels, int k, int group) {
        double[][] means = means(points, labels, k);
        means[group] = null;
        int[] moved = labels.clone();
        for (int i = 0; i < points.length; i++) {
            if (moved[i] == group) {
                moved[i] = nearest(means, points[i]);
            }
        }
        return compact(moved);
    }

    /**
     * Merges, closest pair first, neighbouring segments that are one group: their best cut along the
     * line between them explains no more variance than a cut through one unimodal group can
     * ({@link Separation}), and, where there are follow {@code profiles}, less than {@link
     * #OWN_FOLLOWS} of one's profile is left once the other's is taken away ({@link Blends}). Why
     * both: k-means cuts a planted need into pieces that look unimodal together and follow the same
     * accounts; two neighbouring tastes of a real audience also shade into each other in the
     * embedding, yet each follows accounts the other does not, and they stay two segments.
     */
    static int[] mergeOneGroups(double[][] points, SparseRow[] profiles, int[] labels, List<String> merges) {
        int features = profiles == null ? 0 : features(profiles);
        int[] current = compact(labels);
        while (true) {
            int k = Arrays.stream(current).max().orElse(0) + 1;
            double[][] means = means(points, current, k);
            int[] sizes = sizes(current, k);
            double[][] gram = null; // the profiles' Gram matrix, built when a pair first looks unimodal
            int bestA = -1;
            int bestB = -1;
            double bestShare = Separation.UNIMODAL_LIMIT;
            double bestLeft = Double.NaN;
            for (int a = 0; a < k; a++) {
                int b = nearestOther(means, a);
                if (b < 0) {
                    continue;
                }
                double share = Separation.explainedByCut(members(points, current, a), members(points, current, b));
                if (share >= bestShare) {
                    continue;
                }
                if (features > 0) {
                    gram = gram == null ? Blends.gram(profiles, current, k, features) : gram;
                }
                double left = features == 0 ? Double.NaN : Blends.leftAgainst(gram, a, b);
                if (features == 0 || left < OWN_FOLLOWS) {
                    bestShare = share;
                    bestA = a;
                    bestB = b;
                    bestLeft = left;
                }
            }
            if (bestA < 0) {
                return current;
            }
            merges.add(String.format(
                    Locale.ROOT,
                    "segments of %d and %d sampled accounts merged: one group (a cut"
                            + " between them explains %.2f of the variance along the line joining them, under %.2f%s)",
                    sizes[bestA],
                    sizes[bestB],
                    bestShare,
                    Separation.UNIMODAL_LIMIT,
                    Double.isNaN(bestLeft)
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; %.2f of one's follow profile left once the other's is taken away, under %.2f",
                                    bestLeft,
                                    OWN_FOLLOWS)));
            for (int i = 0; i < current.length; i++) {
                if (current[i] == bestB) {
                    current[i] = bestA;
                }
            }
            current = compact(current);
        }
    }

    /**
     * A partition of the sample into mixture components, each part of a segment: a blend
     * ({@link #joinBlends}) is a component of its own within its main need's segment.
     *
     * @param labels each point's component, 0..c-1
     * @param segmentOf each component's segment, as the component it joined (itself when none);
     *     chains end at a component that joined none
     */
    record Components(int[] labels, int[] segmentOf) {
        /** Every group of {@code labels} a component and a segment of its own. */
        static Components ofSegments(int[] labels) {
            int[] compacted = compact(labels);
            return new Components(
                    compacted, IntStream.range(0, groups(compacted)).toArray());
        }

        /** Each point's segment, numbered 0.. in order of first appearance. */
        int[] segments() {
            int[] segments = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                int s = labels[i];
                while (segmentOf[s] != s) {
                    s = segmentOf[s];
                }
                segments[i] = s;
            }
            return compact(segments);
        }
    }

    /**
     * Joins, one at a time and least left first, every group whose profile over the features
     * ({@code profiles}, one per point) is within {@code limit} of a blend of at most two other groups
     * ({@link Blends}) to the segment of the partner that explains more of its profile (its members'
     * main need). The blend stays a component of its own for the mixture fit ({@link #fitMixture}):
     * merged into its main need it would widen that need's spread, and a big need's members who
     * follow a small need for a third of their follows would, by the mixture, drift into the small
     * need's tight segment (20,000 accounts, 40 needs, realistic 60/40: 565 of 593 sampled blend
     * members did, ARI 0.838). A joined group is no partner of a later blend.
     */
    static Components joinBlends(SparseRow[] profiles, int[] labels, double limit, List<String> merges) {
        int features = features(profiles);
        int[] current = compact(labels);
        int k = groups(current);
        int[] segmentOf = IntStream.range(0, k).toArray();
        if (features == 0) {
            return new Components(current, segmentOf);
        }
        double[][] gram = Blends.gram(profiles, current, k, features);
        int[] sizes = sizes(current, k);
        boolean[] joined = new boolean[k];
        for (int open = k; open >= 3; open--) {
            int worst = -1;
            Blends.Blend worstBlend = null;
            for (int a = 0; a < k; a++) {
                Blends.Blend blend = joined[a] ? null : Blends.closest(gram, a, joined);
                if (blend != null && blend.left() < limit && (worstBlend == null || blend.left() < worstBlend.left())) {
                    worst = a;
                    worstBlend = blend;
                }
            }
            if (worst < 0) {
                break;
            }
            int main = worstBlend.second() >= 0
                            && worstBlend.secondWeight() * gram[worstBlend.second()][worst]
                                    > worstBlend.firstWeight() * gram[worstBlend.first()][worst]
                    ? worstBlend.second()
                    : worstBlend.first();
            merges.add(String.format(
                    Locale.ROOT,
                    "a group of %d sampled accounts joined the segment of its main need: a blend of the groups of"
                            + " %d%s sampled accounts (%.2f of its profile left, under %.2f), mostly the %d's",
                    sizes[worst],
                    sizes[worstBlend.first()],
                    worstBlend.second() < 0 ? "" : " and " + sizes[worstBlend.second()],
                    worstBlend.left(),
                    limit,
                    sizes[main]));
            joined[worst] = true;
            segmentOf[worst] = main;
        }
        return new Components(current, segmentOf);
    }

    /**
     * Hard-assignment EM of the mixture of von Mises-Fisher distributions the segments are scored as
     * ({@link SegmentModel#assign}; Banerjee, Dhillon, Ghosh &amp; Sra 2005, hard-moVMF), started from
     * a partition into components: each point moves to the component with the highest posterior, then
     * each component's mean, concentration and mixing weight are estimated again, until no point
     * moves; returned as each point's segment (the components joined, {@link Components}). Why: Ward and
     * k-means draw boundaries by Euclidean distance with equal spread and weight, while every account
     * is then assigned by the mixture; a big need's members who also follow a small one sat in the
     * small need's segment by distance although the mixture put them in the big one (60/40 audience
     * of 20,000, 40 needs: ARI 0.88 to 0.94; planted 40 needs: 0.976 to 0.987). A segment that loses
     * every point is gone. Below {@link VonMisesFisher#ACCURATE_DIMENSIONS} dimensions (partitions
     * into fewer than about 20 segments) the concentrations' normaliser is too coarse to move points
     * by, and the cut is kept (a graded audience cut into 14 in 16 dimensions lost ARI 0.06 by it).
     */
    static int[] fitMixture(double[][] points, Components components) {
        if (points[0].length < VonMisesFisher.ACCURATE_DIMENSIONS) {
            return components.segments();
        }
        int[] current = components.labels().clone();
        int count = components.segmentOf().length;
        for (int iteration = 0; iteration < MAX_REFINEMENTS; iteration++) {
            int[] sizes = sizes(current, count);
            int[] alive = IntStream.range(0, count).filter(c -> sizes[c] > 0).toArray();
            double[][] means = means(points, current, count);
            SegmentModel.Scorer scorer = new SegmentModel(
                            Arrays.stream(alive).mapToObj(c -> means[c]).toArray(double[][]::new),
                            new double[alive.length],
                            Arrays.stream(alive)
                                    .mapToDouble(c -> (double) sizes[c] / points.length)
                                    .toArray(),
                            Map.of(),
                            List.of(),
                            "")
                    .scorer();
            boolean moved = false;
            int[] next = new int[points.length];
            for (int i = 0; i < points.length; i++) {
                next[i] = alive[scorer.assign(points[i]).segment()];
                moved |= next[i] != current[i];
            }
            current = next;
            if (!moved) {
                break;
            }
        }
        return new Components(current, components.segmentOf()).segments();
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

    /**
     * Whether no two neighbouring groups of a partition are one group ({@link #mergeOneGroups} merges
     * none). Refined cuts need this gate: k-means cuts a large smooth group into pieces that come back
     * in every half, so stability alone passes them (a planted need of 752 accounts cut in three).
     */
    static boolean separated(double[][] points, SparseRow[] profiles, int[] labels) {
        return groups(mergeOneGroups(points, profiles, labels, new ArrayList<>())) == groups(labels);
    }

    /** The width of the profiles: one more than the largest feature index any row holds. */
    private static int features(SparseRow[] profiles) {
        return Arrays.stream(profiles)
                        .filter(java.util.Objects::nonNull)
                        .flatMapToInt(row -> Arrays.stream(row.indices()))
                        .max()
                        .orElse(-1)
                + 1;
    }

    private static int smallestGroup(int[] labels) {
        int[] compacted = compact(labels);
        return Arrays.stream(sizes(compacted, groups(compacted))).min().orElse(0);
    }

    private static int groups(int[] labels) {
        return (int) Arrays.stream(labels).distinct().count();
    }

    /** Labels renumbered 0..k-1 in order of first appearance. */
    private static int[] compact(int[] labels) {
        Map<Integer, Integer> ids = new LinkedHashMap<>();
        return Arrays.stream(labels)
                .map(l -> ids.computeIfAbsent(l, x -> ids.size()))
                .toArray();
    }

    static int[] sizes(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Cluster numbers, largest cluster first (ties by number). */
    private static int[] bySize(int[] labels, int k) {
        int[] sizes = sizes(labels, k);
        return IntStream.range(0, k)
                .boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -sizes[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue)
                .toArray();
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

    /**
     * Mean of each cluster's unit-length points, largest cluster first: its direction is the
     * segment's, its length (the members' mean cosine to that direction) how tight the segment is.
     */
    static double[][] centroids(double[][] points, int[] labels, int k) {
        double[][] means = means(points, labels, k);
        int[] order = bySize(labels, k);
        double[][] centroids = new double[k][];
        for (int rank = 0; rank < k; rank++) {
            centroids[rank] = means[order[rank]];
        }
        return centroids;
    }
}
