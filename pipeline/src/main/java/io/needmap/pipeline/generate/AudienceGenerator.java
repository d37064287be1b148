package io.needmap.pipeline.generate;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic social-media audience in the input contract's CSV layout, together with the
 * segmentation that produced it, so that the pipeline can be scored (adjusted Rand index against
 * {@code truth/memberships.csv}) and its handling of dirty exports tested on realistic volumes.
 *
 * <p>What it plants. Each of the {@code K} segments is one need theme of a built-in catalogue of
 * marketer personas ("tech savvy", "new parent", "bargain hunter"...), each with a dozen distinctive
 * words. Segment shares follow a power law (share proportional to {@code 1/rank^0.8}, at least
 * {@value GeneratorOptions#MIN_SEGMENT_SIZE} accounts each) and accounts are dealt to segments by a
 * seeded shuffle. The need signal lives in three places, as in real exports:
 * <ul>
 *   <li>follows: a log-normal number of follows around {@code meanFollows}, of which
 *       {@code nicheShare} (default 55%) go to the segment's own 40 to 80 niche accounts
 *       ({@code n007_012}), {@code backboneShare} (default 30%) to a backbone of
 *       {@value #BACKBONE_SIZE} celebrities and news outlets ({@code bb_001}, shared by every segment,
 *       the top few followed by nearly everyone) and the rest to a uniform long tail ({@code lt_...});
 *       popularity inside the niche and the backbone is Zipf-like;</li>
 *   <li>text: English bios and posts are built from the theme's words mixed with need-free filler,
 *       hashtags, emoji, URLs and mentions; about 5% of bios are Spanish, German or French filler;</li>
 *   <li>interests: a name, category and description for every niche and backbone account, built from
 *       the theme's words; the long tail is mostly unknown, as it is in practice.</li>
 * </ul>
 * Because the backbone is shared, a method that weighs follows by raw popularity will merge segments;
 * that is the point of it.
 *
 * <p>Dirt. About {@code dirtyRate} extra rows per table are malformed in the ways the input contract
 * lists (duplicate and empty keys, non-numeric and negative counts, impossible dates, follows of
 * unknown accounts or with an empty key, a truncated last line, negative likes). They are written on
 * top of the valid rows, every kind at least once when {@code dirtyRate > 0}, and counted in
 * {@code truth/dirty.csv}. Dirty accounts other than duplicates get ids ({@code x...}) that collide
 * with no valid one and are absent from the truth; a duplicate repeats an earlier id with other
 * values, and the first occurrence is the true one.
 *
 * <p>Limits. The planted structure is easier than reality: niche pools do not overlap, so every
 * account has exactly one need, and text is drawn from templates, so topic models see a small, clean
 * vocabulary. Scores on this data are an upper bound, useful to catch regressions and to compare
 * methods, not to promise results on a brand's export. Output is a pure function of the options:
 * each account draws from its own generator seeded by {@code (seed, account index)}.
 */
public final class AudienceGenerator {

    /** Celebrities and news outlets everybody follows. */
    static final int BACKBONE_SIZE = 150;
    static final int MIN_NICHE_ACCOUNTS = 40;
    static final int MAX_NICHE_ACCOUNTS = 80;
    static final int MIN_LONG_TAIL = 5000;
    /** Segment share is proportional to {@code 1 / rank^SEGMENT_SIZE_EXPONENT}. */
    static final double SEGMENT_SIZE_EXPONENT = 0.8;
    /** Popularity of the i-th niche or backbone account is proportional to {@code 1 / i^ZIPF_EXPONENT}. */
    static final double ZIPF_EXPONENT = 1.0;
    /** Spread (log scale) of the number of follows per account. */
    static final double FOLLOWS_SIGMA = 0.5;
    static final int MAX_FOLLOWS = 1000;
    /** Share of long-tail accounts that have a row in {@code interests}. */
    static final double LONG_TAIL_INTEREST_SHARE = 0.05;

    static final List<String> ACCOUNT_DIRT =
            List.of("duplicate", "empty_account_id", "non_numeric_count", "negative_count", "impossible_date");
    static final List<String> FOLLOW_DIRT = List.of("unknown_account", "empty_followed_id", "empty_account_id");
    static final String TRUNCATED = "truncated";
    static final List<String> POST_DIRT = List.of("empty_account_id", "negative_likes");

    static final String[] ACCOUNT_COLUMNS = {"account_id", "handle", "display_name", "bio", "location", "language",
            "followers_count", "following_count", "posts_count", "created_at", "verified"};
    static final String[] FOLLOW_COLUMNS = {"account_id", "followed_id"};
    static final String[] INTEREST_COLUMNS = {"followed_id", "name", "category", "description"};
    static final String[] POST_COLUMNS = {"post_id", "account_id", "created_at", "text", "likes", "replies",
            "shares"};

    private static final int FOLLOWERS = 6;
    private static final int CREATED_AT = 9;
    /** Low mantissa bits of a sampling key that carry the candidate's index (pools are under 256). */
    private static final long INDEX_BITS = 0xFFL;
    private static final long ACCOUNT_STREAM = 1;
    private static final long SETUP_STREAM = 2;
    private static final long DIRTY_STREAM = 3;
    private static final long FIRST_ACCOUNT_DAY = LocalDate.of(2008, 1, 1).toEpochDay();
    private static final int ACCOUNT_DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_ACCOUNT_DAY);
    private static final long FIRST_POST_DAY = LocalDate.of(2024, 1, 1).toEpochDay();
    private static final int POST_SECONDS = (int) ((LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_POST_DAY) * 86_400);
    private static final String[] BAD_NUMBERS = {"12k", "n/a", "1,2k"};
    private static final String[] BAD_DATES = {"2023-02-30", "2023-13-01", "2021-04-31"};

    private final GeneratorOptions options;
    private final int[] segmentOf;
    private final int[] segmentSizes;
    private final String[][] nicheIds;
    private final double[][] nicheRankWeights;
    private final String[] backboneIds;
    private final double[] backboneRankWeights;
    private final String[] longTailIds;
    private final String[][] hashtags;
    private final int idWidth;
    private final long[] sampleKeys = new long[256];
    private final int[] longTailMark;
    private final SplittableRandom dirt;
    private final int[][] dirtCounts = {new int[ACCOUNT_DIRT.size()], new int[FOLLOW_DIRT.size() + 1],
            new int[POST_DIRT.size()]};
    private long followRows;
    private long postRows;

    private AudienceGenerator(GeneratorOptions options) {
        this.options = options;
        SplittableRandom setup = rng(options.seed(), SETUP_STREAM, 0);
        int k = options.segments();
        segmentSizes = segmentSizes(options.accounts(), k);
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
        nicheIds = new String[k][];
        nicheRankWeights = new double[k][];
        hashtags = new String[k][];
        for (int s = 0; s < k; s++) {
            int size = MIN_NICHE_ACCOUNTS + setup.nextInt(MAX_NICHE_ACCOUNTS - MIN_NICHE_ACCOUNTS + 1);
            nicheIds[s] = new String[size];
            for (int j = 0; j < size; j++) {
                nicheIds[s][j] = "n" + padded(s, 3) + "_" + padded(j + 1, 3);
            }
            nicheRankWeights[s] = rankWeights(size);
            hashtags[s] = NeedCatalogue.THEMES.get(s).vocabulary().stream().map(AudienceGenerator::hashtag)
                    .toArray(String[]::new);
        }
        backboneIds = new String[BACKBONE_SIZE];
        for (int j = 0; j < BACKBONE_SIZE; j++) {
            backboneIds[j] = "bb_" + padded(j + 1, 3);
        }
        backboneRankWeights = rankWeights(BACKBONE_SIZE);
        int longTail = Math.max(MIN_LONG_TAIL, options.accounts() / 20);
        int ltWidth = Integer.toString(longTail).length();
        longTailIds = new String[longTail];
        for (int j = 0; j < longTail; j++) {
            longTailIds[j] = "lt_" + padded(j + 1, ltWidth);
        }
        longTailMark = new int[longTail];
        idWidth = Math.max(6, Integer.toString(options.accounts()).length());
        dirt = rng(options.seed(), DIRTY_STREAM, 0);
    }

    /**
     * Writes the four input tables and the {@code truth} folder into {@code outputDir} (created if
     * missing; existing files are overwritten).
     */
    public static GenerationSummary write(Path outputDir, GeneratorOptions options) throws IOException {
        return new AudienceGenerator(options).writeAll(outputDir);
    }

    private GenerationSummary writeAll(Path dir) throws IOException {
        Path truth = dir.resolve("truth");
        Files.createDirectories(truth);
        long interestRows = writeInterests(dir.resolve("interests.csv"));
        int accounts = options.accounts();
        boolean dirty = options.dirtyRate() > 0;
        long accountDirt = dirtyTotal(accounts, ACCOUNT_DIRT.size());
        long followDirt = dirtyTotal((long) (accounts * options.meanFollows()), FOLLOW_DIRT.size());
        long postDirt = dirtyTotal((long) accounts * options.postsPerAccount(), POST_DIRT.size());
        try (CsvFile accountCsv = new CsvFile(dir.resolve("accounts.csv"), ACCOUNT_COLUMNS);
             CsvFile followCsv = new CsvFile(dir.resolve("follows.csv"), FOLLOW_COLUMNS);
             CsvFile postCsv = new CsvFile(dir.resolve("posts.csv"), POST_COLUMNS);
             CsvFile truthCsv = new CsvFile(truth.resolve("memberships.csv"),
                     new String[]{"account_id", "segment_id", "need"})) {
            String[] follow = new String[2];
            String[] membership = new String[3];
            long accountDirtDone = 0;
            long followDirtDone = 0;
            long postDirtDone = 0;
            for (int i = 0; i < accounts; i++) {
                SplittableRandom r = rng(options.seed(), ACCOUNT_STREAM, i);
                int segment = segmentOf[i];
                String id = padded('u', i, idWidth);
                int following = writeFollows(r, i, id, segment, followCsv, follow);
                accountCsv.writeRow(accountRow(r, id, segment, following));
                for (int p = 0; p < options.postsPerAccount(); p++) {
                    postCsv.writeRow(postRow(r, id, segment));
                }
                membership[0] = id;
                membership[1] = Integer.toString(segment);
                membership[2] = NeedCatalogue.THEMES.get(segment).need();
                truthCsv.writeRow(membership);
                for (long due = spread(accountDirt, accounts, i); due > 0; due--) {
                    accountCsv.writeRow(dirtyAccount(accountDirtDone++, i));
                }
                for (long due = spread(followDirt, accounts, i); due > 0; due--) {
                    followCsv.writeRow(dirtyFollow(followDirtDone++, id));
                    followRows++;
                }
                for (long due = spread(postDirt, accounts, i); due > 0; due--) {
                    postCsv.writeRow(dirtyPost(postDirtDone++, id, segment));
                }
            }
            if (dirty) {
                followCsv.writeTruncated(padded('u', accounts - 1, idWidth),
                        longTailIds[dirt.nextInt(longTailIds.length)]);
                dirtCounts[1][FOLLOW_DIRT.size()]++;
                followRows++;
            }
        }
        writeSegments(truth.resolve("segments.csv"));
        Map<String, Map<String, Integer>> dirtByTable = dirtByTable();
        writeDirt(truth.resolve("dirty.csv"), dirtByTable);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("accounts", accounts + accountDirt);
        rows.put("follows", followRows);
        rows.put("interests", interestRows);
        rows.put("posts", postRows);
        return new GenerationSummary(Collections.unmodifiableMap(rows), dirtByTable);
    }

    /** Writes the account's follows and returns how many. All are distinct and valid. */
    private int writeFollows(SplittableRandom r, int account, String id, int segment, CsvFile out, String[] row) {
        double sigma = FOLLOWS_SIGMA;
        long drawn = Math.round(options.meanFollows() * Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2));
        int total = (int) Math.max(GeneratorOptions.MIN_FOLLOWS, Math.min(MAX_FOLLOWS, drawn));
        String[] niche = nicheIds[segment];
        int nicheCount = (int) Math.min(niche.length, Math.round(total * options.nicheShare()));
        int backboneCount = (int) Math.min(BACKBONE_SIZE, Math.round(total * options.backboneShare()));
        backboneCount = Math.min(backboneCount, total - nicheCount);
        int longTailCount = total - nicheCount - backboneCount;
        row[0] = id;
        if (nicheCount > 0) {
            sampleByRank(r, nicheRankWeights[segment]);
        }
        for (int j = 0; j < nicheCount; j++) {
            row[1] = niche[(int) (sampleKeys[j] & INDEX_BITS)];
            out.writeRow(row);
        }
        if (backboneCount > 0) {
            sampleByRank(r, backboneRankWeights);
        }
        for (int j = 0; j < backboneCount; j++) {
            row[1] = backboneIds[(int) (sampleKeys[j] & INDEX_BITS)];
            out.writeRow(row);
        }
        int mark = account + 1;
        for (int j = 0; j < longTailCount; ) {
            int pick = r.nextInt(longTailIds.length);
            if (longTailMark[pick] != mark) {
                longTailMark[pick] = mark;
                row[1] = longTailIds[pick];
                out.writeRow(row);
                j++;
            }
        }
        followRows += total;
        return total;
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

    private String[] accountRow(SplittableRandom r, String id, int segment, int following) {
        NeedTheme theme = NeedCatalogue.THEMES.get(segment);
        String first = pick(r, NeedCatalogue.FIRST_NAMES);
        String word = pick(r, theme.vocabulary());
        String handle = first.toLowerCase() + "_" + word.replace(' ', '_').replace("-", "") + r.nextInt(100);
        String last = pick(r, NeedCatalogue.LAST_NAMES);
        double nameStyle = r.nextDouble();
        String displayName = nameStyle < 0.05 ? first + " " + last + ", PhD"
                : nameStyle < 0.15 ? first + " " + pick(r, NeedCatalogue.EMOJI) : first + " " + last;
        String language = r.nextDouble() < 0.03 ? "" : "en";
        String bio;
        double kind = r.nextDouble();
        if (kind < 0.03) {
            bio = "";
        } else if (kind < 0.04) {
            bio = pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI);
        } else if (kind < 0.05) {
            bio = url(r, handle);
        } else if (kind < 0.10) {
            int lang = r.nextInt(NeedCatalogue.FOREIGN_LANGUAGES.size());
            language = NeedCatalogue.FOREIGN_LANGUAGES.get(lang);
            List<String> phrases = NeedCatalogue.FOREIGN_PHRASES.get(lang);
            bio = pick(r, phrases) + " · " + pick(r, phrases)
                    + (r.nextBoolean() ? " " + pick(r, hashtags[segment]) : "");
        } else {
            bio = englishBio(r, segment, handle);
        }
        double city = r.nextDouble();
        List<String> cities = NeedCatalogue.CITIES;
        String location = city < 0.10 ? "" : city < 0.30 ? cities.get(segment * 7 % cities.size()) : pick(r, cities);
        boolean verified = r.nextDouble() < 0.02;
        long followers = (long) Math.exp(1.6 * r.nextGaussian() + 5.3) * (verified ? 50 : 1);
        long followingCount = following + (long) Math.exp(0.8 * r.nextGaussian() + 4);
        long posts = (long) Math.exp(1.3 * r.nextGaussian() + 5);
        String created = LocalDate.ofEpochDay(FIRST_ACCOUNT_DAY + r.nextInt(ACCOUNT_DAYS)).toString();
        return new String[]{id, handle, displayName, bio, location, language, Long.toString(followers),
                Long.toString(followingCount), Long.toString(posts), created, verified ? "true" : "false"};
    }

    private String englishBio(SplittableRandom r, int segment, String handle) {
        List<String> words = NeedCatalogue.THEMES.get(segment).vocabulary();
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
            tags.append(pick(r, hashtags[segment]));
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

    private String[] postRow(SplittableRandom r, String accountId, int segment) {
        List<String> words = NeedCatalogue.THEMES.get(segment).vocabulary();
        StringBuilder text = new StringBuilder(120)
                .append(pick(r, NeedCatalogue.POST_OPENERS)).append(' ').append(pick(r, words))
                .append(r.nextBoolean() ? " and " : ", then ").append(pick(r, words));
        if (r.nextDouble() < 0.3) {
            text.append(' ').append(pick(r, NeedCatalogue.EMOJI));
        }
        text.append(r.nextDouble() < 0.1 ? '\n' : ' ').append(pick(r, hashtags[segment]));
        if (r.nextDouble() < 0.15) {
            text.append(" https://t.co/").append(Integer.toString(r.nextInt(1 << 30), 36));
        }
        if (r.nextDouble() < 0.15) {
            text.append(" @").append(pick(r, NeedCatalogue.FIRST_NAMES).toLowerCase()).append(r.nextInt(1000));
        }
        if (r.nextDouble() < 0.5) {
            text.append(' ').append(pick(r, NeedCatalogue.POST_CLOSERS));
        }
        long likes = Math.max(0, (long) Math.exp(1.2 * r.nextGaussian() + 1.5) - 1);
        long replies = r.nextLong(likes / 5 + 2);
        long shares = r.nextLong(likes / 3 + 1);
        postRows++;
        return new String[]{"p" + postRows, accountId, timestamp(r), text.toString(), Long.toString(likes),
                Long.toString(replies), Long.toString(shares)};
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
        String[] row = accountRow(dirt, id, segment, GeneratorOptions.MIN_FOLLOWS + dirt.nextInt(100));
        switch (ACCOUNT_DIRT.get(kind)) {
            case "non_numeric_count" -> row[FOLLOWERS + dirt.nextInt(3)] = BAD_NUMBERS[dirt.nextInt(BAD_NUMBERS.length)];
            case "negative_count" -> row[FOLLOWERS + dirt.nextInt(3)] = "-" + (1 + dirt.nextInt(500));
            case "impossible_date" -> row[CREATED_AT] = BAD_DATES[dirt.nextInt(BAD_DATES.length)];
            default -> {
            }
        }
        return row;
    }

    /** The {@code n}-th dirty follow row, written among the follows of {@code accountId}. */
    private String[] dirtyFollow(long n, String accountId) {
        int kind = (int) (n % FOLLOW_DIRT.size());
        dirtCounts[1][kind]++;
        String[] niche = nicheIds[dirt.nextInt(options.segments())];
        return switch (FOLLOW_DIRT.get(kind)) {
            case "unknown_account" -> new String[]{padded('g', n, idWidth), niche[dirt.nextInt(niche.length)]};
            case "empty_followed_id" -> new String[]{accountId, ""};
            default -> new String[]{"", backboneIds[dirt.nextInt(BACKBONE_SIZE)]};
        };
    }

    /** The {@code n}-th dirty post row, attached to {@code accountId} where it keeps its key. */
    private String[] dirtyPost(long n, String accountId, int segment) {
        int kind = (int) (n % POST_DIRT.size());
        dirtCounts[2][kind]++;
        String[] row = postRow(dirt, accountId, segment);
        if (POST_DIRT.get(kind).equals("empty_account_id")) {
            row[1] = "";
        } else {
            row[4] = "-" + (1 + dirt.nextInt(20));
        }
        return row;
    }

    private long writeInterests(Path file) throws IOException {
        SplittableRandom r = rng(options.seed(), SETUP_STREAM, 1);
        long rows = 0;
        try (CsvFile out = new CsvFile(file, INTEREST_COLUMNS)) {
            for (int s = 0; s < options.segments(); s++) {
                NeedTheme theme = NeedCatalogue.THEMES.get(s);
                List<String> words = theme.vocabulary();
                for (String id : nicheIds[s]) {
                    String description = "Everything " + pick(r, words) + ", " + pick(r, words) + " and "
                            + pick(r, words) + (r.nextBoolean() ? ". " + pick(r, hashtags[s]) : ".");
                    out.writeRow(id, titleCase(pick(r, words)) + " " + pick(r, NeedCatalogue.NICHE_SUFFIXES),
                            r.nextDouble() < 0.9 ? theme.category() : "", description);
                    rows++;
                }
            }
            for (int j = 0; j < BACKBONE_SIZE; j++) {
                if (j % 3 == 0) {
                    out.writeRow(backboneIds[j], pick(r, NeedCatalogue.NEWS_PREFIXES) + " "
                            + pick(r, NeedCatalogue.NEWS_NOUNS), "News", pick(r, List.of(
                            "Breaking news, analysis and live coverage.", "Top stories from around the world, 24/7.",
                            "Politics, business and culture.")));
                } else {
                    out.writeRow(backboneIds[j], pick(r, NeedCatalogue.FIRST_NAMES) + " "
                            + pick(r, NeedCatalogue.LAST_NAMES), pick(r, List.of("Celebrity", "Entertainment", "Media")),
                            pick(r, List.of("Official account. Actor, singer, dreamer.", "Official page. New album out now!",
                                    "Host of the #1 podcast.", "Comedian. Tour dates below 👇")));
                }
                rows++;
            }
            for (String id : longTailIds) {
                if (r.nextDouble() < LONG_TAIL_INTEREST_SHARE) {
                    out.writeRow(id, pick(r, NeedCatalogue.FIRST_NAMES) + " " + pick(r, NeedCatalogue.LAST_NAMES),
                            r.nextBoolean() ? "Personal" : "", pick(r, NeedCatalogue.GENERIC_PHRASES));
                    rows++;
                }
            }
        }
        return rows;
    }

    private void writeSegments(Path file) throws IOException {
        try (CsvFile out = new CsvFile(file, new String[]{"segment_id", "need", "size", "vocabulary"})) {
            for (int s = 0; s < options.segments(); s++) {
                NeedTheme theme = NeedCatalogue.THEMES.get(s);
                out.writeRow(Integer.toString(s), theme.need(), Integer.toString(segmentSizes[s]),
                        String.join(";", theme.vocabulary()));
            }
        }
    }

    private Map<String, Map<String, Integer>> dirtByTable() {
        List<String> followKinds = new ArrayList<>(FOLLOW_DIRT);
        followKinds.add(TRUNCATED);
        List<List<String>> kinds = List.of(ACCOUNT_DIRT, followKinds, POST_DIRT);
        List<String> tables = List.of("accounts", "follows", "posts");
        Map<String, Map<String, Integer>> byTable = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            Map<String, Integer> byKind = new LinkedHashMap<>();
            for (int k = 0; k < kinds.get(t).size(); k++) {
                byKind.put(kinds.get(t).get(k), dirtCounts[t][k]);
            }
            byTable.put(tables.get(t), Collections.unmodifiableMap(byKind));
        }
        return Collections.unmodifiableMap(byTable);
    }

    private static void writeDirt(Path file, Map<String, Map<String, Integer>> dirtByTable) throws IOException {
        try (CsvFile out = new CsvFile(file, new String[]{"table", "kind", "rows"})) {
            dirtByTable.forEach((table, kinds) -> kinds.forEach(
                    (kind, rows) -> out.writeRow(table, kind, Integer.toString(rows))));
        }
    }

    /** Dirty rows for a table of about {@code validRows}: none when clean, else every kind at least once. */
    private long dirtyTotal(long validRows, int kinds) {
        return options.dirtyRate() == 0 ? 0 : Math.max(kinds, Math.round(options.dirtyRate() * validRows));
    }

    /** How many of {@code total} rows spread evenly over {@code steps} fall due at step {@code i}. */
    private static long spread(long total, long steps, long i) {
        return (i + 1) * total / steps - i * total / steps;
    }

    /** Segment sizes: the minimum each, the rest shared out by {@code 1/rank^0.8}, largest first. */
    static int[] segmentSizes(int accounts, int segments) {
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
    private static double[] rankWeights(int size) {
        double[] inverse = new double[size];
        for (int j = 0; j < size; j++) {
            inverse[j] = Math.pow(j + 1, ZIPF_EXPONENT);
        }
        return inverse;
    }

    private static String timestamp(SplittableRandom r) {
        int second = r.nextInt(POST_SECONDS);
        int inDay = second % 86_400;
        StringBuilder out = new StringBuilder(20)
                .append(LocalDate.ofEpochDay(FIRST_POST_DAY + second / 86_400)).append('T');
        twoDigits(out, inDay / 3600).append(':');
        twoDigits(out, inDay / 60 % 60).append(':');
        return twoDigits(out, inDay % 60).append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String url(SplittableRandom r, String handle) {
        return r.nextBoolean() ? "https://linktr.ee/" + handle : "https://" + handle.replace('_', '-') + ".example.com";
    }

    private static String hashtag(String term) {
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

    private static <T> T pick(SplittableRandom r, List<T> values) {
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

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * One output table: RFC 4180 via univocity, quoting only values that hold a comma, quote or
     * newline, values kept verbatim (no trimming). Closeable, unlike {@link CsvWriter}, so that
     * try-with-resources never leaves a file half-flushed.
     */
    private static final class CsvFile implements Closeable {
        private final Writer out;
        private final CsvWriter csv;

        CsvFile(Path file, String[] header) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                    1 << 16);
            CsvWriterSettings settings = new CsvWriterSettings();
            settings.getFormat().setLineSeparator("\n");
            settings.setIgnoreLeadingWhitespaces(false);
            settings.setIgnoreTrailingWhitespaces(false);
            settings.setHeaders(header);
            csv = new CsvWriter(out, settings);
            csv.writeHeaders();
        }

        void writeRow(String... values) {
            csv.writeRow(values);
        }

        /**
         * Ends the file inside the first field of a row, with no line separator, as an export cut off
         * mid-write does. (A cut inside the last field would look like a valid row to any reader.)
         */
        void writeTruncated(String... values) throws IOException {
            String row = csv.writeRowToString(values);
            csv.flush();
            out.write(row, 0, values[0].length() / 2 + 1);
        }

        @Override
        public void close() {
            csv.close();
        }
    }
}
