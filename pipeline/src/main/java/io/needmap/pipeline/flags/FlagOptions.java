package io.needmap.pipeline.flags;

import java.util.List;

/**
 * The thresholds of the {@link FlagRule}s and how flagged accounts are treated ({@code flags.*} in
 * {@code conf/needmap.properties}, where each is explained with its source).
 *
 * @param exclude leave flagged accounts out of the segment fit, the profiles and the text tagging
 *     (they stay in {@code memberships/} with segment {@value io.needmap.pipeline.segment.SegmentEstimator#FLAGGED}); false keeps them in, still flagged
 * @param minScore an account is flagged when the weights of its fired rules add up to at least this
 * @param minFollows follows an account needs in {@code follows} before {@code backbone_only} judges them
 * @param minPosts posts an account needs before the post rules judge them
 * @param followRatio following / followers from which an account follows far more than it is
 *     followed (Socialbakers: 50)
 * @param massFollowingFactor following at least this multiple of the audience's median following is
 *     far above the audience's norm
 * @param backboneShare a followed account followed by at least this share of the audience is part
 *     of the popular backbone ({@code features.backbone-share})
 * @param backboneOnlyShare share of an account's follows going to the backbone from which it follows
 *     only the backbone
 * @param repeatCount times the same text must be posted to count as repeated (Socialbakers: more than 3)
 * @param repeatShare share of an account's posts its most repeated text must make
 * @param linkShare share of posts carrying a link from which an account posts mostly links
 * @param promoShare share of posts with a promotional phrase from which an account posts mostly promotion
 * @param promoPhrases the promotional phrases, matched case-insensitively as whole words
 * @param dormantDays no post (or, never posted, no account) for this many days before the data's
 *     newest date is dormant
 * @param nameDigits a run of this many digits in the handle or display name is a generated name
 * @param minProfileShare the empty-profile rule runs only when at least this share of the audience
 *     has a bio or a location (else the export simply has no profile fields)
 */
public record FlagOptions(
        boolean exclude,
        double minScore,
        double followRatio,
        int minFollows,
        double massFollowingFactor,
        int minPosts,
        double backboneShare,
        double backboneOnlyShare,
        int repeatCount,
        double repeatShare,
        double linkShare,
        double promoShare,
        List<String> promoPhrases,
        int dormantDays,
        int nameDigits,
        double minProfileShare) {

    public FlagOptions {
        if (minScore <= 0
                || followRatio <= 0
                || massFollowingFactor <= 0
                || minFollows < 1
                || minPosts < 1
                || repeatCount < 2
                || dormantDays < 1
                || nameDigits < 1) {
            throw new IllegalArgumentException("flags.min-score, flags.follow-ratio, flags.mass-following-factor,"
                    + " flags.dormant-days and flags.name-digits must be positive, flags.min-follows and"
                    + " flags.min-posts at least 1, flags.repeat-count at least 2");
        }
        for (double share : new double[] {backboneShare, backboneOnlyShare, repeatShare, linkShare, promoShare}) {
            if (share <= 0 || share > 1) {
                throw new IllegalArgumentException("flags.*-share values must be in (0, 1], not " + share);
            }
        }
        if (minProfileShare < 0 || minProfileShare > 1) {
            throw new IllegalArgumentException("flags.min-profile-share must be in [0, 1], not " + minProfileShare);
        }
        promoPhrases = List.copyOf(promoPhrases);
    }
}
