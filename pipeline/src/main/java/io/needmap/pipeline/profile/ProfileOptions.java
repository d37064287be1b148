package io.needmap.pipeline.profile;

/**
 * @param topInterests how many distinctive interests a segment row lists
 * @param minSupport a followed account needs at least this many followers in a segment to be
 *     listed for it, so that three enthusiasts do not define a segment
 * @param minMembers the privacy floor: no published profile or cell describes fewer accounts
 *     ({@link PrivacyFloor})
 * @param needs the need taxonomy file (any Hadoop path), empty for the bundled {@code needs.yaml}
 * @param needMinScore the weighted share of a segment's evidence a need must match to name it
 *     ({@link NeedLabeler}), in [0, 1]
 * @param distinctiveLift the lift from which a top term or interest is a need the wall's ideation
 *     boxes are about, and a followed account a partner to seek ({@link Ideation}); at least 1
 */
public record ProfileOptions(
        int topInterests, int minSupport, int minMembers, String needs, double needMinScore, double distinctiveLift) {
    public ProfileOptions {
        if (topInterests < 1 || minSupport < 1 || minMembers < 1) {
            throw new IllegalArgumentException("profile: top-interests, min-support and min-members must be >= 1");
        }
        if (!(needMinScore >= 0 && needMinScore <= 1)) {
            throw new IllegalArgumentException("profile.need-min-score must be between 0 and 1, not " + needMinScore);
        }
        if (!(distinctiveLift >= 1)) {
            throw new IllegalArgumentException("profile.distinctive-lift must be at least 1, not " + distinctiveLift);
        }
        needs = needs == null ? "" : needs.trim();
    }
}
