package io.needmap.pipeline.segment;

import io.needmap.pipeline.features.SparseRow;

/**
 * Whether a segment is a blend of other segments rather than a need of its own: how much of its
 * profile (the mean of its members' weighted, unit-length follow rows, over every followed account)
 * is left once the closest non-negative combination of at most two other segments' profiles is
 * taken away, as a share of its length.
 *
 * <p>Why: members who share a second need form a group of their own (35% of a big need's members
 * following a small need for a third of their follows: 2,450 of 20,000 accounts, as tight as any
 * need), which clustering and stability both find real; yet its profile is the big need's plus the
 * small need's, and a team wants those members in the segment of their main need with the second
 * one recorded. A need cut in two is the same test with one partner: each half is the other. A
 * genuine need follows accounts no other segment follows as much, and they are left over. Why the
 * follows and not the embedding: in 64 dimensions a need's own accounts share directions with its
 * neighbours', so the tastes of a graded audience looked as much like blends (0.42-0.67 left) as the
 * blend did (0.57). Over the follows, on generated audiences (20,000 accounts, 30 or 40 needs):
 * halves of one need left 0.24-0.29, the 60/40 blends 0.31-0.39, every need 0.51 or more (0.85 or
 * more where needs are crisp).
 *
 * <p>Weakness: a need that lies between two others and owns few accounts of its own (a graded taste
 * whose members give most of their follows to its neighbours) looks like their blend, and a blend
 * whose members follow more of the small need than a third looks like a need; the margin between
 * the two on generated audiences is about 0.1. A blend whose small need has no segment of its own
 * (its few members cut into the blend's segment) is a blend of nothing found and stays: 20,000
 * accounts, 40 needs, the 60/40 members and the small need's 131 own members in one segment of 2,529.
 * Which of three mutually explaining segments is the blend is decided by the least left, one at a
 * time.
 */
final class Blends {
    private Blends() {}

    /** The closest blend of at most two other profiles to one profile: partners, weights, share left. */
    record Blend(int first, double firstWeight, int second, double secondWeight, double left) {}

    /**
     * The Gram matrix (pairwise dot products) of the mean profiles of the k groups of {@code labels}
     * over {@code rows} (one per labelled point; a null row adds nothing), {@code features} wide.
     */
    static double[][] gram(SparseRow[] rows, int[] labels, int k, int features) {
        double[][] means = new double[k][features];
        int[] sizes = new int[k];
        for (int i = 0; i < rows.length; i++) {
            sizes[labels[i]]++;
            if (rows[i] != null) {
                for (int j = 0; j < rows[i].indices().length; j++) {
                    means[labels[i]][rows[i].indices()[j]] += rows[i].values()[j];
                }
            }
        }
        double[][] gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double dot = 0;
                for (int f = 0; f < features; f++) {
                    dot += means[a][f] * means[b][f];
                }
                gram[a][b] = gram[b][a] = dot / Math.max(1, sizes[a]) / Math.max(1, sizes[b]);
            }
        }
        return gram;
    }

    /**
     * The closest blend of at most two other profiles to profile {@code of}, from their Gram matrix,
     * leaving the {@code excluded} ones out; null when there is no other profile or the profile is
     * zero.
     */
    static Blend closest(double[][] gram, int of, boolean[] excluded) {
        double length = Math.sqrt(gram[of][of]);
        if (length == 0) {
            return null;
        }
        Blend best = null;
        for (int a = 0; a < gram.length; a++) {
            if (a == of || excluded[a]) {
                continue;
            }
            Blend single = new Blend(a, weightAlone(gram, of, a), -1, 0, leftAgainst(gram, of, a));
            if (best == null || single.left() < best.left()) {
                best = single;
            }
            for (int b = a + 1; b < gram.length; b++) {
                if (b == of || excluded[b]) {
                    continue;
                }
                double determinant = gram[a][a] * gram[b][b] - gram[a][b] * gram[a][b];
                if (determinant <= 1e-12 * gram[a][a] * gram[b][b]) {
                    continue;
                }
                double wa = (gram[b][b] * gram[a][of] - gram[a][b] * gram[b][of]) / determinant;
                double wb = (gram[a][a] * gram[b][of] - gram[a][b] * gram[a][of]) / determinant;
                // A negative weight: the best non-negative pair uses one profile, tried above.
                if (wa >= 0 && wb >= 0) {
                    double share = left(gram, of, a, wa, b, wb) / length;
                    if (share < best.left()) {
                        best = new Blend(a, wa, b, wb, share);
                    }
                }
            }
        }
        return best;
    }

    /**
     * The share of profile {@code of} left once the closest non-negative multiple of profile {@code
     * other} alone is taken away (1 when {@code of} is zero-length: nothing of it is explained).
     */
    static double leftAgainst(double[][] gram, int of, int other) {
        double length = Math.sqrt(gram[of][of]);
        if (length == 0) {
            return 1;
        }
        return left(gram, of, other, weightAlone(gram, of, other), other, 0) / length;
    }

    /** The weight of the closest non-negative multiple of profile {@code other} to profile {@code of}. */
    private static double weightAlone(double[][] gram, int of, int other) {
        return gram[other][other] > 0 ? Math.max(0, gram[other][of] / gram[other][other]) : 0;
    }

    /** ‖p_of − wa·p_a − wb·p_b‖ from the Gram matrix. */
    private static double left(double[][] gram, int of, int a, double wa, int b, double wb) {
        double squared = gram[of][of]
                - 2 * (wa * gram[a][of] + wb * gram[b][of])
                + wa * wa * gram[a][a]
                + 2 * wa * wb * gram[a][b]
                + wb * wb * gram[b][b];
        return Math.sqrt(Math.max(0, squared));
    }
}
