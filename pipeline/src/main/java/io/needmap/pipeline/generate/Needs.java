package io.needmap.pipeline.generate;

import io.needmap.pipeline.generate.GradedTastes.TasteMix;
import java.util.SplittableRandom;

/**
 * An account's need, its secondary need ({@code -1}: none) with the share of niche follows and theme
 * words that goes to it, and its graded tastes (null: the need alone), as indexes of planted segments.
 */
record Needs(int primary, int secondary, double secondaryWeight, TasteMix tastes) {
    static Needs only(int primary) {
        return new Needs(primary, -1, 0, null);
    }

    /**
     * The theme a text or word draws from: the secondary need with chance {@code secondaryWeight}, else
     * the need, or one of the graded tastes by weight.
     */
    int themeOf(SplittableRandom r) {
        if (secondary >= 0 && r.nextDouble() < secondaryWeight) {
            return secondary;
        }
        return tastes == null ? primary : tastes.pick(r);
    }
}
