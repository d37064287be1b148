package io.needmap.pipeline.profile;

/**
 * @param topInterests how many distinctive interests a segment row lists
 * @param minSupport a followed account needs at least this many followers in a segment to be
 *     listed for it, so that three enthusiasts do not define a segment
 */
public record ProfileOptions(int topInterests, int minSupport) {
    public ProfileOptions {
        if (topInterests < 1 || minSupport < 1) {
            throw new IllegalArgumentException("profile: top-interests and min-support must be >= 1");
        }
    }
}
