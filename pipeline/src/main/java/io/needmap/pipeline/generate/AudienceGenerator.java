package io.needmap.pipeline.generate;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Tastes;
import io.needmap.pipeline.generate.GeneratorOptions.TextStyle;
import io.needmap.pipeline.generate.GradedTastes.TasteMix;
import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;
import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.TopicOptions;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic social-media audience in the input contract's CSV layout, together with the
 * segmentation that produced it, so that the pipeline can be scored (adjusted Rand index against
 * {@code truth/memberships.csv}) and its handling of dirty exports tested on realistic volumes.
 *
 * <p>What it plants. Each of the {@code K} segments is one need theme of a built-in catalogue of
 * marketer personas ("tech savvy", "new parent", "bargain hunter"...), each with a dozen distinctive
 * words. Segment shares follow a power law (share proportional to {@code 1/rank^0.8}, at least
 * {@value GeneratorOptions#MIN_SEGMENT_SIZE} accounts each); with {@code dominantShare} segment 0
 * gets that share of the accounts and the others share the rest by the same law. Accounts are dealt
 * to segments by a seeded shuffle. The need signal lives in three places, as in real exports:
 * <ul>
 *   <li>follows: a log-normal number of follows around {@code meanFollows}, of which
 *       {@code nicheShare} (default 55%) go to the segment's own 40 to 80 niche accounts
 *       ({@code n007_012}), {@code backboneShare} (default 30%) to a backbone of
 *       {@value #BACKBONE_SIZE} celebrities and news outlets ({@code bb_001}, shared by every segment,
 *       the top few followed by nearly everyone) and the rest to the long tail: a share
 *       {@code singleFollowerShare} (default 0) to accounts only this member follows
 *       ({@code lt_u000042_7}), the others drawn uniformly from a long tail shared by the audience
 *       ({@code lt_00123}); popularity inside the niche and the backbone is Zipf-like;</li>
 *   <li>text: bios and posts carry the theme's words, in the {@code text} style: {@code TEMPLATED}
 *       (a few fixed templates, mixed with need-free filler, hashtags, emoji, URLs and mentions) or
 *       {@code REALISTIC} (see {@link RealisticText}); a share {@code emptyBioShare} of bios is empty
 *       and {@code foreignBioShare} is Spanish, German or French filler;</li>
 *   <li>interests: a name, category and description for every niche and backbone account, built from
 *       the theme's words, and for a share {@code longTailInterestShare} (default 5%) of the long
 *       tail.</li>
 * </ul>
 * With {@code secondaryNeedShare}, that share of the accounts also has a secondary need, another
 * planted segment: {@value GeneratorOptions#SECONDARY_NEED_WEIGHT} of their niche follows and theme
 * words come from it ({@code truth/secondary_needs.csv}); the truth stays the primary need. Because
 * the backbone is shared, a method that weighs follows by raw popularity will merge segments; that is
 * the point of it. With {@code splitNeedShare} (the 60/40 case), that share of segment 0's members has
 * one second, small need for a third ({@code SPLIT_NEED_WEIGHT}) of theirs, listed the same way.
 * With {@link Tastes#GRADED} tastes, niche follows and theme words spread over 3 to 5 related segments
 * instead of one ({@link GradedTastes}); the {@code SYNONYMS} text style writes bios from synonym groups
 * ({@link SynonymBios}). The {@code graded} preset combines both and lifts some of the limits below.
 *
 * <p>Dirt. About {@code dirtyRate} extra rows per table are malformed in the ways the input contract
 * lists (duplicate and empty keys, non-numeric and negative counts, impossible dates, follows of
 * unknown accounts or with an empty key, a truncated last line, negative likes). They are written on
 * top of the valid rows, every kind at least once when {@code dirtyRate > 0}, and counted in
 * {@code truth/dirty.csv}. Dirty accounts other than duplicates get ids ({@code x...}) that collide
 * with no valid one and are absent from the truth; a duplicate repeats an earlier id with other
 * values, and the first occurrence is the true one.
 *
 * <p>{@code assets}: the brand's own assets ({@link #writeAssets}), with their truth: which need
 * each serves, and some needs served by none.
 *
 * <p>Omitted tables ({@code omitted}) are drawn as usual and not written, so the other tables are the
 * same with or without them; {@code FOLLOWS_ROWS} leaves a header-only {@code follows.csv}.
 * {@code truth/summary.csv} records what was planted besides the segments: secondary needs, empty
 * bios, the long tail's size and how much of it is followed once and described, and how many posts,
 * post fragments and bio fragments are distinct, cut as the topics stage cuts them
 * ({@link TermExtractor#fragmentsForCoreNlp}).
 *
 * <p>Limits. Even the realistic preset is easier than reality, and the pipeline still recovers its
 * segments almost perfectly. Every account has one true need (a secondary need is a fixed 30% blend,
 * not a second identity); niche pools do not overlap, so every niche follow points to one need; the
 * shared long tail is a uniform pool of 5,000 accounts (one per 20 members in big audiences), where a
 * real export's accounts followed by two or more members number tens of thousands and cluster by
 * taste; themes have disjoint vocabularies, so a theme word points to exactly one need, and the
 * realistic text style, however rarely it repeats, is a few hundred English words in a few dozen
 * templates (real text has slang, typos, irony and tens of thousands of words); posts are always
 * English; follow counts and activity do not depend on the need. Scores on this data are an upper
 * bound, useful to catch regressions and to compare methods, not to promise results on a brand's
 * export. Output is a pure function of the options: each account draws from its own generator seeded
 * by {@code (seed, account index)}.
 */
public final class AudienceGenerator {

    /** Celebrities and news outlets everybody follows. */
    static final int BACKBONE_SIZE = 150;

    static final int MIN_NICHE_ACCOUNTS = 40;
    static final int MAX_NICHE_ACCOUNTS = 80;
    /** Smallest long tail shared by the audience; large audiences get one account per 20 members. */
    static final int MIN_LONG_TAIL = 5000;
    /** Segment share is proportional to {@code 1 / rank^SEGMENT_SIZE_EXPONENT}. */
    static final double SEGMENT_SIZE_EXPONENT = 0.8;
    /** Popularity of the i-th niche or backbone account is proportional to {@code 1 / i^ZIPF_EXPONENT}. */
    static final double ZIPF_EXPONENT = 1.0;
    /** Spread (log scale) of the number of follows per account. */
    static final double FOLLOWS_SIGMA = 0.5;
    /** Most platforms cap how many accounts one account may follow around here. */
    static final int MAX_FOLLOWS = 5000;

    static final double EMOJI_ONLY_BIO_SHARE = 0.01;
    static final double URL_ONLY_BIO_SHARE = 0.01;

    static final List<String> ACCOUNT_DIRT =
            List.of("duplicate", "empty_account_id", "non_numeric_count", "negative_count", "impossible_date");
    static final List<String> FOLLOW_DIRT = List.of("unknown_account", "empty_followed_id", "empty_account_id");
    static final String TRUNCATED = "truncated";
    static final List<String> POST_DIRT = List.of("empty_account_id", "negative_likes");

    static final String[] ACCOUNT_COLUMNS = {
        "account_id",
        "handle",
        "display_name",
        "bio",
        "location",
        "language",
        "followers_count",
        "following_count",
        "posts_count",
        "created_at",
        "verified"
    };
    static final String[] FOLLOW_COLUMNS = {"account_id", "followed_id"};
    static final String[] INTEREST_COLUMNS = {"followed_id", "name", "category", "description"};
    static final String[] POST_COLUMNS = {"post_id", "account_id", "created_at", "text", "likes", "replies", "shares"};
    static final String[] ASSET_COLUMNS = {"asset_id", "name", "kind", "description", "followed_id"};
    /** Every this-many-th need (the third, sixth...) gets no asset: its distinctive needs are the wall's gaps. */
    static final int UNCOVERED_EVERY = 3;
    /** Assets that serve no need in particular, named and described with words every segment uses. */
    static final List<String[]> GENERIC_ASSETS = List.of(
            new String[] {"as_g01", "Gift Card", "product", "A gift card for everyone. Coffee, and be kind.", ""},
            new String[] {"as_g02", "Brand Newsletter", "channel", "Coffee break reading: always learning.", ""},
            new String[] {
                "as_g03", "Loyalty Club", "service", "For every dreamer and night owl: living my best life.", ""
            });

    private static final int BIO = 3;
    private static final int LANGUAGE = 5;
    private static final int FOLLOWERS = 6;
    private static final int CREATED_AT = 9;
    private static final int POST_TEXT = 3;
    /** Low mantissa bits of a sampling key that carry the candidate's index (pools are under 256). */
    private static final long INDEX_BITS = 0xFFL;

    private static final long ACCOUNT_STREAM = 1;
    private static final long SETUP_STREAM = 2;
    private static final long DIRTY_STREAM = 3;
    private static final long SECONDARY_NEED_STREAM = 4;
    private static final long SINGLE_FOLLOWER_INTEREST_STREAM = 5;
    private static final long GRADED_TASTES_STREAM = 6;
    private static final long SPLIT_NEED_STREAM = 7;
    private static final long ASSET_STREAM = 8;
    private static final long EDGE_CASE_STREAM = 9;
    private static final long PLANTED_BOT_STREAM = 10;
    private static final long FIRST_ACCOUNT_DAY = LocalDate.of(2008, 1, 1).toEpochDay();
    private static final int ACCOUNT_DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_ACCOUNT_DAY);
    private static final long FIRST_POST_DAY = LocalDate.of(2024, 1, 1).toEpochDay();
    private static final int POST_SECONDS = (int) ((LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_POST_DAY) * 86_400);
    private static final String[] BAD_NUMBERS = {"12k", "n/a", "1,2k"};
    private static final String[] BAD_DATES = {"2023-02-30", "2023-13-01", "2021-04-31"};
    /** Cuts texts into fragments as the topics stage does; never truncates (generated texts are short). */
    private static final TermExtractor FRAGMENTS =
            new TermExtractor(new TopicOptions(true, false, 1, Integer.MAX_VALUE, 1, 1, Set.of(), 0));

    /**
     * An account's need, its secondary need ({@code -1}: none) with the share of niche follows and theme
     * words that goes to it, and its graded tastes (null: the need alone), as indexes of planted segments.
     */
    record Needs(int primary, int secondary, double secondaryWeight, TasteMix tastes) {
        static Needs only(int primary) {
            return new Needs(primary, -1, 0, null);
        }

        /**
         * The theme a text or word draws from: the secondary need with chance {@code secondaryWeight},
         * else the need, or one of the graded tastes by weight.
         */
        int themeOf(SplittableRandom r) {
            if (secondary >= 0 && r.nextDouble() < secondaryWeight) {
                return secondary;
            }
            return tastes == null ? primary : tastes.pick(r);
        }
    }

    private final GeneratorOptions options;
    private final int[] segmentOf;
    /** Secondary need of each account, {@code -1} for none; null when no account has one. */
    private final int[] secondaryOf;
    /** Accounts whose secondary need is the split need (weight {@code SPLIT_NEED_WEIGHT}). */
    private final BitSet splitNeedMembers = new BitSet();
    /** The ring of related tastes; null unless tastes are graded. */
    private final GradedTastes graded;

    private final int[] segmentSizes;
    private final String[][] nicheIds;
    private final int[] nicheSizes;
    private final double[][] nicheRankWeights;
    private final String[] backboneIds;
    private final double[] backboneRankWeights;
    private final String[] longTailIds;
    private final String[][] hashtags;
    private final int idWidth;
    private final long[] sampleKeys = new long[256];
    private final int[] longTailMark;
    private final int[] longTailFollowers;
    private final boolean[] longTailDescribed;
    private final double emptyBioBelow;
    private final double emojiBioBelow;
    private final double urlBioBelow;
    private final double foreignBioBelow;
    private final SplittableRandom dirt;
    private final int[][] dirtCounts = {
        new int[ACCOUNT_DIRT.size()], new int[FOLLOW_DIRT.size() + 1], new int[POST_DIRT.size()]
    };
    private final DistinctTexts posts = new DistinctTexts();
    private final DistinctTexts postFragments = new DistinctTexts();
    private final DistinctTexts bioFragments = new DistinctTexts();
    private long postsDrawn;
    private long singleFollowerAccounts;
    private long singleFollowerAccountsDescribed;
    private long emptyBios;

    private AudienceGenerator(GeneratorOptions options) {
        this.options = options;
        SplittableRandom setup = rng(options.seed(), SETUP_STREAM, 0);
        int k = options.segments();
        segmentSizes = segmentSizes(options.accounts(), k, options.dominantShare());
        segmentOf = new int[options.accounts()];
        for (int s = 0, at = 0; s < k; s++) {
            Arrays.fill(segmentOf, at, at + segmentSizes[s], s);
            at += segmentSizes[s];
        }
        for (int i = segmentOf.length - 1; i > 0; i--) {
            int j = setup.nextInt(i + 1);
            int swap = segmentOf[i];
            segmentOf[i] = segmentOf[j];
            segmentOf[j] = swap;
        }
        graded = options.tastes() == Tastes.GRADED
                ? new GradedTastes(k, rng(options.seed(), GRADED_TASTES_STREAM, 0))
                : null;
        secondaryOf = options.secondaryNeedShare() > 0 || options.splitNeedShare() > 0 ? secondaryNeeds() : null;
        nicheIds = new String[k][];
        nicheSizes = new int[k];
        nicheRankWeights = new double[k][];
        hashtags = new String[k][];
        int minNiche = graded == null ? MIN_NICHE_ACCOUNTS : GradedTastes.MIN_NICHE_ACCOUNTS;
        int maxNiche = graded == null ? MAX_NICHE_ACCOUNTS : GradedTastes.MAX_NICHE_ACCOUNTS;
        for (int s = 0; s < k; s++) {
            int size = minNiche + setup.nextInt(maxNiche - minNiche + 1);
            nicheSizes[s] = size;
            nicheIds[s] = new String[size];
            for (int j = 0; j < size; j++) {
                nicheIds[s][j] = "n" + padded(s, 3) + "_" + padded(j + 1, 3);
            }
            nicheRankWeights[s] = rankWeights(size, ZIPF_EXPONENT);
            hashtags[s] = NeedCatalogue.THEMES.get(s).vocabulary().stream()
                    .map(AudienceGenerator::hashtag)
                    .toArray(String[]::new);
        }
        backboneIds = new String[BACKBONE_SIZE];
        for (int j = 0; j < BACKBONE_SIZE; j++) {
            backboneIds[j] = "bb_" + padded(j + 1, 3);
        }
        backboneRankWeights =
                rankWeights(BACKBONE_SIZE, graded == null ? ZIPF_EXPONENT : GradedTastes.BACKBONE_EXPONENT);
        int longTail = Math.max(MIN_LONG_TAIL, options.accounts() / 20);
        int ltWidth = Integer.toString(longTail).length();
        longTailIds = new String[longTail];
        for (int j = 0; j < longTail; j++) {
            longTailIds[j] = "lt_" + padded(j + 1, ltWidth);
        }
        longTailMark = new int[longTail];
        longTailFollowers = new int[longTail];
        longTailDescribed = new boolean[longTail];
        emptyBioBelow = options.emptyBioShare();
        emojiBioBelow = emptyBioBelow + EMOJI_ONLY_BIO_SHARE;
        urlBioBelow = emojiBioBelow + URL_ONLY_BIO_SHARE;
        foreignBioBelow = urlBioBelow + options.foreignBioShare();
        idWidth = Math.max(6, Integer.toString(options.accounts()).length());
        dirt = rng(options.seed(), DIRTY_STREAM, 0);
    }

    /**
     * Writes the four input tables (less the omitted ones) and the {@code truth} folder into
     * {@code outputDir} (created if missing; existing files are overwritten, and those this run does
     * not write are deleted).
     */
    public static GenerationSummary write(Path outputDir, GeneratorOptions options) throws IOException {
        return new AudienceGenerator(options).writeAll(outputDir);
    }

    private GenerationSummary writeAll(Path dir) throws IOException {
        Path truth = dir.resolve("truth");
        Files.createDirectories(truth);
        int accounts = options.accounts();
        boolean dirty = options.dirtyRate() > 0;
        long accountDirt = dirtyTotal(accounts, ACCOUNT_DIRT.size());
        long followDirt = dirtyTotal((long) (accounts * options.meanFollows()), FOLLOW_DIRT.size());
        long postDirt = dirtyTotal((long) accounts * options.postsPerAccount(), POST_DIRT.size());
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvFile interestCsv = table(dir.resolve("interests.csv"), INTEREST_COLUMNS, OmittedTable.INTERESTS);
                CsvFile accountCsv = table(dir.resolve("accounts.csv"), ACCOUNT_COLUMNS, null);
                CsvFile followCsv = table(dir.resolve("follows.csv"), FOLLOW_COLUMNS, OmittedTable.FOLLOWS_ROWS);
                CsvFile postCsv = table(dir.resolve("posts.csv"), POST_COLUMNS, OmittedTable.POSTS);
                CsvFile truthCsv = new CsvFile(
                        truth.resolve("memberships.csv"), new String[] {"account_id", "segment_id", "need"}, true);
                CsvFile secondaryCsv = secondaryOf == null
                        ? CsvFile.absent(truth.resolve("secondary_needs.csv"))
                        : new CsvFile(
                                truth.resolve("secondary_needs.csv"),
                                new String[] {"account_id", "secondary_segment_id", "secondary_need"},
                                true);
                CsvFile flagCsv = options.botShare() > 0
                        ? new CsvFile(truth.resolve("flags.csv"), new String[] {"account_id", "flag", "case"}, true)
                        : CsvFile.absent(truth.resolve("flags.csv"))) {
            writeInterests(interestCsv);
            String[] follow = new String[2];
            String[] membership = new String[3];
            long accountDirtDone = 0;
            long followDirtDone = 0;
            long postDirtDone = 0;
            for (int i = 0; i < accounts; i++) {
                SplittableRandom r = rng(options.seed(), ACCOUNT_STREAM, i);
                Needs needs = needs(r, i);
                String id = padded('u', i, idWidth);
                int following = writeFollows(r, i, id, needs, followCsv, follow, interestCsv);
                String[] account = accountRow(r, id, needs, following);
                SplittableRandom quirk = rng(options.seed(), EDGE_CASE_STREAM, i);
                PlantedBots.Case edge = options.botShare() > 0 ? PlantedBots.edgeCase(i) : null;
                int postCount = options.postsPerAccount();
                if (edge != null) {
                    PlantedBots.applyEdge(edge, quirk, account);
                    flagCsv.writeRow(id, edge.flag(), edge.label());
                    postCount = edge == PlantedBots.Case.NEW_ACCOUNT
                            ? 0
                            : edge == PlantedBots.Case.SHOP_OWNER && postCount > 0
                                    ? Math.max(PlantedBots.SHOP_POSTS, postCount)
                                    : postCount;
                }
                accountCsv.writeRow(account);
                countBio(account[BIO], account[LANGUAGE]);
                for (int p = 0; p < postCount; p++) {
                    String[] post = edge == PlantedBots.Case.SHOP_OWNER
                            ? postRow(
                                    r,
                                    id,
                                    PlantedBots.shopPost(
                                            quirk,
                                            account[1],
                                            NeedCatalogue.THEMES
                                                    .get(needs.primary())
                                                    .vocabulary()))
                            : postRow(r, id, needs);
                    postCsv.writeRow(post);
                    if (postCsv.keepsRows()) {
                        countPost(post[POST_TEXT]);
                    }
                }
                membership[0] = id;
                membership[1] = Integer.toString(needs.primary());
                membership[2] = NeedCatalogue.THEMES.get(needs.primary()).need();
                truthCsv.writeRow(membership);
                if (needs.secondary() >= 0) {
                    secondaryCsv.writeRow(
                            id,
                            Integer.toString(needs.secondary()),
                            NeedCatalogue.THEMES.get(needs.secondary()).need());
                }
                for (long due = spread(accountDirt, accounts, i); due > 0; due--) {
                    accountCsv.writeRow(dirtyAccount(accountDirtDone++, i));
                }
                for (long due = spread(followDirt, accounts, i); due > 0; due--) {
                    followCsv.writeRow(dirtyFollow(followDirtDone++, id));
                }
                for (long due = spread(postDirt, accounts, i); due > 0; due--) {
                    postCsv.writeRow(dirtyPost(postDirtDone++, id, needs));
                }
            }
            writeBots(accountCsv, followCsv, postCsv, flagCsv);
            if (dirty) {
                followCsv.writeTruncated(
                        padded('u', accounts - 1, idWidth), longTailIds[dirt.nextInt(longTailIds.length)]);
                dirtCounts[1][FOLLOW_DIRT.size()]++;
            }
            rows.put("accounts", accountCsv.rows());
            rows.put("follows", followCsv.rows());
            rows.put("interests", interestCsv.rows());
            rows.put("posts", postCsv.rows());
        }
        rows.put("assets", writeAssets(dir.resolve("assets.csv"), truth.resolve("assets.csv")));
        writeSegments(truth.resolve("segments.csv"));
        Map<String, Map<String, Integer>> dirtByTable = dirtByTable();
        writeDirt(truth.resolve("dirty.csv"), dirtByTable);
        Map<String, Long> planted = planted();
        writePlanted(truth.resolve("summary.csv"), planted);
        return new GenerationSummary(Collections.unmodifiableMap(rows), dirtByTable, planted);
    }

    /**
     * A second planted segment for a share {@code secondaryNeedShare} of the accounts, else -1; then
     * the split need for exactly a share {@code splitNeedShare} of segment 0's members.
     */
    private int[] secondaryNeeds() {
        SplittableRandom r = rng(options.seed(), SECONDARY_NEED_STREAM, 0);
        int[] secondary = new int[segmentOf.length];
        for (int i = 0; i < secondary.length; i++) {
            if (r.nextDouble() < options.secondaryNeedShare()) {
                int other = r.nextInt(options.segments() - 1);
                secondary[i] = other >= segmentOf[i] ? other + 1 : other;
            } else {
                secondary[i] = -1;
            }
        }
        if (options.splitNeedShare() > 0) {
            SplittableRandom split = rng(options.seed(), SPLIT_NEED_STREAM, 0);
            int target = GradedTastes.splitNeedTarget(options.segments(), graded);
            int left = segmentSizes[0];
            int wanted = (int) Math.round(options.splitNeedShare() * left);
            for (int i = 0; i < secondary.length && wanted > 0; i++) {
                if (segmentOf[i] == 0 && split.nextInt(left--) < wanted) {
                    secondary[i] = target;
                    splitNeedMembers.set(i);
                    wanted--;
                }
            }
        }
        return secondary;
    }

    /** Account {@code i}'s needs; graded tastes are drawn from its generator {@code r}. */
    private Needs needs(SplittableRandom r, int i) {
        int secondary = secondaryOf == null ? -1 : secondaryOf[i];
        double weight =
                splitNeedMembers.get(i) ? GeneratorOptions.SPLIT_NEED_WEIGHT : GeneratorOptions.SECONDARY_NEED_WEIGHT;
        TasteMix tastes = graded == null ? null : graded.mix(r, segmentOf[i], secondary);
        return new Needs(segmentOf[i], secondary, weight, tastes);
    }

    /**
     * Writes the account's follows and returns how many. All are distinct and valid. Describes its
     * single-follower accounts in {@code interests} as it goes.
     */
    private int writeFollows(
            SplittableRandom r, int account, String id, Needs needs, CsvFile out, String[] row, CsvFile interests) {
        double sigma = FOLLOWS_SIGMA;
        long drawn = Math.round(options.meanFollows() * Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2));
        int total = (int) Math.max(GeneratorOptions.MIN_FOLLOWS, Math.min(MAX_FOLLOWS, drawn));
        int nicheCount = (int) Math.min(nicheIds[needs.primary()].length, Math.round(total * options.nicheShare()));
        int backboneCount = (int) Math.min(BACKBONE_SIZE, Math.round(total * options.backboneShare()));
        backboneCount = Math.min(backboneCount, total - nicheCount);
        int longTailCount = total - nicheCount - backboneCount;
        int secondaryCount = needs.secondary() < 0
                ? 0
                : (int) Math.min(nicheIds[needs.secondary()].length, Math.round(nicheCount * needs.secondaryWeight()));
        row[0] = id;
        if (needs.tastes() == null) {
            writeNicheFollows(r, needs.primary(), nicheCount - secondaryCount, out, row);
        } else {
            int[] tastes = needs.tastes().tastes();
            int[] counts = needs.tastes().counts(nicheCount - secondaryCount, nicheSizes);
            for (int t = 0; t < tastes.length; t++) {
                writeNicheFollows(r, tastes[t], counts[t], out, row);
            }
        }
        if (secondaryCount > 0) {
            writeRankedFollows(
                    r, nicheIds[needs.secondary()], nicheRankWeights[needs.secondary()], secondaryCount, out, row);
        }
        writeRankedFollows(r, backboneIds, backboneRankWeights, backboneCount, out, row);
        int singleFollowerCount = (int) Math.round(longTailCount * options.singleFollowerShare());
        int mark = account + 1;
        for (int j = 0; j < longTailCount - singleFollowerCount; ) {
            int pick = r.nextInt(longTailIds.length);
            if (longTailMark[pick] != mark) {
                longTailMark[pick] = mark;
                longTailFollowers[pick]++;
                row[1] = longTailIds[pick];
                out.writeRow(row);
                j++;
            }
        }
        writeSingleFollowerAccounts(account, id, singleFollowerCount, out, row, interests);
        return total;
    }

    private void writeNicheFollows(SplittableRandom r, int segment, int count, CsvFile out, String[] row) {
        writeRankedFollows(r, nicheIds[segment], nicheRankWeights[segment], count, out, row);
    }

    /** Writes {@code count} follows of a Zipf pool, drawn by {@link #sampleByRank}. */
    private void writeRankedFollows(
            SplittableRandom r, String[] pool, double[] rankWeights, int count, CsvFile out, String[] row) {
        if (count == 0) {
            return;
        }
        sampleByRank(r, rankWeights);
        for (int j = 0; j < count; j++) {
            row[1] = pool[(int) (sampleKeys[j] & INDEX_BITS)];
            out.writeRow(row);
        }
    }

    /**
     * Follows of accounts nobody else in the audience follows ({@code lt_<member>_<n>}), a share
     * {@code longTailInterestShare} of them described in {@code interests}. Their descriptions draw
     * from a stream of their own, so asking for more or fewer of them changes no other table.
     */
    private void writeSingleFollowerAccounts(
            int account, String memberId, int count, CsvFile follows, String[] row, CsvFile interests) {
        if (count == 0) {
            return;
        }
        SplittableRandom r = rng(options.seed(), SINGLE_FOLLOWER_INTEREST_STREAM, account);
        for (int j = 1; j <= count; j++) {
            String followedId = "lt_" + memberId + "_" + j;
            row[1] = followedId;
            follows.writeRow(row);
            if (r.nextDouble() < options.longTailInterestShare()) {
                interests.writeRow(longTailInterest(r, followedId));
                singleFollowerAccountsDescribed += interests.keepsRows() ? 1 : 0;
            }
        }
        singleFollowerAccounts += count;
    }

    /**
     * Orders a pool by a weighted random draw without replacement (Efraimidis-Spirakis with
     * exponential keys) into {@link #sampleKeys}: any prefix of it is a sample where the candidate of
     * rank {@code i} is included with a chance that falls like {@code 1/i}.
     */
    private void sampleByRank(SplittableRandom r, double[] rankWeights) {
        for (int j = 0; j < rankWeights.length; j++) {
            double key = 0.0 - Math.log(1.0 - r.nextDouble()) * rankWeights[j];
            sampleKeys[j] = (Double.doubleToRawLongBits(key) & ~INDEX_BITS) | j;
        }
        Arrays.sort(sampleKeys, 0, rankWeights.length);
    }

    private String[] accountRow(SplittableRandom r, String id, Needs needs, int following) {
        NeedTheme theme = NeedCatalogue.THEMES.get(needs.primary());
        String first = pick(r, NeedCatalogue.FIRST_NAMES);
        String word = pick(r, theme.vocabulary());
        String handle = first.toLowerCase() + "_" + word.replace(' ', '_').replace("-", "") + r.nextInt(100);
        String last = pick(r, NeedCatalogue.LAST_NAMES);
        double nameStyle = r.nextDouble();
        String displayName = nameStyle < 0.05
                ? first + " " + last + ", PhD"
                : nameStyle < 0.15 ? first + " " + pick(r, NeedCatalogue.EMOJI) : first + " " + last;
        String language = r.nextDouble() < 0.03 ? "" : "en";
        String bio;
        double kind = r.nextDouble();
        if (kind < emptyBioBelow) {
            bio = "";
        } else if (kind < emojiBioBelow) {
            bio = pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI);
        } else if (kind < urlBioBelow) {
            bio = url(r, handle);
        } else if (kind < foreignBioBelow) {
            int lang = r.nextInt(NeedCatalogue.FOREIGN_LANGUAGES.size());
            language = NeedCatalogue.FOREIGN_LANGUAGES.get(lang);
            List<String> phrases = NeedCatalogue.FOREIGN_PHRASES.get(lang);
            bio = pick(r, phrases) + " · " + pick(r, phrases)
                    + (r.nextBoolean() ? " " + pick(r, hashtags[needs.themeOf(r)]) : "");
        } else {
            bio = switch (options.text()) {
                case TEMPLATED -> englishBio(r, needs.themeOf(r), handle);
                case REALISTIC -> RealisticText.bio(r, needs, handle);
                case SYNONYMS -> SynonymBios.bio(r, needs);
            };
        }
        double city = r.nextDouble();
        List<String> cities = NeedCatalogue.CITIES;
        String location =
                city < 0.10 ? "" : city < 0.30 ? cities.get(needs.primary() * 7 % cities.size()) : pick(r, cities);
        boolean verified = r.nextDouble() < 0.02;
        long followers = (long) Math.exp(1.6 * r.nextGaussian() + 5.3) * (verified ? 50 : 1);
        long followingCount = following + (long) Math.exp(0.8 * r.nextGaussian() + 4);
        long posts = (long) Math.exp(1.3 * r.nextGaussian() + 5);
        String created = LocalDate.ofEpochDay(FIRST_ACCOUNT_DAY + r.nextInt(ACCOUNT_DAYS))
                .toString();
        return new String[] {
            id,
            handle,
            displayName,
            bio,
            location,
            language,
            Long.toString(followers),
            Long.toString(followingCount),
            Long.toString(posts),
            created,
            verified ? "true" : "false"
        };
    }

    /** A templated English bio on one theme. */
    private String englishBio(SplittableRandom r, int theme, String handle) {
        List<String> words = NeedCatalogue.THEMES.get(theme).vocabulary();
        List<String> parts = new ArrayList<>(8);
        int first = r.nextInt(words.size());
        String lead = switch (r.nextInt(4)) {
            case 0 -> "Into ";
            case 1 -> "Obsessed with ";
            case 2 -> "All about ";
            default -> "";
        };
        // offsets 1-5 and 6-10 keep the three words distinct in a vocabulary of a dozen
        parts.add(lead + words.get(first) + ", " + words.get((first + 1 + r.nextInt(5)) % words.size()) + " & "
                + words.get((first + 6 + r.nextInt(5)) % words.size()));
        for (int g = r.nextInt(3); g > 0; g--) {
            parts.add(pick(r, NeedCatalogue.GENERIC_PHRASES));
        }
        if (r.nextDouble() < 0.25) {
            parts.add("\"" + pick(r, NeedCatalogue.MOTTOS) + "\"");
        }
        StringBuilder tags = new StringBuilder();
        if (r.nextDouble() < 0.7) {
            tags.append(pick(r, hashtags[theme]));
        }
        if (r.nextDouble() < 0.1) {
            tags.append(tags.length() > 0 ? " " : "").append(pick(r, NeedCatalogue.GENERIC_HASHTAGS));
        }
        if (r.nextDouble() < 0.3) {
            tags.append(tags.length() > 0 ? " " : "").append(pick(r, NeedCatalogue.EMOJI));
        }
        if (tags.length() > 0) {
            parts.add(tags.toString());
        }
        if (r.nextDouble() < 0.1) {
            parts.add("proud member of @" + pick(r, NeedCatalogue.FIRST_NAMES).toLowerCase() + r.nextInt(1000));
        }
        if (r.nextDouble() < 0.15) {
            parts.add(url(r, handle));
        }
        String separator = switch (r.nextInt(8)) {
            case 0 -> "\n";
            case 1, 2 -> " · ";
            case 3, 4 -> ". ";
            default -> " | ";
        };
        return String.join(separator, parts);
    }

    /**
     * The {@code --bots} accounts ({@link PlantedBots}), after the real ones: their follows (the
     * backbone by popularity, the rest from the shared long tail), their posts and their truth.
     */
    private void writeBots(CsvFile accountCsv, CsvFile followCsv, CsvFile postCsv, CsvFile flagCsv) {
        long bots = Math.round(options.botShare() * options.accounts());
        String[] follow = new String[2];
        for (int j = 0; j < bots; j++) {
            SplittableRandom r = rng(options.seed(), PLANTED_BOT_STREAM, j);
            PlantedBots.Case kind = PlantedBots.PLANTED.get(j % PlantedBots.PLANTED.size());
            String id = padded('b', j, idWidth);
            int[] follows = PlantedBots.follows(r, kind);
            follow[0] = id;
            writeRankedFollows(r, backboneIds, backboneRankWeights, follows[1], followCsv, follow);
            Set<Integer> picked = new HashSet<>();
            while (picked.size() < follows[0] - follows[1]) {
                int pick = r.nextInt(longTailIds.length);
                if (picked.add(pick)) {
                    follow[1] = longTailIds[pick];
                    followCsv.writeRow(follow);
                }
            }
            int postRows = options.postsPerAccount() == 0 ? 0 : PlantedBots.postRows(r, kind);
            accountCsv.writeRow(PlantedBots.account(r, kind, id, postRows));
            for (String text : PlantedBots.posts(r, kind, postRows)) {
                postCsv.writeRow(postRow(r, id, text));
            }
            flagCsv.writeRow(id, kind.flag(), kind.label());
        }
    }

    private String[] postRow(SplittableRandom r, String accountId, Needs needs) {
        return postRow(
                r,
                accountId,
                options.text() == TextStyle.TEMPLATED
                        ? templatedPost(r, needs.themeOf(r))
                        : RealisticText.post(r, needs));
    }

    private String[] postRow(SplittableRandom r, String accountId, String text) {
        long likes = Math.max(0, (long) Math.exp(1.2 * r.nextGaussian() + 1.5) - 1);
        long replies = r.nextLong(likes / 5 + 2);
        long shares = r.nextLong(likes / 3 + 1);
        postsDrawn++;
        return new String[] {
            "p" + postsDrawn,
            accountId,
            timestamp(r),
            text,
            Long.toString(likes),
            Long.toString(replies),
            Long.toString(shares)
        };
    }

    private String templatedPost(SplittableRandom r, int theme) {
        List<String> words = NeedCatalogue.THEMES.get(theme).vocabulary();
        StringBuilder text = new StringBuilder(120)
                .append(pick(r, NeedCatalogue.POST_OPENERS))
                .append(' ')
                .append(pick(r, words))
                .append(r.nextBoolean() ? " and " : ", then ")
                .append(pick(r, words));
        if (r.nextDouble() < 0.3) {
            text.append(' ').append(pick(r, NeedCatalogue.EMOJI));
        }
        text.append(r.nextDouble() < 0.1 ? '\n' : ' ').append(pick(r, hashtags[theme]));
        if (r.nextDouble() < 0.15) {
            text.append(" https://t.co/").append(Integer.toString(r.nextInt(1 << 30), 36));
        }
        if (r.nextDouble() < 0.15) {
            text.append(" @")
                    .append(pick(r, NeedCatalogue.FIRST_NAMES).toLowerCase())
                    .append(r.nextInt(1000));
        }
        if (r.nextDouble() < 0.5) {
            text.append(' ').append(pick(r, NeedCatalogue.POST_CLOSERS));
        }
        return text.toString();
    }

    private void countBio(String bio, String language) {
        if (bio.isEmpty()) {
            emptyBios++;
        }
        FRAGMENTS.fragmentsForCoreNlp(bio, language).forEach(bioFragments::add);
    }

    private void countPost(String text) {
        posts.add(text);
        FRAGMENTS.fragmentsForCoreNlp(text, null).forEach(postFragments::add);
    }

    /** The {@code n}-th dirty account row, written after valid account {@code after}. */
    private String[] dirtyAccount(long n, int after) {
        int kind = (int) (n % ACCOUNT_DIRT.size());
        dirtCounts[0][kind]++;
        int segment = dirt.nextInt(options.segments());
        String id = switch (ACCOUNT_DIRT.get(kind)) {
            case "duplicate" -> padded('u', dirt.nextInt(after + 1), idWidth);
            case "empty_account_id" -> "";
            default -> padded('x', n, idWidth);
        };
        String[] row = accountRow(dirt, id, Needs.only(segment), GeneratorOptions.MIN_FOLLOWS + dirt.nextInt(100));
        switch (ACCOUNT_DIRT.get(kind)) {
            case "non_numeric_count" ->
                row[FOLLOWERS + dirt.nextInt(3)] = BAD_NUMBERS[dirt.nextInt(BAD_NUMBERS.length)];
            case "negative_count" -> row[FOLLOWERS + dirt.nextInt(3)] = "-" + (1 + dirt.nextInt(500));
            case "impossible_date" -> row[CREATED_AT] = BAD_DATES[dirt.nextInt(BAD_DATES.length)];
            default -> {}
        }
        return row;
    }

    /** The {@code n}-th dirty follow row, written among the follows of {@code accountId}. */
    private String[] dirtyFollow(long n, String accountId) {
        int kind = (int) (n % FOLLOW_DIRT.size());
        dirtCounts[1][kind]++;
        String[] niche = nicheIds[dirt.nextInt(options.segments())];
        return switch (FOLLOW_DIRT.get(kind)) {
            case "unknown_account" -> new String[] {padded('g', n, idWidth), niche[dirt.nextInt(niche.length)]};
            case "empty_followed_id" -> new String[] {accountId, ""};
            default -> new String[] {"", backboneIds[dirt.nextInt(BACKBONE_SIZE)]};
        };
    }

    /** The {@code n}-th dirty post row, attached to {@code accountId} where it keeps its key. */
    private String[] dirtyPost(long n, String accountId, Needs needs) {
        int kind = (int) (n % POST_DIRT.size());
        dirtCounts[2][kind]++;
        String[] row = postRow(dirt, accountId, needs);
        if (POST_DIRT.get(kind).equals("empty_account_id")) {
            row[1] = "";
        } else {
            row[4] = "-" + (1 + dirt.nextInt(20));
        }
        return row;
    }

    /** The niche, backbone and shared long-tail rows of {@code interests}. */
    private void writeInterests(CsvFile out) {
        SplittableRandom r = rng(options.seed(), SETUP_STREAM, 1);
        for (int s = 0; s < options.segments(); s++) {
            NeedTheme theme = NeedCatalogue.THEMES.get(s);
            List<String> words = theme.vocabulary();
            for (String id : nicheIds[s]) {
                String description = "Everything " + pick(r, words) + ", " + pick(r, words) + " and " + pick(r, words)
                        + (r.nextBoolean() ? ". " + pick(r, hashtags[s]) : ".");
                out.writeRow(
                        id,
                        titleCase(pick(r, words)) + " " + pick(r, NeedCatalogue.NICHE_SUFFIXES),
                        r.nextDouble() < 0.9 ? theme.category() : "",
                        description);
            }
        }
        for (int j = 0; j < BACKBONE_SIZE; j++) {
            if (j % 3 == 0) {
                out.writeRow(
                        backboneIds[j],
                        pick(r, NeedCatalogue.NEWS_PREFIXES) + " " + pick(r, NeedCatalogue.NEWS_NOUNS),
                        "News",
                        pick(
                                r,
                                List.of(
                                        "Breaking news, analysis and live coverage.",
                                        "Top stories from around the world, 24/7.",
                                        "Politics, business and culture.")));
            } else {
                out.writeRow(
                        backboneIds[j],
                        pick(r, NeedCatalogue.FIRST_NAMES) + " " + pick(r, NeedCatalogue.LAST_NAMES),
                        pick(r, List.of("Celebrity", "Entertainment", "Media")),
                        pick(
                                r,
                                List.of(
                                        "Official account. Actor, singer, dreamer.",
                                        "Official page. New album out now!",
                                        "Host of the #1 podcast.",
                                        "Comedian. Tour dates below 👇")));
            }
        }
        for (int j = 0; j < longTailIds.length; j++) {
            if (r.nextDouble() < options.longTailInterestShare()) {
                out.writeRow(longTailInterest(r, longTailIds[j]));
                longTailDescribed[j] = out.keepsRows();
            }
        }
    }

    /** An {@code interests} row for a long-tail account, in the text style of the audience. */
    private String[] longTailInterest(SplittableRandom r, String id) {
        if (options.text() != TextStyle.TEMPLATED) {
            return RealisticText.longTailInterest(r, id);
        }
        return new String[] {
            id,
            pick(r, NeedCatalogue.FIRST_NAMES) + " " + pick(r, NeedCatalogue.LAST_NAMES),
            r.nextBoolean() ? "Personal" : "",
            pick(r, NeedCatalogue.GENERIC_PHRASES)
        };
    }

    /**
     * The brand's {@code assets} and {@code truth/assets.csv} ({@code asset_id, segment_id, need}):
     * one asset per need except every {@value #UNCOVERED_EVERY}th need, described with four of the
     * need's words (every other one with the need's most followed niche account as its own account),
     * and the {@link #GENERIC_ASSETS} ({@code segment_id} −1), described with filler every segment's
     * bios use.
     *
     * @return the rows of {@code assets.csv} (0 when omitted)
     */
    private long writeAssets(Path file, Path truthFile) throws IOException {
        SplittableRandom r = rng(options.seed(), ASSET_STREAM, 0);
        List<String> kinds = List.of("product", "service", "content", "channel");
        try (CsvFile out = table(file, ASSET_COLUMNS, OmittedTable.ASSETS);
                CsvFile truthCsv = options.omits(OmittedTable.ASSETS)
                        ? CsvFile.absent(truthFile)
                        : new CsvFile(truthFile, new String[] {"asset_id", "segment_id", "need"}, true)) {
            for (int s = 0; s < options.segments(); s++) {
                if (s % UNCOVERED_EVERY == UNCOVERED_EVERY - 1) {
                    continue;
                }
                NeedTheme theme = NeedCatalogue.THEMES.get(s);
                List<String> words = new ArrayList<>(theme.vocabulary());
                Collections.shuffle(words, new Random(r.nextLong()));
                String id = "as_" + padded(s, 3);
                out.writeRow(
                        id,
                        titleCase(words.get(0)) + " " + pick(r, NeedCatalogue.NICHE_SUFFIXES),
                        kinds.get(s % kinds.size()),
                        // Listed as bios list them ("Into a, b & c"): a run of nouns would be one compound term.
                        words.get(0) + ", " + words.get(1) + ", " + words.get(2) + " and " + words.get(3)
                                + ": all in one place.",
                        s % 2 == 0 ? nicheIds[s][0] : "");
                truthCsv.writeRow(id, Integer.toString(s), theme.need());
            }
            for (String[] generic : GENERIC_ASSETS) {
                out.writeRow(generic);
                truthCsv.writeRow(generic[0], "-1", "");
            }
            return out.rows();
        }
    }

    private void writeSegments(Path file) throws IOException {
        try (CsvFile out = new CsvFile(file, new String[] {"segment_id", "need", "size", "vocabulary"}, true)) {
            for (int s = 0; s < options.segments(); s++) {
                NeedTheme theme = NeedCatalogue.THEMES.get(s);
                out.writeRow(
                        Integer.toString(s),
                        theme.need(),
                        Integer.toString(segmentSizes[s]),
                        String.join(";", theme.vocabulary()));
            }
        }
    }

    /** What {@code truth/summary.csv} reports, in its order. */
    private Map<String, Long> planted() {
        long sharedFollowed = 0;
        long sharedFollowedOnce = 0;
        long sharedFollowedDescribed = 0;
        for (int j = 0; j < longTailIds.length; j++) {
            sharedFollowed += longTailFollowers[j] > 0 ? 1 : 0;
            sharedFollowedOnce += longTailFollowers[j] == 1 ? 1 : 0;
            sharedFollowedDescribed += longTailFollowers[j] > 0 && longTailDescribed[j] ? 1 : 0;
        }
        Map<String, Long> planted = new LinkedHashMap<>();
        planted.put("accounts", (long) options.accounts());
        planted.put(
                "secondary_need_accounts",
                secondaryOf == null
                        ? 0
                        : Arrays.stream(secondaryOf).filter(s -> s >= 0).count());
        planted.put("empty_bios", emptyBios);
        planted.put("long_tail_followed", sharedFollowed + singleFollowerAccounts);
        planted.put("long_tail_followed_once", sharedFollowedOnce + singleFollowerAccounts);
        planted.put("long_tail_followed_described", sharedFollowedDescribed + singleFollowerAccountsDescribed);
        planted.put("posts", posts.count());
        planted.put("distinct_posts", posts.distinct());
        planted.put("post_fragments", postFragments.count());
        planted.put("distinct_post_fragments", postFragments.distinct());
        planted.put("bio_fragments", bioFragments.count());
        planted.put("distinct_bio_fragments", bioFragments.distinct());
        return Collections.unmodifiableMap(planted);
    }

    private static void writePlanted(Path file, Map<String, Long> planted) throws IOException {
        try (CsvFile out = new CsvFile(file, new String[] {"metric", "value"}, true)) {
            planted.forEach((metric, value) -> out.writeRow(metric, Long.toString(value)));
        }
    }

    /** Dirty rows per table and kind; none for a table whose rows are not written. */
    private Map<String, Map<String, Integer>> dirtByTable() {
        List<String> followKinds = new ArrayList<>(FOLLOW_DIRT);
        followKinds.add(TRUNCATED);
        List<List<String>> kinds = List.of(ACCOUNT_DIRT, followKinds, POST_DIRT);
        List<String> tables = List.of("accounts", "follows", "posts");
        List<Boolean> written =
                List.of(true, !options.omits(OmittedTable.FOLLOWS_ROWS), !options.omits(OmittedTable.POSTS));
        Map<String, Map<String, Integer>> byTable = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            Map<String, Integer> byKind = new LinkedHashMap<>();
            for (int k = 0; k < kinds.get(t).size(); k++) {
                byKind.put(kinds.get(t).get(k), written.get(t) ? dirtCounts[t][k] : 0);
            }
            byTable.put(tables.get(t), Collections.unmodifiableMap(byKind));
        }
        return Collections.unmodifiableMap(byTable);
    }

    private static void writeDirt(Path file, Map<String, Map<String, Integer>> dirtByTable) throws IOException {
        try (CsvFile out = new CsvFile(file, new String[] {"table", "kind", "rows"}, true)) {
            dirtByTable.forEach(
                    (table, kinds) -> kinds.forEach((kind, rows) -> out.writeRow(table, kind, Integer.toString(rows))));
        }
    }

    /**
     * An input table: written in full, or, when {@code omission} is among the omitted tables, left
     * out (header only for {@code FOLLOWS_ROWS}, no file for the others).
     */
    private CsvFile table(Path file, String[] header, OmittedTable omission) throws IOException {
        if (omission == null || !options.omits(omission)) {
            return new CsvFile(file, header, true);
        }
        return omission == OmittedTable.FOLLOWS_ROWS ? new CsvFile(file, header, false) : CsvFile.absent(file);
    }

    /**
     * Dirty rows for a table of about {@code validRows}: none when clean or without valid rows (a
     * header-only table stays so), else every kind at least once.
     */
    private long dirtyTotal(long validRows, int kinds) {
        return options.dirtyRate() == 0 || validRows == 0
                ? 0
                : Math.max(kinds, Math.round(options.dirtyRate() * validRows));
    }

    /** How many of {@code total} rows spread evenly over {@code steps} fall due at step {@code i}. */
    private static long spread(long total, long steps, long i) {
        return (i + 1) * total / steps - i * total / steps;
    }

    /**
     * Segment sizes: with a {@code dominantShare}, segment 0 gets that share of the accounts and the
     * others the rest as below; without, the minimum each and the rest shared out by {@code 1/rank^0.8},
     * largest first.
     */
    static int[] segmentSizes(int accounts, int segments, double dominantShare) {
        if (dominantShare == 0) {
            return powerLawSizes(accounts, segments);
        }
        int dominant = (int) Math.round(dominantShare * accounts);
        int[] sizes = new int[segments];
        sizes[0] = dominant;
        System.arraycopy(powerLawSizes(accounts - dominant, segments - 1), 0, sizes, 1, segments - 1);
        return sizes;
    }

    private static int[] powerLawSizes(int accounts, int segments) {
        double[] weight = new double[segments];
        double sum = 0;
        for (int s = 0; s < segments; s++) {
            weight[s] = 1 / Math.pow(s + 1, SEGMENT_SIZE_EXPONENT);
            sum += weight[s];
        }
        int spare = accounts - segments * GeneratorOptions.MIN_SEGMENT_SIZE;
        int[] sizes = new int[segments];
        int given = 0;
        for (int s = 0; s < segments; s++) {
            int extra = (int) (spare * weight[s] / sum);
            sizes[s] = GeneratorOptions.MIN_SEGMENT_SIZE + extra;
            given += extra;
        }
        for (int s = 0; given < spare; s++, given++) {
            sizes[s]++;
        }
        return sizes;
    }

    /** Sampling weights for a Zipf pool, stored inverted ({@code rank^exponent}) to multiply keys. */
    private static double[] rankWeights(int size, double exponent) {
        double[] inverse = new double[size];
        for (int j = 0; j < size; j++) {
            inverse[j] = Math.pow(j + 1, exponent);
        }
        return inverse;
    }

    private static String timestamp(SplittableRandom r) {
        int second = r.nextInt(POST_SECONDS);
        int inDay = second % 86_400;
        StringBuilder out = new StringBuilder(20)
                .append(LocalDate.ofEpochDay(FIRST_POST_DAY + second / 86_400))
                .append('T');
        twoDigits(out, inDay / 3600).append(':');
        twoDigits(out, inDay / 60 % 60).append(':');
        return twoDigits(out, inDay % 60).append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static String url(SplittableRandom r, String handle) {
        return r.nextBoolean() ? "https://linktr.ee/" + handle : "https://" + handle.replace('_', '-') + ".example.com";
    }

    static String hashtag(String term) {
        StringBuilder tag = new StringBuilder("#");
        for (String part : term.split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty()) {
                tag.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return tag.toString();
    }

    private static String titleCase(String term) {
        return hashtag(term).substring(1).replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String padded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static String padded(char prefix, long value, int width) {
        String digits = Long.toString(value);
        StringBuilder out = new StringBuilder(width + 1).append(prefix);
        for (int k = digits.length(); k < width; k++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }

    /** A generator for one (stream, index) pair: independent of every other pair, same for the same seed. */
    private static SplittableRandom rng(long seed, long stream, long index) {
        return new SplittableRandom(mix64(mix64(seed + stream * 0x9E3779B97F4A7C15L) + index));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * One output table: RFC 4180 via univocity, quoting only values that hold a comma, quote or
     * newline, values kept verbatim (no trimming). Closeable, unlike {@link CsvWriter}, so that
     * try-with-resources never leaves a file half-flushed. A table whose rows are left out keeps its
     * header ({@code keepRows} false) or has no file at all ({@link #absent}); rows handed to it are
     * dropped and not counted.
     */
    private static final class CsvFile implements Closeable {
        private final Writer out;
        private final CsvWriter csv;
        private final boolean keepRows;
        private long rows;

        CsvFile(Path file, String[] header, boolean keepRows) throws IOException {
            out = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            CsvWriterSettings settings = new CsvWriterSettings();
            settings.getFormat().setLineSeparator("\n");
            settings.setIgnoreLeadingWhitespaces(false);
            settings.setIgnoreTrailingWhitespaces(false);
            settings.setHeaders(header);
            csv = new CsvWriter(out, settings);
            csv.writeHeaders();
            this.keepRows = keepRows;
        }

        private CsvFile() {
            out = null;
            csv = null;
            keepRows = false;
        }

        /** A table left out: no file (an earlier run's is deleted), every row dropped. */
        static CsvFile absent(Path file) throws IOException {
            Files.deleteIfExists(file);
            return new CsvFile();
        }

        boolean keepsRows() {
            return keepRows;
        }

        /** Data rows written, the truncated one included. */
        long rows() {
            return rows;
        }

        void writeRow(String... values) {
            if (keepRows) {
                csv.writeRow(values);
                rows++;
            }
        }

        /**
         * Ends the file inside the first field of a row, with no line separator, as an export cut off
         * mid-write does. (A cut inside the last field would look like a valid row to any reader.)
         */
        void writeTruncated(String... values) throws IOException {
            if (keepRows) {
                String row = csv.writeRowToString(values);
                csv.flush();
                out.write(row, 0, values[0].length() / 2 + 1);
                rows++;
            }
        }

        @Override
        public void close() {
            if (csv != null) {
                csv.close();
            }
        }
    }
}
