package io.needmap.pipeline.generate;

/**
 * What to generate. Every field is validated here, so a bad command line fails before any file is
 * touched rather than halfway through a million-account run.
 *
 * @param accounts        valid audience members to write (dirty rows come on top)
 * @param segments        planted segments; segment {@code i} gets need theme {@code i} of the catalogue
 * @param seed            the only source of randomness: same options, byte-identical files
 * @param meanFollows     mean follows per account (log-normal around it, at least {@value #MIN_FOLLOWS})
 * @param postsPerAccount posts written per valid account (0 writes a header-only posts table)
 * @param dirtyRate       share of extra malformed rows per table; 0 writes clean tables
 * @param nicheShare      share of an account's follows taken from its own segment's niche accounts
 * @param backboneShare   share taken from the shared popular backbone; the rest is long tail
 */
public record GeneratorOptions(int accounts, int segments, long seed, double meanFollows, int postsPerAccount,
                               double dirtyRate, double nicheShare, double backboneShare) {

    /** Smallest planted segment; below this a segment is noise rather than a need. */
    public static final int MIN_SEGMENT_SIZE = 30;
    /** Every valid account follows at least this many accounts, so none is empty for the clustering. */
    public static final int MIN_FOLLOWS = 3;
    public static final double DEFAULT_MEAN_FOLLOWS = 60;
    public static final int DEFAULT_POSTS_PER_ACCOUNT = 3;
    public static final double DEFAULT_DIRTY_RATE = 0.01;
    /** Default share of follows that carries the need signal. */
    public static final double DEFAULT_NICHE_SHARE = 0.55;
    /** Default share of follows that goes to celebrities and news everybody follows. */
    public static final double DEFAULT_BACKBONE_SHARE = 0.30;
    /** Upper bound on {@code segments}: one need theme per segment. */
    public static final int MAX_SEGMENTS = NeedCatalogue.THEMES.size();

    public GeneratorOptions {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "segments must be between 1 and " + MAX_SEGMENTS + " (one need theme each), got " + segments);
        }
        if (accounts < (long) segments * MIN_SEGMENT_SIZE) {
            throw new IllegalArgumentException("accounts must be at least " + MIN_SEGMENT_SIZE + " per segment ("
                    + (long) segments * MIN_SEGMENT_SIZE + " for " + segments + " segments), got " + accounts);
        }
        if (!(meanFollows >= MIN_FOLLOWS && meanFollows <= 500)) {
            throw new IllegalArgumentException(
                    "meanFollows must be between " + MIN_FOLLOWS + " and 500, got " + meanFollows);
        }
        if (postsPerAccount < 0 || postsPerAccount > 1000) {
            throw new IllegalArgumentException("postsPerAccount must be between 0 and 1000, got " + postsPerAccount);
        }
        if (!(dirtyRate >= 0 && dirtyRate <= 0.5)) {
            throw new IllegalArgumentException("dirtyRate must be between 0 and 0.5, got " + dirtyRate);
        }
        if (!(nicheShare >= 0 && nicheShare <= 1)) {
            throw new IllegalArgumentException("nicheShare must be between 0 and 1, got " + nicheShare);
        }
        if (!(backboneShare >= 0 && backboneShare <= 1)) {
            throw new IllegalArgumentException("backboneShare must be between 0 and 1, got " + backboneShare);
        }
        if (nicheShare + backboneShare > 1 + 1e-9) {
            throw new IllegalArgumentException("nicheShare + backboneShare must not exceed 1 (the rest is long tail), got "
                    + nicheShare + " + " + backboneShare);
        }
    }

    /** The options the downstream quality target (ARI at least 0.9) is stated for. */
    public static GeneratorOptions defaults(int accounts, int segments, long seed) {
        return new GeneratorOptions(accounts, segments, seed, DEFAULT_MEAN_FOLLOWS, DEFAULT_POSTS_PER_ACCOUNT,
                DEFAULT_DIRTY_RATE, DEFAULT_NICHE_SHARE, DEFAULT_BACKBONE_SHARE);
    }
}
