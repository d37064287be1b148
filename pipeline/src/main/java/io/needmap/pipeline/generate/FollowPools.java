package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.padded;
import static io.needmap.pipeline.generate.Draws.pick;
import static io.needmap.pipeline.generate.Draws.rng;

import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The accounts an audience follows, and the follows drawn from them: each need's niche of 40 to 80
 * accounts ({@code n007_012}), a backbone of {@value #BACKBONE_SIZE} celebrities and news outlets
 * every need shares ({@code bb_001}), a long tail shared by the audience ({@code lt_00123}) and
 * accounts one member alone follows ({@code lt_u000042_7}); and their rows in {@code interests}.
 * Popularity inside a niche and the backbone is Zipf-like; the shared long tail is uniform.
 *
 * <p>Weakness: the pools do not overlap (every niche follow points to one need) and the shared long
 * tail has no taste of its own, unlike a real export's tens of thousands of accounts followed by two
 * or more members.
 */
final class FollowPools {
    /** Celebrities and news outlets everybody follows. */
    static final int BACKBONE_SIZE = 150;

    static final int MIN_NICHE_ACCOUNTS = 40;
    static final int MAX_NICHE_ACCOUNTS = 80;
    /** Smallest long tail shared by the audience; large audiences get one account per 20 members. */
    static final int MIN_LONG_TAIL = 5000;
    /** Popularity of the i-th niche or backbone account is proportional to {@code 1 / i^ZIPF_EXPONENT}. */
    static final double ZIPF_EXPONENT = 1.0;
    /** Spread (log scale) of the number of follows per account. */
    static final double FOLLOWS_SIGMA = 0.5;
    /** Most platforms cap how many accounts one account may follow around here. */
    static final int MAX_FOLLOWS = 5000;
    /** Low mantissa bits of a sampling key that carry the candidate's index (pools are under 256). */
    private static final long INDEX_BITS = 0xFFL;

    private final GeneratorOptions options;
    private final String[][] nicheIds;
    private final int[] nicheSizes;
    private final double[][] nicheRankWeights;
    private final String[] backboneIds;
    private final double[] backboneRankWeights;
    private final String[] longTailIds;
    private final long[] sampleKeys = new long[256];
    private final int[] longTailMark;
    private final int[] longTailFollowers;
    private final boolean[] longTailDescribed;
    private long singleFollowerAccounts;
    private long singleFollowerAccountsDescribed;

    /** The pools of an audience; niche sizes are drawn from {@code setup}. */
    FollowPools(GeneratorOptions options, GradedTastes graded, SplittableRandom setup) {
        this.options = options;
        int k = options.segments();
        nicheIds = new String[k][];
        nicheSizes = new int[k];
        nicheRankWeights = new double[k][];
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
    }

    /** The {@code rank}-th (0 = most followed) account of need {@code segment}'s niche. */
    String nicheAccount(int segment, int rank) {
        return nicheIds[segment][rank];
    }

    int nicheSize(int segment) {
        return nicheSizes[segment];
    }

    String backboneAccount(int rank) {
        return backboneIds[rank];
    }

    /** A uniformly drawn account of the shared long tail. */
    String longTailAccount(SplittableRandom r) {
        return longTailIds[r.nextInt(longTailIds.length)];
    }

    /**
     * Writes the follows of account number {@code account} ({@code id}) and returns how many. All are
     * distinct and valid. Describes its single-follower accounts in {@code interests} as it goes.
     */
    int writeFollows(
            SplittableRandom r,
            int account,
            String id,
            Needs needs,
            CsvTable out,
            String[] row,
            CsvTable interests,
            AudienceText text) {
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
            writeNicheFollows(r, needs.secondary(), secondaryCount, out, row);
        }
        writeBackboneFollows(r, backboneCount, out, row);
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
        writeSingleFollowerAccounts(account, id, singleFollowerCount, out, row, interests, text);
        return total;
    }

    /** Writes {@code count} follows of the backbone, by popularity, for the account in {@code row[0]}. */
    void writeBackboneFollows(SplittableRandom r, int count, CsvTable out, String[] row) {
        writeRankedFollows(r, backboneIds, backboneRankWeights, count, out, row);
    }

    private void writeNicheFollows(SplittableRandom r, int segment, int count, CsvTable out, String[] row) {
        writeRankedFollows(r, nicheIds[segment], nicheRankWeights[segment], count, out, row);
    }

    /** Writes {@code count} follows of a Zipf pool, drawn by {@link #sampleByRank}. */
    private void writeRankedFollows(
            SplittableRandom r, String[] pool, double[] rankWeights, int count, CsvTable out, String[] row) {
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
            int account,
            String memberId,
            int count,
            CsvTable follows,
            String[] row,
            CsvTable interests,
            AudienceText text) {
        if (count == 0) {
            return;
        }
        SplittableRandom r = rng(options.seed(), Draws.SINGLE_FOLLOWER_INTEREST_STREAM, account);
        for (int j = 1; j <= count; j++) {
            String followedId = "lt_" + memberId + "_" + j;
            row[1] = followedId;
            follows.writeRow(row);
            if (r.nextDouble() < options.longTailInterestShare()) {
                interests.writeRow(text.longTailInterest(r, followedId));
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

    /** The niche, backbone and shared long-tail rows of {@code interests}. */
    void writeInterests(CsvTable out, AudienceText text) {
        SplittableRandom r = rng(options.seed(), Draws.SETUP_STREAM, 1);
        for (int s = 0; s < options.segments(); s++) {
            NeedTheme theme = NeedCatalogue.THEMES.get(s);
            List<String> words = theme.vocabulary();
            for (String id : nicheIds[s]) {
                String description = "Everything " + pick(r, words) + ", " + pick(r, words) + " and " + pick(r, words)
                        + (r.nextBoolean() ? ". " + text.themeHashtag(r, s) : ".");
                out.writeRow(
                        id,
                        AudienceText.titleCase(pick(r, words)) + " " + pick(r, NeedCatalogue.NICHE_SUFFIXES),
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
                out.writeRow(text.longTailInterest(r, longTailIds[j]));
                longTailDescribed[j] = out.keepsRows();
            }
        }
    }

    /** What {@code truth/summary.csv} reports of the long tail, shared and single-follower accounts together. */
    record LongTail(long followed, long followedOnce, long followedDescribed) {}

    LongTail longTail() {
        long followed = singleFollowerAccounts;
        long followedOnce = singleFollowerAccounts;
        long described = singleFollowerAccountsDescribed;
        for (int j = 0; j < longTailIds.length; j++) {
            followed += longTailFollowers[j] > 0 ? 1 : 0;
            followedOnce += longTailFollowers[j] == 1 ? 1 : 0;
            described += longTailFollowers[j] > 0 && longTailDescribed[j] ? 1 : 0;
        }
        return new LongTail(followed, followedOnce, described);
    }

    /** Sampling weights for a Zipf pool, stored inverted ({@code rank^exponent}) to multiply keys. */
    private static double[] rankWeights(int size, double exponent) {
        double[] inverse = new double[size];
        for (int j = 0; j < size; j++) {
            inverse[j] = Math.pow(j + 1, exponent);
        }
        return inverse;
    }
}
