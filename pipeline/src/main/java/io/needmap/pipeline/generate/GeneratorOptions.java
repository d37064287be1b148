package io.needmap.pipeline.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to generate. Every field is validated here, so a bad command line fails before any file is
 * touched rather than halfway through a million-account run. Start from a {@link Preset} with
 * {@link #builder} and change single fields; {@link #defaults} is the {@link Preset#DEFAULT} preset
 * as is.
 *
 * @param accounts              valid audience members to write (dirty rows come on top)
 * @param segments              planted segments; segment {@code i} gets need theme {@code i} of the catalogue
 * @param seed                  the only source of randomness: same options, byte-identical files
 * @param meanFollows           mean follows per account (log-normal around it, at least {@value #MIN_FOLLOWS})
 * @param postsPerAccount       posts written per valid account (0 writes a header-only posts table)
 * @param dirtyRate             share of extra malformed rows per table; 0 writes clean tables
 * @param nicheShare            share of an account's follows taken from its own segment's niche accounts
 * @param backboneShare         share taken from the shared popular backbone; the rest is long tail
 * @param dominantShare         share of the accounts in segment 0, the rest shared out by the power law
 *                              as usual; 0 plants no dominant need
 * @param singleFollowerShare   share of an account's long-tail follows that go to accounts no other
 *                              member follows (the rest are drawn from a long tail shared by the audience)
 * @param longTailInterestShare share of the long-tail accounts (shared and single-follower) that have a
 *                              row in {@code interests}
 * @param secondaryNeedShare    share of the accounts that also have a secondary need: a share
 *                              {@value #SECONDARY_NEED_WEIGHT} of their niche follows and theme words
 *                              comes from a second planted segment (the truth stays the primary need)
 * @param splitNeedShare        the 60/40 case: share of segment 0's members (make it dominant with
 *                              {@code dominantShare}, say 0.35) who also follow one second, small need (the
 *                              smallest planted segment, away from segment 0 on the taste ring) for
 *                              {@link #SPLIT_NEED_WEIGHT a third} of their niche follows and theme words;
 *                              their truth stays segment 0 and {@code truth/secondary_needs.csv} lists them.
 *                              Works with any preset; 0 is off
 * @param emptyBioShare         share of the valid accounts whose bio is empty
 * @param foreignBioShare       share of the valid accounts whose bio is Spanish, German or French
 * @param text                  how bios and posts are written
 * @param tastes                how an account's niche follows (and theme words) spread over the planted
 *                              segments: one need, or graded over related tastes
 * @param omitted               tables left out of the output
 * @param botShare              extra accounts that are no customers (mass followers, promotional spam,
 *                              dead accounts: {@link PlantedBots}), as a share of {@code accounts}, listed
 *                              in {@code truth/flags.csv} with the real-person edge cases then planted; 0 is off
 */
public record GeneratorOptions(
        int accounts,
        int segments,
        long seed,
        double meanFollows,
        int postsPerAccount,
        double dirtyRate,
        double nicheShare,
        double backboneShare,
        double dominantShare,
        double singleFollowerShare,
        double longTailInterestShare,
        double secondaryNeedShare,
        double splitNeedShare,
        double emptyBioShare,
        double foreignBioShare,
        TextStyle text,
        Tastes tastes,
        Set<OmittedTable> omitted,
        double botShare) {

    /** Smallest planted segment; below this a segment is noise rather than a need. */
    public static final int MIN_SEGMENT_SIZE = 30;
    /** Every valid account follows at least this many accounts, so none is empty for the clustering. */
    public static final int MIN_FOLLOWS = 3;

    public static final int MAX_MEAN_FOLLOWS = 2000;
    /** Upper bound on {@code segments}: one need theme per segment. */
    public static final int MAX_SEGMENTS = NeedCatalogue.THEMES.size();
    /** Share of a secondary-need account's niche follows and theme words that come from its second need. */
    public static final double SECONDARY_NEED_WEIGHT = 0.3;
    /** Share of a split-need member's niche follows and theme words that come from the second need. */
    public static final double SPLIT_NEED_WEIGHT = 1.0 / 3;

    public static final double DEFAULT_MEAN_FOLLOWS = 60;
    public static final int DEFAULT_POSTS_PER_ACCOUNT = 3;
    public static final double DEFAULT_DIRTY_RATE = 0.01;
    /** Default share of follows that carries the need signal. */
    public static final double DEFAULT_NICHE_SHARE = 0.55;
    /** Default share of follows that goes to celebrities and news everybody follows. */
    public static final double DEFAULT_BACKBONE_SHARE = 0.30;

    public static final double DEFAULT_LONG_TAIL_INTEREST_SHARE = 0.05;
    public static final double DEFAULT_EMPTY_BIO_SHARE = 0.03;
    public static final double DEFAULT_FOREIGN_BIO_SHARE = 0.05;

    /*
     * The realistic preset, after what independent checks of real exports found: one need at about a
     * fifth of the audience, members who follow hundreds of accounts nobody else in the audience
     * follows and most of which are described in interests, a quarter of bios empty, text that
     * rarely repeats, needs that overlap. Members follow fewer niche accounts than the default's
     * clean segments.
     */
    public static final double REALISTIC_MEAN_FOLLOWS = 150;
    public static final double REALISTIC_NICHE_SHARE = 0.1;
    public static final double REALISTIC_BACKBONE_SHARE = 0.25;
    public static final double REALISTIC_DOMINANT_SHARE = 0.2;
    public static final double REALISTIC_SINGLE_FOLLOWER_SHARE = 0.8;
    public static final double REALISTIC_LONG_TAIL_INTEREST_SHARE = 0.8;
    public static final double REALISTIC_SECONDARY_NEED_SHARE = 0.25;
    public static final double REALISTIC_EMPTY_BIO_SHARE = 0.25;
    public static final double REALISTIC_FOREIGN_BIO_SHARE = 0.12;

    /*
     * The graded preset: tastes that overlap as real ones do (see GradedTastes and SynonymBios).
     * Fewer follows than realistic and a lighter described long tail, so that 20,000 accounts take
     * seconds; no posts unless asked for (--posts), bios being the text signal.
     */
    public static final double GRADED_MEAN_FOLLOWS = 100;
    public static final int GRADED_POSTS_PER_ACCOUNT = 0;
    /** Niche follows, spread over the account's 3 to 5 tastes. */
    public static final double GRADED_NICHE_SHARE = 0.3;

    public static final double GRADED_BACKBONE_SHARE = 0.2;
    public static final double GRADED_SINGLE_FOLLOWER_SHARE = 0.8;
    public static final double GRADED_LONG_TAIL_INTEREST_SHARE = 0.1;
    public static final double GRADED_EMPTY_BIO_SHARE = 0.15;

    /** How bios and posts are written. */
    public enum TextStyle {
        /**
         * A few fixed templates around the theme's words: clean and highly repetitive (the bundled
         * sample's text).
         */
        TEMPLATED,
        /**
         * Composed from large word pools and sentence templates, with words of other themes and
         * need-free life words mixed in: whole texts and their fragments rarely repeat.
         */
        REALISTIC,
        /**
         * Bios of 5 to 15 words: words of the account's tastes drawn from synonym groups (so two members
         * of one taste often share no exact word, only words that co-occur), need-free boilerplate and
         * an open vocabulary (see {@link SynonymBios}); posts as {@link #REALISTIC}.
         */
        SYNONYMS
    }

    /** How an account's niche follows and theme words spread over the planted segments. */
    public enum Tastes {
        /** All of them from the account's need (and its secondary need, if any): disjoint segments. */
        SINGLE,
        /**
         * From 3 to 5 related tastes: the need plus neighbours on a ring of the segments, with decaying
         * weights, the need always the largest (see {@link GradedTastes}).
         */
        GRADED
    }

    /** An optional table (or the rows of the required {@code follows}) that can be left out. */
    public enum OmittedTable {
        /** No {@code interests.csv}. */
        INTERESTS("interests"),
        /** No {@code posts.csv}. */
        POSTS("posts"),
        /** No {@code assets.csv} (nor {@code truth/assets.csv}). */
        ASSETS("assets"),
        /** A header-only {@code follows.csv}: a text-only audience. */
        FOLLOWS_ROWS("follows-rows");

        private final String cliName;

        OmittedTable(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** The table a command-line name stands for. */
        public static OmittedTable parse(String name) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(t -> t.cliName.equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("cannot omit '" + name + "' (one of: "
                            + Arrays.stream(values()).map(OmittedTable::cliName).collect(Collectors.joining(", "))
                            + ")"));
        }
    }

    /** A starting point for the options; single fields are then changed on the {@link Builder}. */
    public enum Preset {
        /** Today's planted audience: clean segments, templated text. Reproduces the bundled sample. */
        DEFAULT,
        /** What real exports look like: see the {@code REALISTIC_*} constants. */
        REALISTIC,
        /**
         * What real exports look like and grade like: overlapping tastes, synonym-rich bios; see the
         * {@code GRADED_*} constants (the other options as {@link #REALISTIC}, without secondary needs or
         * a dominant need).
         */
        GRADED
    }

    public GeneratorOptions {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "segments must be between 1 and " + MAX_SEGMENTS + " (one need theme each), got " + segments);
        }
        if (accounts < (long) segments * MIN_SEGMENT_SIZE) {
            throw new IllegalArgumentException("accounts must be at least " + MIN_SEGMENT_SIZE + " per segment ("
                    + (long) segments * MIN_SEGMENT_SIZE + " for " + segments + " segments), got " + accounts);
        }
        if (!(meanFollows >= MIN_FOLLOWS && meanFollows <= MAX_MEAN_FOLLOWS)) {
            throw new IllegalArgumentException(
                    "meanFollows must be between " + MIN_FOLLOWS + " and " + MAX_MEAN_FOLLOWS + ", got " + meanFollows);
        }
        if (postsPerAccount < 0 || postsPerAccount > 1000) {
            throw new IllegalArgumentException("postsPerAccount must be between 0 and 1000, got " + postsPerAccount);
        }
        if (!(dirtyRate >= 0 && dirtyRate <= 0.5)) {
            throw new IllegalArgumentException("dirtyRate must be between 0 and 0.5, got " + dirtyRate);
        }
        requireShare("nicheShare", nicheShare);
        requireShare("backboneShare", backboneShare);
        if (nicheShare + backboneShare > 1 + 1e-9) {
            throw new IllegalArgumentException("nicheShare + backboneShare must not exceed 1 (the rest is long tail), "
                    + "got " + nicheShare + " + " + backboneShare);
        }
        requireShare("dominantShare", dominantShare);
        if (dominantShare > 0) {
            long dominant = Math.round(dominantShare * accounts);
            if (segments < 2
                    || dominant < MIN_SEGMENT_SIZE
                    || accounts - dominant < (long) (segments - 1) * MIN_SEGMENT_SIZE) {
                throw new IllegalArgumentException("dominantShare " + dominantShare + " leaves no room for "
                        + (segments - 1) + " more segments of at least " + MIN_SEGMENT_SIZE + " accounts ("
                        + dominant + " of " + accounts + " in segment 0; needs at least 2 segments)");
            }
        }
        requireShare("singleFollowerShare", singleFollowerShare);
        requireShare("longTailInterestShare", longTailInterestShare);
        requireShare("secondaryNeedShare", secondaryNeedShare);
        if (secondaryNeedShare > 0 && segments < 2) {
            throw new IllegalArgumentException("secondaryNeedShare needs at least 2 segments, got " + segments);
        }
        requireShare("splitNeedShare", splitNeedShare);
        if (splitNeedShare > 0 && segments < 2) {
            throw new IllegalArgumentException("splitNeedShare needs at least 2 segments, got " + segments);
        }
        requireShare("emptyBioShare", emptyBioShare);
        requireShare("foreignBioShare", foreignBioShare);
        double symbolOnlyBios = AudienceText.EMOJI_ONLY_BIO_SHARE + AudienceText.URL_ONLY_BIO_SHARE;
        if (emptyBioShare + foreignBioShare + symbolOnlyBios > 1 + 1e-9) {
            throw new IllegalArgumentException("emptyBioShare + foreignBioShare must not exceed " + (1 - symbolOnlyBios)
                    + " (emoji-only and URL-only bios take " + symbolOnlyBios + "), got " + emptyBioShare + " + "
                    + foreignBioShare);
        }
        if (text == null) {
            throw new IllegalArgumentException("text style is required");
        }
        if (tastes == null) {
            throw new IllegalArgumentException("tastes are required");
        }
        omitted = Set.copyOf(omitted);
        requireShare("botShare", botShare);
    }

    /** The options the downstream quality target (ARI at least 0.9) is stated for. */
    public static GeneratorOptions defaults(int accounts, int segments, long seed) {
        return builder(Preset.DEFAULT, accounts, segments, seed).build();
    }

    /** A builder holding {@code preset}'s values, to change single fields. */
    public static Builder builder(Preset preset, int accounts, int segments, long seed) {
        Builder builder = new Builder(accounts, segments, seed);
        return switch (preset) {
            case DEFAULT -> builder;
            case REALISTIC ->
                builder.meanFollows(REALISTIC_MEAN_FOLLOWS)
                        .nicheShare(REALISTIC_NICHE_SHARE)
                        .backboneShare(REALISTIC_BACKBONE_SHARE)
                        .dominantShare(REALISTIC_DOMINANT_SHARE)
                        .singleFollowerShare(REALISTIC_SINGLE_FOLLOWER_SHARE)
                        .longTailInterestShare(REALISTIC_LONG_TAIL_INTEREST_SHARE)
                        .secondaryNeedShare(REALISTIC_SECONDARY_NEED_SHARE)
                        .emptyBioShare(REALISTIC_EMPTY_BIO_SHARE)
                        .foreignBioShare(REALISTIC_FOREIGN_BIO_SHARE)
                        .text(TextStyle.REALISTIC);
            case GRADED ->
                builder.meanFollows(GRADED_MEAN_FOLLOWS)
                        .postsPerAccount(GRADED_POSTS_PER_ACCOUNT)
                        .nicheShare(GRADED_NICHE_SHARE)
                        .backboneShare(GRADED_BACKBONE_SHARE)
                        .singleFollowerShare(GRADED_SINGLE_FOLLOWER_SHARE)
                        .longTailInterestShare(GRADED_LONG_TAIL_INTEREST_SHARE)
                        .emptyBioShare(GRADED_EMPTY_BIO_SHARE)
                        .text(TextStyle.SYNONYMS)
                        .tastes(Tastes.GRADED);
        };
    }

    /** Whether {@code table} is left out. */
    public boolean omits(OmittedTable table) {
        return omitted.contains(table);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    /** Mutable options, validated once by {@link #build}. */
    public static final class Builder {
        private final int accounts;
        private final int segments;
        private final long seed;
        private double meanFollows = DEFAULT_MEAN_FOLLOWS;
        private int postsPerAccount = DEFAULT_POSTS_PER_ACCOUNT;
        private double dirtyRate = DEFAULT_DIRTY_RATE;
        private double nicheShare = DEFAULT_NICHE_SHARE;
        private double backboneShare = DEFAULT_BACKBONE_SHARE;
        private double dominantShare;
        private double singleFollowerShare;
        private double longTailInterestShare = DEFAULT_LONG_TAIL_INTEREST_SHARE;
        private double secondaryNeedShare;
        private double splitNeedShare;
        private double emptyBioShare = DEFAULT_EMPTY_BIO_SHARE;
        private double foreignBioShare = DEFAULT_FOREIGN_BIO_SHARE;
        private TextStyle text = TextStyle.TEMPLATED;
        private Tastes tastes = Tastes.SINGLE;
        private Set<OmittedTable> omitted = Set.of();
        private double botShare;

        private Builder(int accounts, int segments, long seed) {
            this.accounts = accounts;
            this.segments = segments;
            this.seed = seed;
        }

        public Builder meanFollows(double value) {
            meanFollows = value;
            return this;
        }

        public Builder postsPerAccount(int value) {
            postsPerAccount = value;
            return this;
        }

        public Builder dirtyRate(double value) {
            dirtyRate = value;
            return this;
        }

        public Builder nicheShare(double value) {
            nicheShare = value;
            return this;
        }

        public Builder backboneShare(double value) {
            backboneShare = value;
            return this;
        }

        public Builder dominantShare(double value) {
            dominantShare = value;
            return this;
        }

        public Builder singleFollowerShare(double value) {
            singleFollowerShare = value;
            return this;
        }

        public Builder longTailInterestShare(double value) {
            longTailInterestShare = value;
            return this;
        }

        public Builder secondaryNeedShare(double value) {
            secondaryNeedShare = value;
            return this;
        }

        public Builder splitNeedShare(double value) {
            splitNeedShare = value;
            return this;
        }

        public Builder emptyBioShare(double value) {
            emptyBioShare = value;
            return this;
        }

        public Builder foreignBioShare(double value) {
            foreignBioShare = value;
            return this;
        }

        public Builder text(TextStyle value) {
            text = value;
            return this;
        }

        public Builder tastes(Tastes value) {
            tastes = value;
            return this;
        }

        public Builder omitted(Set<OmittedTable> value) {
            omitted = value;
            return this;
        }

        public Builder botShare(double value) {
            botShare = value;
            return this;
        }

        public GeneratorOptions build() {
            return new GeneratorOptions(
                    accounts,
                    segments,
                    seed,
                    meanFollows,
                    postsPerAccount,
                    dirtyRate,
                    nicheShare,
                    backboneShare,
                    dominantShare,
                    singleFollowerShare,
                    longTailInterestShare,
                    secondaryNeedShare,
                    splitNeedShare,
                    emptyBioShare,
                    foreignBioShare,
                    text,
                    tastes,
                    omitted,
                    botShare);
        }
    }
}
