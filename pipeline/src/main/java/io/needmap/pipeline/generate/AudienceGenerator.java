package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.padded;
import static io.needmap.pipeline.generate.Draws.rng;

import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Tastes;
import io.needmap.pipeline.generate.GradedTastes.TasteMix;
import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;
import io.needmap.pipeline.ingest.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *       {@value FollowPools#BACKBONE_SIZE} celebrities and news outlets ({@code bb_001}, shared by every segment,
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
 * <p>{@code assets}: the brand's own assets ({@link BrandAssets}), with their truth: which need
 * each serves, and some needs served by none.
 *
 * <p>Omitted tables ({@code omitted}) are drawn as usual and not written, so the other tables are the
 * same with or without them; {@code FOLLOWS_ROWS} leaves a header-only {@code follows.csv}.
 * {@code truth/summary.csv} records what was planted besides the segments: secondary needs, empty
 * bios, the long tail's size and how much of it is followed once and described, and how many posts,
 * post fragments and bio fragments are distinct, cut as the topics stage cuts them
 * ({@link io.needmap.pipeline.topics.TermExtractor#fragmentsForCoreNlp}).
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
    /** Segment share is proportional to {@code 1 / rank^SEGMENT_SIZE_EXPONENT}. */
    static final double SEGMENT_SIZE_EXPONENT = 0.8;

    private final GeneratorOptions options;
    private final int[] segmentOf;
    /** Secondary need of each account, {@code -1} for none; null when no account has one. */
    private final int[] secondaryOf;
    /** Accounts whose secondary need is the split need (weight {@code SPLIT_NEED_WEIGHT}). */
    private final BitSet splitNeedMembers = new BitSet();
    /** The ring of related tastes; null unless tastes are graded. */
    private final GradedTastes graded;

    private final int[] segmentSizes;
    private final int idWidth;
    private final FollowPools pools;
    private final AudienceText text;
    private final DirtyRows dirt;

    private AudienceGenerator(GeneratorOptions options) {
        this.options = options;
        SplittableRandom setup = rng(options.seed(), Draws.SETUP_STREAM, 0);
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
                ? new GradedTastes(k, rng(options.seed(), Draws.GRADED_TASTES_STREAM, 0))
                : null;
        secondaryOf = options.secondaryNeedShare() > 0 || options.splitNeedShare() > 0 ? secondaryNeeds() : null;
        pools = new FollowPools(options, graded, setup);
        text = new AudienceText(options);
        idWidth = Math.max(6, Integer.toString(options.accounts()).length());
        dirt = new DirtyRows(options, text, pools, idWidth);
    }

    /**
     * Writes the input tables (less the omitted ones) and the {@code truth} folder into
     * {@code outputDir} (created if missing; existing files are overwritten, and those this run does
     * not write are deleted).
     */
    public static GenerationSummary write(Path outputDir, GeneratorOptions options) throws IOException {
        return new AudienceGenerator(options).writeAll(outputDir);
    }

    /**
     * One pass over the accounts, each drawn from its own generator: its follows, its row, its posts,
     * its truth, and the dirty rows due after it; then the planted bots, the truncated last line, the
     * brand's assets and the truth's summaries.
     */
    private GenerationSummary writeAll(Path dir) throws IOException {
        Path truth = dir.resolve("truth");
        Files.createDirectories(truth);
        int accounts = options.accounts();
        long accountDirt = dirt.total(accounts, DirtyRows.ACCOUNT_DIRT.size());
        long followDirt = dirt.total((long) (accounts * options.meanFollows()), DirtyRows.FOLLOW_DIRT.size());
        long postDirt = dirt.total((long) accounts * options.postsPerAccount(), DirtyRows.POST_DIRT.size());
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvTable interestCsv = CsvTable.input(dir, Table.INTERESTS, options, OmittedTable.INTERESTS);
                CsvTable accountCsv = CsvTable.input(dir, Table.ACCOUNTS, options, null);
                CsvTable followCsv = CsvTable.input(dir, Table.FOLLOWS, options, OmittedTable.FOLLOWS_ROWS);
                CsvTable postCsv = CsvTable.input(dir, Table.POSTS, options, OmittedTable.POSTS);
                CsvTable truthCsv = new CsvTable(
                        truth.resolve("memberships.csv"), new String[] {"account_id", "segment_id", "need"}, true);
                CsvTable secondaryCsv = secondaryOf == null
                        ? CsvTable.absent(truth.resolve("secondary_needs.csv"))
                        : new CsvTable(
                                truth.resolve("secondary_needs.csv"),
                                new String[] {"account_id", "secondary_segment_id", "secondary_need"},
                                true);
                CsvTable flagCsv = options.botShare() > 0
                        ? new CsvTable(truth.resolve("flags.csv"), new String[] {"account_id", "flag", "case"}, true)
                        : CsvTable.absent(truth.resolve("flags.csv"))) {
            pools.writeInterests(interestCsv, text);
            String[] follow = new String[2];
            long accountDirtDone = 0;
            long followDirtDone = 0;
            long postDirtDone = 0;
            for (int i = 0; i < accounts; i++) {
                SplittableRandom r = rng(options.seed(), Draws.ACCOUNT_STREAM, i);
                Needs needs = needs(r, i);
                String id = padded('u', i, idWidth);
                int following = pools.writeFollows(r, i, id, needs, followCsv, follow, interestCsv, text);
                String[] account = text.accountRow(r, id, needs, following);
                writePostsAndEdgeCase(r, i, id, needs, account, accountCsv, postCsv, flagCsv);
                NeedTheme need = NeedCatalogue.THEMES.get(needs.primary());
                truthCsv.writeRow(id, Integer.toString(needs.primary()), need.need());
                if (needs.secondary() >= 0) {
                    secondaryCsv.writeRow(
                            id,
                            Integer.toString(needs.secondary()),
                            NeedCatalogue.THEMES.get(needs.secondary()).need());
                }
                for (long due = DirtyRows.spread(accountDirt, accounts, i); due > 0; due--) {
                    accountCsv.writeRow(dirt.account(accountDirtDone++, i));
                }
                for (long due = DirtyRows.spread(followDirt, accounts, i); due > 0; due--) {
                    followCsv.writeRow(dirt.follow(followDirtDone++, id));
                }
                for (long due = DirtyRows.spread(postDirt, accounts, i); due > 0; due--) {
                    postCsv.writeRow(dirt.post(postDirtDone++, id, needs));
                }
            }
            writeBots(accountCsv, followCsv, postCsv, flagCsv);
            if (options.dirtyRate() > 0) {
                dirt.truncate(followCsv, padded('u', accounts - 1, idWidth));
            }
            rows.put("accounts", accountCsv.rows());
            rows.put("follows", followCsv.rows());
            rows.put("interests", interestCsv.rows());
            rows.put("posts", postCsv.rows());
        }
        rows.put("assets", BrandAssets.write(options, pools, dir, truth.resolve("assets.csv")));
        writeSegments(truth.resolve("segments.csv"));
        Map<String, Map<String, Integer>> dirtByTable = dirt.byTable();
        writeDirt(truth.resolve("dirty.csv"), dirtByTable);
        Map<String, Long> planted = planted();
        writePlanted(truth.resolve("summary.csv"), planted);
        return new GenerationSummary(Collections.unmodifiableMap(rows), dirtByTable, planted);
    }

    /**
     * Writes account {@code i}'s row and its posts; with bots planted, every {@link
     * PlantedBots#EDGE_EVERY}th account is a real person that looks like a bot (its case in {@code
     * flags}), with the counts or posts of its case.
     */
    private void writePostsAndEdgeCase(
            SplittableRandom r,
            int i,
            String id,
            Needs needs,
            String[] account,
            CsvTable accountCsv,
            CsvTable postCsv,
            CsvTable flagCsv) {
        SplittableRandom quirk = rng(options.seed(), Draws.EDGE_CASE_STREAM, i);
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
        text.countBio(account[AudienceText.BIO], account[AudienceText.LANGUAGE]);
        for (int p = 0; p < postCount; p++) {
            String[] post = edge == PlantedBots.Case.SHOP_OWNER
                    ? text.postRow(
                            r,
                            id,
                            PlantedBots.shopPost(
                                    quirk,
                                    account[AudienceText.HANDLE],
                                    NeedCatalogue.THEMES.get(needs.primary()).vocabulary()))
                    : text.postRow(r, id, needs);
            postCsv.writeRow(post);
            if (postCsv.keepsRows()) {
                text.countPost(post[AudienceText.POST_TEXT]);
            }
        }
    }

    /**
     * The {@code --bots} accounts ({@link PlantedBots}), after the real ones: their follows (the
     * backbone by popularity, the rest from the shared long tail), their posts and their truth.
     */
    private void writeBots(CsvTable accountCsv, CsvTable followCsv, CsvTable postCsv, CsvTable flagCsv) {
        long bots = Math.round(options.botShare() * options.accounts());
        String[] follow = new String[2];
        for (int j = 0; j < bots; j++) {
            SplittableRandom r = rng(options.seed(), Draws.PLANTED_BOT_STREAM, j);
            PlantedBots.Case kind = PlantedBots.PLANTED.get(j % PlantedBots.PLANTED.size());
            String id = padded('b', j, idWidth);
            int[] follows = PlantedBots.follows(r, kind);
            follow[0] = id;
            pools.writeBackboneFollows(r, follows[1], followCsv, follow);
            Set<String> picked = new HashSet<>();
            while (picked.size() < follows[0] - follows[1]) {
                String longTail = pools.longTailAccount(r);
                if (picked.add(longTail)) {
                    follow[1] = longTail;
                    followCsv.writeRow(follow);
                }
            }
            int postRows = options.postsPerAccount() == 0 ? 0 : PlantedBots.postRows(r, kind);
            accountCsv.writeRow(PlantedBots.account(r, kind, id, postRows));
            for (String post : PlantedBots.posts(r, kind, postRows)) {
                postCsv.writeRow(text.postRow(r, id, post));
            }
            flagCsv.writeRow(id, kind.flag(), kind.label());
        }
    }

    /** What {@code truth/summary.csv} reports, in its order. */
    private Map<String, Long> planted() {
        FollowPools.LongTail longTail = pools.longTail();
        Map<String, Long> planted = new LinkedHashMap<>();
        planted.put("accounts", (long) options.accounts());
        planted.put(
                "secondary_need_accounts",
                secondaryOf == null
                        ? 0
                        : Arrays.stream(secondaryOf).filter(s -> s >= 0).count());
        planted.put("empty_bios", text.emptyBios());
        planted.put("long_tail_followed", longTail.followed());
        planted.put("long_tail_followed_once", longTail.followedOnce());
        planted.put("long_tail_followed_described", longTail.followedDescribed());
        text.putTextCounts(planted);
        return Collections.unmodifiableMap(planted);
    }

    /**
     * A second planted segment for a share {@code secondaryNeedShare} of the accounts, else -1; then
     * the split need for exactly a share {@code splitNeedShare} of segment 0's members.
     */
    private int[] secondaryNeeds() {
        SplittableRandom r = rng(options.seed(), Draws.SECONDARY_NEED_STREAM, 0);
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
            SplittableRandom split = rng(options.seed(), Draws.SPLIT_NEED_STREAM, 0);
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

    private void writeSegments(Path file) throws IOException {
        try (CsvTable out = new CsvTable(file, new String[] {"segment_id", "need", "size", "vocabulary"}, true)) {
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

    private static void writePlanted(Path file, Map<String, Long> planted) throws IOException {
        try (CsvTable out = new CsvTable(file, new String[] {"metric", "value"}, true)) {
            planted.forEach((metric, value) -> out.writeRow(metric, Long.toString(value)));
        }
    }

    private static void writeDirt(Path file, Map<String, Map<String, Integer>> dirtByTable) throws IOException {
        try (CsvTable out = new CsvTable(file, new String[] {"table", "kind", "rows"}, true)) {
            dirtByTable.forEach(
                    (table, kinds) -> kinds.forEach((kind, rows) -> out.writeRow(table, kind, Integer.toString(rows))));
        }
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
}
