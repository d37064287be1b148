package io.needmap.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.features.SparseRow;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;

class WardSegmenterTest {
    private static final int[] SIZES = {400, 200, 120, 80, 50, 30, 20};

    /** Power-law sized, well separated clusters of unit vectors around orthogonal directions. */
    private static double[][] points(int[] truth) {
        Random random = new Random(5);
        double[][] points = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            double[] p = new double[12];
            p[truth[i]] = 1;
            for (int d = 0; d < p.length; d++) {
                p[d] += 0.15 * random.nextGaussian();
            }
            double norm = Math.sqrt(Arrays.stream(p).map(x -> x * x).sum());
            points[i] = Arrays.stream(p).map(x -> x / norm).toArray();
        }
        return points;
    }

    private static double[] unit(double[] p) {
        double norm = Math.sqrt(Arrays.stream(p).map(x -> x * x).sum());
        return Arrays.stream(p).map(x -> x / norm).toArray();
    }

    /** Points in a seeded random order (as the fit sample comes), truth permuted alike. */
    private static double[][] shuffled(double[][] points, int[] truth) {
        Random random = new Random(17);
        for (int i = points.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] p = points[i];
            points[i] = points[j];
            points[j] = p;
            int t = truth[i];
            truth[i] = truth[j];
            truth[j] = t;
        }
        return points;
    }

    private static int[] truth() {
        int[] truth = new int[Arrays.stream(SIZES).sum()];
        int i = 0;
        for (int c = 0; c < SIZES.length; c++) {
            for (int n = 0; n < SIZES[c]; n++) {
                truth[i++] = c;
            }
        }
        return truth;
    }

    private static SegmentModel chosen(double[][] points, int minSegmentSize) {
        return WardSegmenter.fit(
                points,
                points.length,
                new SegmentOptions(0, 2, 12, minSegmentSize, 0.75, 0.8, 0.7, false, 5000, 600, 1));
    }

    @Test
    void choosesThePlantedNumberOfSegmentsAndKeepsSmallOnes() {
        int[] truth = truth();
        double[][] points = shuffled(points(truth), truth);
        SegmentModel model = chosen(points, 10);
        assertEquals(SIZES.length, model.k(), model.criterion() + " " + model.candidates());
        assertEquals(11, model.candidates().size(), "every k in 2..12 was scored");
        int[] found =
                Arrays.stream(points).mapToInt(p -> model.assign(p).segment()).toArray();
        assertTrue(AdjustedRandIndex.of(truth, found) > 0.99);
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == 0) {
                assertEquals(0, found[i], "segment 0 is the largest");
            } else if (truth[i] == SIZES.length - 1) {
                assertEquals(SIZES.length - 1, found[i], "the 20-account segment survives, last");
            }
        }
    }

    @Test
    void aSmallGroupUnderTheFloorJoinsItsNeighbour() {
        int[] truth = truth();
        SegmentModel model = chosen(shuffled(points(truth), truth), 25);
        assertEquals(SIZES.length - 1, model.k(), "the 20-account group is under the floor of 25");
        assertTrue(
                model.merges().stream().anyMatch(m -> m.startsWith("a group of 20 sampled accounts")),
                model.merges().toString());
    }

    @Test
    void aDominantGroupStaysOneSegment() {
        // one broad group of 60% next to four tight ones: Ward cuts the broad one before joining tight ones
        int[] sizes = {1200, 200, 200, 200, 200};
        int[] truth = new int[Arrays.stream(sizes).sum()];
        Random random = new Random(11);
        double[][] points = new double[truth.length][];
        for (int c = 0, i = 0; c < sizes.length; c++) {
            for (int n = 0; n < sizes[c]; n++, i++) {
                truth[i] = c;
                double[] p = new double[12];
                p[c] = 1;
                for (int d = 0; d < p.length; d++) {
                    p[d] += (c == 0 ? 0.2 : 0.08) * random.nextGaussian();
                }
                points[i] = unit(p);
            }
        }
        double[][] shuffledPoints = shuffled(points, truth);
        SegmentModel model = chosen(shuffledPoints, 25);
        int[] found = Arrays.stream(shuffledPoints)
                .mapToInt(p -> model.assign(p).segment())
                .toArray();
        assertEquals(sizes.length, model.k(), model.criterion() + " " + model.merges());
        assertTrue(AdjustedRandIndex.of(truth, found) > 0.98, "ARI " + AdjustedRandIndex.of(truth, found));
    }

    @Test
    void noiseWithoutGroupsIsOneSegment() {
        Random random = new Random(3);
        double[][] points = new double[800][];
        for (int i = 0; i < points.length; i++) {
            double[] p = new double[12];
            for (int d = 0; d < p.length; d++) {
                p[d] = random.nextGaussian();
            }
            points[i] = p;
        }
        SegmentModel model = chosen(points, 25);
        assertEquals(1, model.k(), model.criterion() + " " + model.merges());
    }

    @Test
    void twoHalvesOfOneGroupAreOneGroupTwoGroupsAreNot() {
        Random random = new Random(8);
        double[][] blob = new double[400][];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        }
        double[][] left = Arrays.stream(blob).filter(p -> p[0] < 0).toArray(double[][]::new);
        double[][] right = Arrays.stream(blob).filter(p -> p[0] >= 0).toArray(double[][]::new);
        assertTrue(Separation.explainedByCut(left, right) < Separation.UNIMODAL_LIMIT);
        double[][] far = Arrays.stream(right)
                .map(p -> new double[] {p[0] + 6, p[1], p[2]})
                .toArray(double[][]::new);
        assertTrue(Separation.explainedByCut(left, far) > 0.9);
        assertEquals(
                2.0 / Math.PI,
                Separation.bestCutShare(
                        Arrays.stream(blob).mapToDouble(p -> p[0]).toArray()),
                0.05,
                "a normal sample: the best cut explains about 2/pi");
    }

    @Test
    void aGivenKIsUsedAndEverySegmentCarriesItsStability() {
        int[] truth = truth();
        double[][] points = shuffled(points(truth), truth);
        SegmentModel model = WardSegmenter.fit(
                points, points.length, new SegmentOptions(4, 3, 12, 10, 0.75, 0.8, 0.7, false, 5000, 600, 1));
        assertEquals(4, model.k());
        assertTrue(model.candidates().isEmpty());
        for (double[] centroid : model.centroids()) {
            double length = Math.sqrt(Arrays.stream(centroid).map(x -> x * x).sum());
            assertTrue(length > 0.3 && length <= 1 + 1e-9, "a mean of unit vectors: " + length);
        }
        // k = 4 keeps the three largest needs apart and lumps the four smallest into one group, which
        // a half of the sample finds again too: every segment is measured.
        assertEquals(4, model.stability().length);
        for (double stability : model.stability()) {
            assertTrue(stability > 0.5 && stability <= 1, Arrays.toString(model.stability()));
        }
    }

    /** The largest k whose segments come back; k + 1 would cut one need in two and is not stable. */
    @Test
    void theChosenKIsTheFinestWhoseSegmentsAreStable() {
        int[] truth = truth();
        double[][] points = shuffled(points(truth), truth);
        SegmentModel model = chosen(points, 10);
        SegmentModel.Candidate planted = model.candidates().get(SIZES.length);
        SegmentModel.Candidate finer = model.candidates().get(SIZES.length + 1);
        assertTrue(planted.stableShare() >= 0.9 && planted.minJaccard() > 0.75, "planted k: " + planted);
        assertTrue(finer.minJaccard() < planted.minJaccard(), "one more segment is less stable: " + finer);
        for (double stability : model.stability()) {
            assertTrue(stability >= 0.75, "every chosen segment is stable: " + Arrays.toString(model.stability()));
        }
    }

    /**
     * An account two thirds of the way to a broad need's centre and one third to a tight niche's
     * goes to the broad need: it is as close to it as the need's own members are; by raw cosine it
     * would go to the niche.
     */
    @Test
    void anAccountGoesToTheSegmentItIsClosestToRelativeToThatSegmentsOwnMembers() {
        double[][] centroids = {{0.4, 0, 0}, {0, 0.95, 0}}; // broad need (members' mean cosine 0.4), tight niche
        SegmentModel model = new SegmentModel(centroids, new double[] {0.9, 0.9}, Map.of(), List.of(), "test");
        double[] mixed = unit(new double[] {0.45, 0.5, 0.74});
        assertTrue(mixed[1] > mixed[0], "by raw cosine the niche is closer");
        SegmentModel.Assignment a = model.assign(mixed);
        assertEquals(0, a.segment());
        assertEquals(1, a.secondSegment());
        assertEquals(mixed[0], a.score(), 1e-12, "the score is the cosine to the chosen segment's direction");
    }

    @Test
    void aFreshFitIsRenumberedByTheSizesItGetsInTheWholeAudience() {
        SegmentModel model = new SegmentModel(
                new double[][] {{1, 0}, {0, 1}, {0.7, 0.7}}, new double[] {0.9, 0.8, 0.7}, Map.of(), List.of(), "t");
        assertEquals(model, model.numberedBySize(Map.of(0, 50L, 1, 40L, 2, 10L, -1, 99L)), "already by size");
        SegmentModel renumbered = model.numberedBySize(Map.of(0, 10L, 1, 40L, 2, 50L));
        assertEquals(0.7, renumbered.centroids()[0][0], 1e-12, "the former segment 2 is now the largest, 0");
        assertArrayEqualsInOrder(new double[] {0.7, 0.8, 0.9}, renumbered.stability());
        assertEquals(2, renumbered.assign(new double[] {1, 0}).segment(), "the former segment 0 is now 2");
    }

    private static void assertArrayEqualsInOrder(double[] expected, double[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }

    @Test
    void assignmentScoresAreClosenessAndTheRunnerUpDiffers() {
        SegmentModel model =
                new SegmentModel(new double[][] {{1, 0}, {0, 1}}, new double[] {0.9, 0.6}, Map.of(), List.of(), "test");
        SegmentModel.Assignment a = model.assign(new double[] {0.8, 0.6});
        assertEquals(0, a.segment());
        assertEquals(0.8, a.score(), 1e-12);
        assertEquals(1, a.secondSegment());
        assertEquals(0.0, model.assign(new double[] {-1, 0}).score(), "opposite vectors score 0, not negative");
    }

    @Test
    void aWardCutIsRefinedUntilEveryPointIsWithItsNearestMean() {
        double[][] points = {{0, 0}, {0.1, 0}, {0.2, 0}, {0.9, 0}, {1, 0}, {1.1, 0}};
        // The point at 0.9 put with the left group, as an early Ward merge can leave it.
        int[] refined = WardSegmenter.refine(points, new int[] {0, 0, 0, 0, 1, 1}, 2);
        assertEquals(List.of(0, 0, 0, 1, 1, 1), Arrays.stream(refined).boxed().toList());
    }

    @Test
    void kSegmentsAreSoughtInAboutKLeadingDimensions() {
        assertEquals(4, WardSegmenter.dimensionsFor(2, 64));
        assertEquals(8, WardSegmenter.dimensionsFor(7, 64));
        assertEquals(48, WardSegmenter.dimensionsFor(40, 64));
        assertEquals(64, WardSegmenter.dimensionsFor(60, 64));
        assertEquals(3, WardSegmenter.dimensionsFor(5, 3), "never more than the embedding has");
        assertEquals(64, WardSegmenter.dimensionsFor(200, 64));
    }

    @Test
    void aModelFittedInLeadingDimensionsScoresWholeEmbeddingsByThem() {
        double[] embedding = {0.6, 0.0, 0.8};
        assertTrue(Arrays.equals(new double[] {1.0, 0.0}, SegmentModel.leading(embedding, 2)));
        assertEquals(embedding, SegmentModel.leading(embedding, 3));
        SegmentModel model =
                new SegmentModel(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 1}, Map.of(), List.of(), "test");
        // Most of the account lies along the third dimension, which the model was not fitted in; in
        // the two it was, the account lies on the first axis.
        SegmentModel.Assignment assignment = model.assign(embedding);
        assertEquals(0, assignment.segment());
        assertEquals(1.0, assignment.score(), 1e-12);
    }

    @Test
    void refinedCutsHoldFinerStableSegmentsOnAGradedAudience() {
        // Eight tastes that shade into each other: accounts around a circle in a 4-dimensional
        // embedding, each between its taste's angle and a neighbour's.
        Random random = new Random(5);
        double[][] points = new double[1600][];
        for (int i = 0; i < points.length; i++) {
            double angle = 2 * Math.PI * (i % 8) / 8 + 0.35 * random.nextGaussian();
            double[] point = {
                Math.cos(angle), Math.sin(angle), 0.15 * random.nextGaussian(), 0.15 * random.nextGaussian()
            };
            points[i] = point;
        }
        SegmentModel ward = WardSegmenter.fit(
                points, points.length, new SegmentOptions(0, 2, 12, 25, 0.75, 1.0, 0.7, false, 5000, 600, 1));
        SegmentModel refined = WardSegmenter.fit(
                points, points.length, new SegmentOptions(0, 2, 12, 25, 0.75, 1.0, 0.7, true, 5000, 600, 1));
        int k = refined.k();
        assertTrue(k >= 5, "refined k " + k);
        assertTrue(Arrays.stream(refined.stability()).allMatch(j -> j >= 0.75), Arrays.toString(refined.stability()));
        assertTrue(
                ward.candidates().get(k).stableShare() < 0.9,
                "Ward's own cut into " + k + " is not stable: "
                        + ward.candidates().get(k));
    }

    /**
     * 600 points in two dimensions: the even ones one normal group cut into terciles along x (groups
     * 0-2), the odd ones a second group 12 away (group 3).
     */
    private record SmoothGroup(double[][] points, int[] terciles) {
        static SmoothGroup of(Random random) {
            double[][] points = new double[600][];
            int[] terciles = new int[points.length];
            for (int i = 0; i < points.length; i++) {
                double x = random.nextGaussian();
                points[i] = new double[] {x + (i % 2 == 0 ? 0 : 12), 0.3 * random.nextGaussian()};
                terciles[i] = i % 2 == 0 ? (x < -0.43 ? 0 : x < 0.43 ? 1 : 2) : 3;
            }
            return new SmoothGroup(points, terciles);
        }
    }

    @Test
    void aSmoothGroupCutInThreeIsNotSeparatedTwoGroupsAre() {
        SmoothGroup group = SmoothGroup.of(new Random(6));
        int[] twoGroups =
                Arrays.stream(group.terciles()).map(t -> t == 3 ? 1 : 0).toArray();
        assertTrue(!WardSegmenter.separated(group.points(), null, group.terciles()), "one normal group cut in three");
        assertTrue(WardSegmenter.separated(group.points(), null, twoGroups), "two groups far apart");
    }

    /**
     * The same smooth group cut in three, now with follows: when its three parts follow the same
     * accounts they are one group, as in the embedding alone; when each part follows accounts of its
     * own (neighbouring tastes that shade into each other in the embedding) they are three.
     */
    @Test
    void partsOfASmoothGroupAreSeparatedOnlyWhenTheyFollowDifferentAccounts() {
        Random random = new Random(6);
        SmoothGroup group = SmoothGroup.of(random);
        int[] terciles = group.terciles();
        SparseRow[] sameFollows = new SparseRow[terciles.length];
        SparseRow[] ownFollows = new SparseRow[terciles.length];
        for (int i = 0; i < terciles.length; i++) {
            sameFollows[i] = follows(random, terciles[i] == 3 ? 30 : 0);
            ownFollows[i] = follows(random, 10 * terciles[i]);
        }
        double[][] points = group.points();
        assertTrue(!WardSegmenter.separated(points, sameFollows, terciles), "one need's follows, cut in three");
        assertTrue(WardSegmenter.separated(points, ownFollows, terciles), "three tastes of their own");
        assertTrue(!WardSegmenter.separated(points, null, terciles), "no follows: the embedding alone decides");
    }

    /** Five of the ten accounts from {@code first}, at random, as a unit row. */
    private static SparseRow follows(Random random, int first) {
        int[] indices =
                random.ints(first, first + 10).distinct().limit(5).sorted().toArray();
        double[] values = new double[indices.length];
        Arrays.fill(values, 1);
        return new SparseRow("a", indices, values).normalized();
    }

    /**
     * A broad need of 300 accounts, a tight small need of 40 and 120 of the broad need's members who
     * also follow the small one (a tight group between the two, nearer the small need), in 48
     * dimensions, with 10 of those members cut into the small need: fitted as one broad segment, the
     * blend members drift into the tight one; with the blend a component of its own, joined to the
     * broad need's segment, every one of them stays with the broad need and the small need stays pure.
     */
    @Test
    void aJoinedBlendIsAComponentOfItsOwnSoItsMembersStayWithTheirMainNeed() {
        Random random = new Random(5);
        int dimensions = 48;
        double[][] points = new double[460][];
        int[] components = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            int group = i < 300 ? 0 : i < 340 ? 1 : 2;
            double[] p = new double[dimensions];
            p[0] = group == 1 ? 0 : group == 0 ? 1 : 0.6;
            p[1] = group == 0 ? 0 : 1;
            for (int d = 0; d < dimensions; d++) {
                p[d] += (group == 0 ? 0.25 : 0.08) * random.nextGaussian();
            }
            points[i] = unit(p);
            components[i] = group == 2 && i < 350 ? 1 : group;
        }
        int[] asComponents =
                WardSegmenter.fitMixture(points, new WardSegmenter.Components(components, new int[] {0, 1, 0}));
        for (int i = 0; i < points.length; i++) {
            boolean small = i >= 300 && i < 340;
            assertEquals(small ? asComponents[300] : asComponents[0], asComponents[i], "account " + i);
        }
        int[] merged = components.clone();
        for (int i = 0; i < merged.length; i++) {
            merged[i] = merged[i] == 2 ? 0 : merged[i];
        }
        int[] asOne = WardSegmenter.fitMixture(points, WardSegmenter.Components.ofSegments(merged));
        long drifted =
                IntStream.range(340, 460).filter(i -> asOne[i] == asOne[300]).count();
        assertTrue(drifted > 60, "fitted as one broad segment, blend members in the small need's: " + drifted);
    }

    /**
     * A broad need of 300 accounts and a tight one of 40 in 24 dimensions, started from a cut that
     * put 30 of the broad need's accounts leaning towards the tight one into it (as a Euclidean cut
     * with equal spreads does): the mixture fit gives them back, and below 22 dimensions the cut is kept.
     */
    @Test
    void theMixtureFitGivesABroadNeedBackTheMembersACutGaveToATightNeighbour() {
        Random random = new Random(11);
        int dimensions = 24;
        double[][] points = new double[340][];
        int[] cut = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            double[] p = new double[dimensions];
            boolean tight = i >= 300;
            boolean leaning = i >= 270 && i < 300;
            p[0] = tight ? 0.2 : 1;
            p[1] = tight ? 1 : leaning ? 0.45 : 0;
            for (int d = 0; d < dimensions; d++) {
                p[d] += (tight ? 0.05 : 0.3) * random.nextGaussian();
            }
            points[i] = unit(p);
            cut[i] = tight || leaning ? 1 : 0;
        }
        int[] fitted = WardSegmenter.fitMixture(points, WardSegmenter.Components.ofSegments(cut));
        for (int i = 0; i < points.length; i++) {
            assertEquals(i >= 300 ? fitted[300] : fitted[0], fitted[i], "account " + i);
        }
        assertTrue(fitted[0] != fitted[300]);
        double[][] few = Arrays.stream(points).map(p -> Arrays.copyOf(p, 8)).toArray(double[][]::new);
        assertTrue(
                Arrays.equals(cut, WardSegmenter.fitMixture(few, WardSegmenter.Components.ofSegments(cut))),
                "8 dimensions: the cut is kept");
    }

    /**
     * The mixing weight decides the segment, not the runner-up: an account mostly of a big need with
     * a trace of a small one goes to the big need, and its runner-up is the small need it shows, not
     * the other big segment the weights favour.
     */
    @Test
    void theRunnerUpIsTheSecondNeedAnAccountShowsHoweverSmall() {
        double[][] centroids = {{0.6, 0, 0}, {0, 0.6, 0}, {0, 0, 0.6}};
        SegmentModel model = new SegmentModel(
                centroids, new double[] {1, 1, 1}, new double[] {0.5, 0.45, 0.05}, Map.of(), List.of(), "test");
        SegmentModel.Assignment a = model.assign(unit(new double[] {0.8, 0.25, 0.55}));
        assertEquals(0, a.segment());
        assertEquals(2, a.secondSegment());
        // Nearest the small need, but at a weight of 0.05 against 0.5 the big need is more likely.
        SegmentModel.Assignment small = model.assign(unit(new double[] {0.3, 0.3, 0.9}));
        assertEquals(0, small.segment());
        assertEquals(2, small.secondSegment());
    }
}
