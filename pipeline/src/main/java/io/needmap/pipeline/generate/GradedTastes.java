package io.needmap.pipeline.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@link GeneratorOptions.Tastes#GRADED} tastes: related planted segments, so that an audience
 * grades from one taste into the next instead of falling into disjoint blocks. The segments sit on a
 * ring in a seeded order (unrelated to their sizes); an account's main taste (its truth) is joined by
 * 2 to 4 of its ring neighbours, nearest first, and its niche follows and theme words are shared out
 * by decaying weights ({@link #TASTE_WEIGHTS}), the main taste always clearly the largest. Text names
 * the main taste more than follows do (a bio says who one is, follows say what one watches): theme
 * words draw tastes by the weights raised to {@value #TEXT_SHARPENING}, about 0.8 for the main taste.
 *
 * <p>Where it differs from the world: real tastes are related by meaning and by a web of many
 * neighbours; here relatedness is the ring alone (photography may sit next to craft beer), every
 * account's mix has the same shape, and the main taste is always the largest, so the truth is
 * well defined.
 */
final class GradedTastes {

    /** Weights of an account's tastes, main first; the first 3 to 5 are used, normalised to 1. */
    static final double[] TASTE_WEIGHTS = {0.55, 0.25, 0.12, 0.08, 0.05};

    /** Exponent sharpening the taste weights for theme words. */
    static final double TEXT_SHARPENING = 2;

    static final int MIN_TASTES = 3;
    static final int MAX_TASTES = TASTE_WEIGHTS.length;
    /** Each taste has its own niche of 20 to 60 accounts, fewer than a single need's. */
    static final int MIN_NICHE_ACCOUNTS = 20;

    static final int MAX_NICHE_ACCOUNTS = 60;
    /**
     * Popularity exponent of the backbone under graded tastes: flatter than the niches' Zipf, so its
     * celebrities and news are each followed by a fifth to a half of the audience, not by everyone.
     */
    static final double BACKBONE_EXPONENT = 0.45;

    /**
     * An account's tastes, main first, with their weights for niche follows and for theme words (each
     * summing to 1).
     */
    record TasteMix(int[] tastes, double[] weights, double[] textWeights) {

        /** A taste for a theme word, drawn by its text weight. */
        int pick(SplittableRandom r) {
            double u = r.nextDouble();
            for (int t = 0; t < tastes.length - 1; t++) {
                u -= textWeights[t];
                if (u < 0) {
                    return tastes[t];
                }
            }
            return tastes[tastes.length - 1];
        }

        /**
         * {@code follows} niche follows shared out by weight: each neighbour its share (at most its
         * niche's size), the main taste the rest, so the main taste has the most follows.
         * {@code follows} must not exceed the main taste's niche.
         */
        int[] counts(int follows, int[] nicheSizes) {
            int[] counts = new int[tastes.length];
            int others = 0;
            for (int t = 1; t < tastes.length; t++) {
                counts[t] = (int) Math.min(nicheSizes[tastes[t]], Math.round(follows * weights[t]));
                others += counts[t];
            }
            counts[0] = follows - others;
            return counts;
        }
    }

    private final int[] ring;
    private final int[] position;

    /** A ring of {@code segments} tastes in an order drawn from {@code r}. */
    GradedTastes(int segments, SplittableRandom r) {
        ring = new int[segments];
        position = new int[segments];
        for (int s = 0; s < segments; s++) {
            ring[s] = s;
        }
        for (int i = segments - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int swap = ring[i];
            ring[i] = ring[j];
            ring[j] = swap;
        }
        for (int p = 0; p < segments; p++) {
            position[ring[p]] = p;
        }
    }

    /** Steps between two tastes on the ring, the shorter way round. */
    int distance(int a, int b) {
        int d = Math.abs(position[a] - position[b]);
        return Math.min(d, ring.length - d);
    }

    /**
     * The tastes of an account whose main taste is {@code main}: 3 to 5 (fewer on a ring too small),
     * its nearest ring neighbours but {@code excluded} (a second need it already has, or -1), the
     * nearer side of each distance drawn at random.
     */
    TasteMix mix(SplittableRandom r, int main, int excluded) {
        int wanted = MIN_TASTES + r.nextInt(MAX_TASTES - MIN_TASTES + 1);
        int[] tastes = new int[wanted];
        tastes[0] = main;
        int found = 1;
        for (int d = 1; found < wanted && 2 * d <= ring.length; d++) {
            int side = r.nextBoolean() ? 1 : -1;
            for (int s : new int[] {side, -side}) {
                int taste = ring[Math.floorMod(position[main] + s * d, ring.length)];
                if (found < wanted && taste != excluded && !contains(tastes, found, taste)) {
                    tastes[found++] = taste;
                }
            }
        }
        double[] weights = new double[found];
        double[] textWeights = new double[found];
        for (int t = 0; t < found; t++) {
            weights[t] = TASTE_WEIGHTS[t];
            textWeights[t] = Math.pow(TASTE_WEIGHTS[t], TEXT_SHARPENING);
        }
        return new TasteMix(Arrays.copyOf(tastes, found), normalised(weights), normalised(textWeights));
    }

    private static double[] normalised(double[] weights) {
        double sum = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(w -> w / sum).toArray();
    }

    /**
     * The second need of the 60/40 case: the smallest segment beyond the reach of segment 0's mix on
     * the ring (any but segment 0 when the ring is too small, or without a ring).
     */
    static int splitNeedTarget(int segments, GradedTastes ring) {
        for (int s = segments - 1; s > 0; s--) {
            if (ring == null || ring.distance(0, s) * 2 > MAX_TASTES - 1) {
                return s;
            }
        }
        return segments - 1;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
