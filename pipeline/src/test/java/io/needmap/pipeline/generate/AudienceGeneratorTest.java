package io.needmap.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Preset;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.TopicOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceGeneratorTest {

    private static final int ACCOUNTS = 500;
    private static final int SEGMENTS = 8;
    private static final List<String> TABLES = List.of(
            "accounts.csv",
            "follows.csv",
            "interests.csv",
            "posts.csv",
            "assets.csv",
            "truth/assets.csv",
            "truth/memberships.csv",
            "truth/segments.csv",
            "truth/dirty.csv",
            "truth/summary.csv");

    @TempDir
    static Path tmp;

    private static Path out;
    private static GenerationSummary summary;

    @BeforeAll
    static void generate() throws IOException {
        out = tmp.resolve("seed7");
        summary = AudienceGenerator.write(out, GeneratorOptions.defaults(ACCOUNTS, SEGMENTS, 7));
    }

    @Test
    void headersAreTheContractColumns() throws IOException {
        assertArrayEquals(
                new String[] {
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
                },
                header("accounts.csv"));
        assertArrayEquals(new String[] {"account_id", "followed_id"}, header("follows.csv"));
        assertArrayEquals(new String[] {"followed_id", "name", "category", "description"}, header("interests.csv"));
        assertArrayEquals(
                new String[] {"post_id", "account_id", "created_at", "text", "likes", "replies", "shares"},
                header("posts.csv"));
        assertArrayEquals(new String[] {"account_id", "segment_id", "need"}, header("truth/memberships.csv"));
        assertArrayEquals(new String[] {"segment_id", "need", "size", "vocabulary"}, header("truth/segments.csv"));
        assertArrayEquals(new String[] {"table", "kind", "rows"}, header("truth/dirty.csv"));
        assertArrayEquals(new String[] {"metric", "value"}, header("truth/summary.csv"));
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path again = tmp.resolve("seed7-again");
        Path other = tmp.resolve("seed8");
        AudienceGenerator.write(again, GeneratorOptions.defaults(ACCOUNTS, SEGMENTS, 7));
        AudienceGenerator.write(other, GeneratorOptions.defaults(ACCOUNTS, SEGMENTS, 8));
        for (String table : TABLES) {
            assertArrayEquals(Files.readAllBytes(out.resolve(table)), Files.readAllBytes(again.resolve(table)), table);
        }
        for (String table : List.of("accounts.csv", "follows.csv", "posts.csv", "truth/memberships.csv")) {
            assertFalse(
                    Arrays.equals(Files.readAllBytes(out.resolve(table)), Files.readAllBytes(other.resolve(table))),
                    table);
        }
    }

    @Test
    void assetsServeSomeNeedsAndGenericAssetsNone() throws IOException {
        assertArrayEquals(Table.ASSETS.columns().toArray(String[]::new), header("assets.csv"));
        Map<String, String[]> assets = rows("assets.csv").stream().collect(Collectors.toMap(a -> a[0], a -> a));
        Map<String, Integer> segmentOf =
                rows("truth/assets.csv").stream().collect(Collectors.toMap(a -> a[0], a -> Integer.parseInt(a[1])));
        assertEquals(assets.keySet(), segmentOf.keySet());
        Set<Integer> covered = new HashSet<>(segmentOf.values());
        covered.remove(-1);
        assertEquals(Set.of(0, 1, 3, 4, 6, 7), covered, "every third need (2, 5) has no asset");
        assertEquals(3, segmentOf.values().stream().filter(s -> s == -1).count(), "three generic assets");
        segmentOf.forEach((id, segment) -> {
            String text = (assets.get(id)[1] + " " + assets.get(id)[3]).toLowerCase(Locale.ROOT);
            for (int s = 0; s < SEGMENTS; s++) {
                long words = NeedCatalogue.THEMES.get(s).vocabulary().stream()
                        .filter(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b")
                                .matcher(text)
                                .find())
                        .count();
                assertTrue(s == segment ? words >= 4 : words == 0, id + " and need " + s + ": " + text);
            }
        });
        assertEquals("n000_001", assets.get("as_000")[4], "even needs' assets have the niche's top account");
        assertEquals("", assets.get("as_001")[4]);
    }

    @Test
    void truthHasEveryValidAccountInPowerLawSegments() throws IOException {
        List<String[]> members = rows("truth/memberships.csv");
        assertEquals(ACCOUNTS, members.size());
        assertEquals(ACCOUNTS, members.stream().map(m -> m[0]).distinct().count());
        Map<String, Long> sizes = members.stream().collect(Collectors.groupingBy(m -> m[1], Collectors.counting()));
        assertEquals(SEGMENTS, sizes.size());
        List<String[]> segments = rows("truth/segments.csv");
        assertEquals(SEGMENTS, segments.size());
        for (String[] segment : segments) {
            assertEquals(Long.parseLong(segment[2]), sizes.get(segment[0]), "size of segment " + segment[0]);
            assertTrue(Long.parseLong(segment[2]) >= GeneratorOptions.MIN_SEGMENT_SIZE);
            assertTrue(segment[3].split(";").length >= 10, "vocabulary of " + segment[1]);
        }
        long largest = sizes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long smallest = sizes.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(largest > 2 * smallest, largest + " vs " + smallest);
        Set<String> accountIds = rows("accounts.csv").stream().map(a -> a[0]).collect(Collectors.toSet());
        assertTrue(members.stream().allMatch(m -> accountIds.contains(m[0])));
    }

    @Test
    void accountDirtMatchesTheCounts() throws IOException {
        Set<String> valid =
                rows("truth/memberships.csv").stream().map(m -> m[0]).collect(Collectors.toSet());
        Map<String, Integer> found = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String[] account : rows("accounts.csv")) {
            assertEquals(11, account.length);
            String id = account[0];
            if (id.isEmpty()) {
                found.merge("empty_account_id", 1, Integer::sum);
            } else if (!seen.add(id)) {
                assertTrue(valid.contains(id), "a duplicate repeats a valid id: " + id);
                found.merge("duplicate", 1, Integer::sum);
            } else if (!valid.contains(id)) {
                String counts = account[6] + " " + account[7] + " " + account[8];
                if (counts.contains("-")) {
                    found.merge("negative_count", 1, Integer::sum);
                } else if (!counts.matches("[0-9 ]+")) {
                    found.merge("non_numeric_count", 1, Integer::sum);
                } else {
                    assertThrows(DateTimeParseException.class, () -> LocalDate.parse(account[9]), id);
                    found.merge("impossible_date", 1, Integer::sum);
                }
            } else {
                assertTrue((account[6] + account[7] + account[8]).matches("[0-9]+"), id);
                LocalDate created = LocalDate.parse(account[9]);
                assertTrue(created.getYear() >= 2008 && created.getYear() <= 2025, id);
            }
        }
        assertDirt("accounts", found, 5);
    }

    @Test
    void followDirtMatchesTheCountsAndTheFileIsTruncated() throws IOException {
        byte[] raw = Files.readAllBytes(out.resolve("follows.csv"));
        assertNotEquals('\n', raw[raw.length - 1]);
        Set<String> valid =
                rows("truth/memberships.csv").stream().map(m -> m[0]).collect(Collectors.toSet());
        List<String[]> follows = rows("follows.csv");
        Map<String, Integer> found = new HashMap<>();
        found.put("truncated", 1);
        Map<String, Set<String>> validFollows = new HashMap<>();
        for (String[] follow : follows.subList(0, follows.size() - 1)) {
            if (follow[0].isEmpty()) {
                found.merge("empty_account_id", 1, Integer::sum);
            } else if (follow[1].isEmpty()) {
                found.merge("empty_followed_id", 1, Integer::sum);
            } else if (!valid.contains(follow[0])) {
                found.merge("unknown_account", 1, Integer::sum);
            } else {
                assertTrue(
                        validFollows
                                .computeIfAbsent(follow[0], k -> new HashSet<>())
                                .add(follow[1]),
                        "duplicate pair " + String.join(",", follow));
            }
        }
        assertDirt("follows", found, 4);
        assertEquals(valid, validFollows.keySet());
        assertTrue(validFollows.values().stream().allMatch(f -> f.size() >= GeneratorOptions.MIN_FOLLOWS));
        String[] last = follows.get(follows.size() - 1);
        assertEquals(1, last.length, "the truncated row keeps only part of its first field");
        assertTrue(valid.stream().anyMatch(id -> id.startsWith(last[0]) && !id.equals(last[0])), last[0]);
        assertEquals(summary.rows().get("follows"), follows.size());
    }

    @Test
    void postDirtMatchesTheCounts() throws IOException {
        Map<String, Integer> found = new HashMap<>();
        List<String[]> posts = rows("posts.csv");
        for (String[] post : posts) {
            if (post[1].isEmpty()) {
                found.merge("empty_account_id", 1, Integer::sum);
            } else if (post[4].startsWith("-")) {
                found.merge("negative_likes", 1, Integer::sum);
            } else {
                assertTrue((post[4] + post[5] + post[6]).matches("[0-9]+"), post[0]);
                assertTrue(post[2].matches("202[45]-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), post[2]);
            }
        }
        assertDirt("posts", found, 2);
        assertEquals(
                ACCOUNTS * 3
                        + summary.dirty().get("posts").values().stream()
                                .mapToInt(i -> i)
                                .sum(),
                posts.size());
        assertEquals(posts.size(), posts.stream().map(p -> p[0]).distinct().count());
    }

    @Test
    void biosAreMessyLikeRealExports() throws IOException {
        List<String[]> accounts = rows("accounts.csv");
        assertTrue(accounts.stream().anyMatch(a -> a[3].contains("\n")), "a bio with a newline");
        assertTrue(accounts.stream().anyMatch(a -> a[3].contains(",")), "a bio with a comma");
        assertTrue(accounts.stream().anyMatch(a -> a[3].contains("\"")), "a bio with a quote");
        assertTrue(accounts.stream().anyMatch(a -> a[3].contains("#")), "a bio with a hashtag");
        assertTrue(accounts.stream().anyMatch(a -> a[3].isEmpty()), "an empty bio");
        assertTrue(accounts.stream().anyMatch(a -> a[3].startsWith("https://") && !a[3].contains(" ")), "URL only");
        Map<String, Long> languages =
                accounts.stream().collect(Collectors.groupingBy(a -> a[5], Collectors.counting()));
        long foreign =
                languages.getOrDefault("es", 0L) + languages.getOrDefault("de", 0L) + languages.getOrDefault("fr", 0L);
        assertTrue(foreign >= 5 && foreign <= 60, "non-English bios: " + languages);
        assertTrue(languages.getOrDefault("", 0L) > 0, "empty language: " + languages);
        String text = Files.readString(out.resolve("accounts.csv"));
        assertTrue(text.contains("\"\""), "doubled quotes in the raw file");
    }

    @Test
    void followsCarryTheSegmentAndTheSharedBackbone() throws IOException {
        Map<String, String> segmentOf =
                rows("truth/memberships.csv").stream().collect(Collectors.toMap(m -> m[0], m -> m[1]));
        Map<String, Set<String>> topFollowers = new HashMap<>();
        for (String[] follow : rows("follows.csv")) {
            String segment = segmentOf.get(follow[0]);
            if (segment == null || follow[1].isEmpty()) {
                continue;
            }
            if (follow[1].startsWith("n")) {
                assertEquals(
                        Integer.parseInt(segment),
                        Integer.parseInt(follow[1].substring(1, 4)),
                        "niche follow outside the account's segment: " + String.join(",", follow));
            } else if (follow[1].equals("bb_001")) {
                topFollowers.computeIfAbsent(segment, k -> new HashSet<>()).add(follow[0]);
            }
        }
        Map<String, Long> sizes =
                segmentOf.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        sizes.forEach((segment, size) ->
                assertTrue(topFollowers.get(segment).size() >= 0.4 * size, "bb_001 followers in segment " + segment));
        Set<String> interestIds = rows("interests.csv").stream().map(i -> i[0]).collect(Collectors.toSet());
        assertTrue(interestIds.contains("bb_150") && interestIds.contains("n000_001"));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(
                IllegalArgumentException.class,
                () -> GeneratorOptions.defaults(10_000, GeneratorOptions.MAX_SEGMENTS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults(100, 4, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 4).nicheShare(0.8).backboneShare(0.3).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 4).meanFollows(2).build());
        assertEquals(0.55, GeneratorOptions.defaults(1000, 4, 1).nicheShare());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 4).dominantShare(0.95).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 1).dominantShare(0.2).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 4).emptyBioShare(0.5).foreignBioShare(0.5).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder(1000, 4).singleFollowerShare(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> OmittedTable.parse("accounts"));
        assertEquals(OmittedTable.FOLLOWS_ROWS, OmittedTable.parse("Follows-Rows"));
    }

    @Test
    void theBundledSampleIsReproducedByItsDocumentedFlags() throws IOException {
        Path sample = Path.of("..", "data-samples", "audience").toAbsolutePath().normalize();
        Path again = tmp.resolve("sample");
        AudienceGenerator.write(again, GeneratorOptions.defaults(4000, 20, 7));
        assertEquals(files(sample), files(again), "same files");
        for (Path file : files(sample)) {
            assertTrue(
                    Arrays.equals(Files.readAllBytes(sample.resolve(file)), Files.readAllBytes(again.resolve(file))),
                    "byte-identical " + file);
        }
    }

    @Test
    void dominantShareGoesToSegmentZeroAndTheRestKeepsThePowerLaw() throws IOException {
        Path dir = tmp.resolve("dominant");
        AudienceGenerator.write(dir, builder(3000, 12).dominantShare(0.2).build());
        Map<String, Long> sizes = rows(dir, "truth/memberships.csv").stream()
                .collect(Collectors.groupingBy(m -> m[1], Collectors.counting()));
        assertEquals(0.2, sizes.get("0") / 3000.0, 0.01, "segment 0: " + sizes);
        assertEquals(12, sizes.size());
        assertEquals(3000, sizes.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(sizes.get("1") > sizes.get("11") * 2, "power law below the dominant need: " + sizes);
        assertTrue(sizes.get("1") < sizes.get("0"), sizes.toString());
        assertTrue(sizes.values().stream().allMatch(n -> n >= GeneratorOptions.MIN_SEGMENT_SIZE), sizes.toString());
        for (String[] segment : rows(dir, "truth/segments.csv")) {
            assertEquals(sizes.get(segment[0]), Long.parseLong(segment[2]), "size of segment " + segment[0]);
        }
    }

    @Test
    void theLongTailIsMostlyFollowedOnceAndDescribedWhenAskedFor() throws IOException {
        Path dir = tmp.resolve("long-tail");
        GenerationSummary longTail = AudienceGenerator.write(
                dir,
                builder(400, 8)
                        .meanFollows(300)
                        .nicheShare(0.2)
                        .backboneShare(0.1)
                        .singleFollowerShare(0.9)
                        .longTailInterestShare(0.8)
                        .dirtyRate(0)
                        .build());
        Map<String, Integer> followers = new HashMap<>();
        for (String[] follow : rows(dir, "follows.csv")) {
            if (follow[1].startsWith("lt_")) {
                followers.merge(follow[1], 1, Integer::sum);
            }
        }
        long once = followers.values().stream().filter(n -> n == 1).count();
        Set<String> described =
                rows(dir, "interests.csv").stream().map(i -> i[0]).collect(Collectors.toSet());
        long followedDescribed =
                followers.keySet().stream().filter(described::contains).count();
        assertTrue(followers.size() > 50_000, "long tail followed: " + followers.size());
        assertTrue(once > 0.8 * followers.size(), once + " of " + followers.size() + " followed once");
        assertTrue(followedDescribed > 0.7 * followers.size(), followedDescribed + " of " + followers.size());
        assertEquals(followers.size(), longTail.planted("long_tail_followed"));
        assertEquals(once, longTail.planted("long_tail_followed_once"));
        assertEquals(followedDescribed, longTail.planted("long_tail_followed_described"));
        Map<String, String> summary =
                rows(dir, "truth/summary.csv").stream().collect(Collectors.toMap(m -> m[0], m -> m[1]));
        assertEquals(Long.toString(once), summary.get("long_tail_followed_once"));
    }

    @Test
    void realisticLongTailInterestsAreVaried() throws IOException {
        Path dir = tmp.resolve("long-tail-realistic");
        AudienceGenerator.write(
                dir,
                builder(300, 6)
                        .singleFollowerShare(1)
                        .longTailInterestShare(1)
                        .text(GeneratorOptions.TextStyle.REALISTIC)
                        .build());
        List<String[]> longTail = rows(dir, "interests.csv").stream()
                .filter(i -> i[0].startsWith("lt_u"))
                .toList();
        assertTrue(longTail.size() > 2000, "described single-follower accounts: " + longTail.size());
        assertTrue(distinctShare(longTail.stream().map(i -> i[3]).toList()) > 0.9, "descriptions repeat");
        assertTrue(distinctShare(longTail.stream().map(i -> i[1]).toList()) > 0.3, "names repeat");
        Set<String> categories = longTail.stream().map(i -> i[2]).collect(Collectors.toSet());
        assertTrue(categories.size() >= 8 && categories.contains(""), categories.toString());
    }

    @Test
    void omittedTablesAreAbsentAndOtherTablesUnchanged() throws IOException {
        Path dir = tmp.resolve("omitted");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("interests.csv"), "from an earlier run");
        GenerationSummary omitted = AudienceGenerator.write(
                dir,
                builder(ACCOUNTS, SEGMENTS)
                        .omitted(EnumSet.of(
                                OmittedTable.INTERESTS,
                                OmittedTable.POSTS,
                                OmittedTable.FOLLOWS_ROWS,
                                OmittedTable.ASSETS))
                        .build());
        assertFalse(Files.exists(dir.resolve("interests.csv")), "interests.csv");
        assertFalse(Files.exists(dir.resolve("posts.csv")), "posts.csv");
        assertFalse(Files.exists(dir.resolve("assets.csv")), "assets.csv");
        assertEquals("account_id,followed_id\n", Files.readString(dir.resolve("follows.csv")));
        for (String table : List.of("accounts.csv", "truth/memberships.csv", "truth/segments.csv")) {
            assertArrayEquals(Files.readAllBytes(out.resolve(table)), Files.readAllBytes(dir.resolve(table)), table);
        }
        assertEquals(
                Map.of(
                        "accounts",
                        summary.rows().get("accounts"),
                        "follows",
                        0L,
                        "interests",
                        0L,
                        "posts",
                        0L,
                        "assets",
                        0L),
                omitted.rows());
        assertEquals(summary.dirty().get("accounts"), omitted.dirty().get("accounts"));
        assertTrue(
                omitted.dirty().get("follows").values().stream().allMatch(n -> n == 0),
                omitted.dirty().toString());
        assertTrue(
                omitted.dirty().get("posts").values().stream().allMatch(n -> n == 0),
                omitted.dirty().toString());
        assertTrue(rows(dir, "truth/dirty.csv").stream()
                .filter(d -> !d[0].equals("accounts"))
                .allMatch(d -> d[2].equals("0")));
    }

    @Test
    void aRealisticAudienceHasTextThatRarelyRepeatsButStillCarriesTheNeed() throws IOException {
        Path dir = tmp.resolve("realistic");
        // the preset less its single-follower long tail, which costs time and touches no text
        GenerationSummary realistic = AudienceGenerator.write(
                dir,
                GeneratorOptions.builder(Preset.REALISTIC, 5000, 20, 11)
                        .singleFollowerShare(0)
                        .build());
        Map<String, String> segmentOf =
                rows(dir, "truth/memberships.csv").stream().collect(Collectors.toMap(m -> m[0], m -> m[1]));
        TermExtractor topics = new TermExtractor(new TopicOptions(true, false, 50, 2000, 1.0, 20, Set.of(), 0));
        Map<String, StringBuilder> textOf = new HashMap<>();
        List<String> bioFragments = new ArrayList<>();
        long emptyBios = 0;
        for (String[] account : rows(dir, "accounts.csv")) {
            if (segmentOf.containsKey(account[0]) && !textOf.containsKey(account[0])) {
                bioFragments.addAll(topics.fragmentsForCoreNlp(account[3], account[5]));
                textOf.put(account[0], new StringBuilder(account[3]));
                emptyBios += account[3].isEmpty() ? 1 : 0;
            }
        }
        List<String> posts = new ArrayList<>();
        List<String> postFragments = new ArrayList<>();
        for (String[] post : rows(dir, "posts.csv")) {
            if (segmentOf.containsKey(post[1]) && !post[4].startsWith("-")) {
                posts.add(post[3]);
                postFragments.addAll(topics.fragmentsForCoreNlp(post[3], null));
                textOf.get(post[1]).append('\n').append(post[3]);
            }
        }
        assertEquals(15_000, posts.size());
        assertTrue(distinctShare(posts) >= 0.9, "distinct posts " + distinctShare(posts));
        assertTrue(distinctShare(postFragments) >= 0.9, "distinct post fragments " + distinctShare(postFragments));
        assertTrue(distinctShare(bioFragments) >= 0.8, "distinct bio fragments " + distinctShare(bioFragments));
        assertEquals(bioFragments.size(), realistic.planted("bio_fragments"));
        assertEquals(new HashSet<>(bioFragments).size(), realistic.planted("distinct_bio_fragments"));
        assertEquals(new HashSet<>(posts).size(), realistic.planted("distinct_posts"));
        assertEquals(new HashSet<>(postFragments).size(), realistic.planted("distinct_post_fragments"));
        assertEquals(0.25, emptyBios / 5000.0, 0.02, "empty bios");
        assertEquals(emptyBios, realistic.planted("empty_bios"));

        Map<String, Integer> themeOfTerm = new HashMap<>();
        for (int s = 0; s < 20; s++) {
            for (String term : NeedCatalogue.THEMES.get(s).vocabulary()) {
                themeOfTerm.put(term.toLowerCase(Locale.ROOT), s);
            }
        }
        Pattern anyTerm = wholeWords(themeOfTerm.keySet());
        int[] members = new int[20];
        int[] membersNaming = new int[20];
        int[] othersNaming = new int[20];
        textOf.forEach((account, text) -> {
            int segment = Integer.parseInt(segmentOf.get(account));
            Set<Integer> named = anyTerm.matcher(text)
                    .results()
                    .map(m -> themeOfTerm.get(m.group().toLowerCase(Locale.ROOT)))
                    .collect(Collectors.toSet());
            members[segment]++;
            named.forEach(s -> (s == segment ? membersNaming : othersNaming)[s]++);
        });
        for (int s = 0; s < 20; s++) {
            double memberShare = membersNaming[s] / (double) members[s];
            double otherShare = othersNaming[s] / (double) (5000 - members[s]);
            assertTrue(memberShare > 0.75, "members of " + s + " naming their need: " + memberShare);
            assertTrue(
                    memberShare > 3 * otherShare, "need " + s + ": members " + memberShare + ", others " + otherShare);
        }
    }

    @Test
    void templatedTextRepeatsFarMoreThanRealisticText() {
        long posts = summary.planted("posts");
        assertTrue(
                summary.planted("distinct_post_fragments") < 0.7 * summary.planted("post_fragments"),
                "templated post fragments: " + summary.planted());
        assertTrue(
                summary.planted("distinct_bio_fragments") < 0.6 * summary.planted("bio_fragments"),
                "templated bio fragments: " + summary.planted());
        assertEquals(ACCOUNTS * 3L, posts);
    }

    @Test
    void secondaryNeedsBlendASecondNicheAndKeepThePrimaryTruth() throws IOException {
        Path dir = tmp.resolve("secondary");
        GenerationSummary blended = AudienceGenerator.write(
                dir, builder(ACCOUNTS, SEGMENTS).secondaryNeedShare(0.4).build());
        assertArrayEquals(
                Files.readAllBytes(out.resolve("truth/memberships.csv")),
                Files.readAllBytes(dir.resolve("truth/memberships.csv")),
                "the truth is the primary need");
        Map<String, String> segmentOf =
                rows(dir, "truth/memberships.csv").stream().collect(Collectors.toMap(m -> m[0], m -> m[1]));
        Map<String, String> secondaryOf =
                rows(dir, "truth/secondary_needs.csv").stream().collect(Collectors.toMap(m -> m[0], m -> m[1]));
        assertEquals(0.4, secondaryOf.size() / (double) ACCOUNTS, 0.07);
        assertEquals(secondaryOf.size(), blended.planted("secondary_need_accounts"));
        assertFalse(Files.exists(out.resolve("truth/secondary_needs.csv")), "no file when no secondary needs");
        long primaryNiche = 0;
        long secondaryNiche = 0;
        for (String[] follow : rows(dir, "follows.csv")) {
            String segment = segmentOf.get(follow[0]);
            if (segment == null || !follow[1].startsWith("n")) {
                continue;
            }
            int niche = Integer.parseInt(follow[1].substring(1, 4));
            String secondary = secondaryOf.get(follow[0]);
            if (niche == Integer.parseInt(segment)) {
                primaryNiche += secondary == null ? 0 : 1;
            } else {
                assertEquals(secondary, Integer.toString(niche), "a niche follow outside both needs " + follow[0]);
                secondaryNiche++;
            }
        }
        double secondaryShare = secondaryNiche / (double) (primaryNiche + secondaryNiche);
        assertEquals(GeneratorOptions.SECONDARY_NEED_WEIGHT, secondaryShare, 0.03, "niche follows of the second need");
    }

    @Test
    void sameSeedGivesIdenticalRealisticFiles() throws IOException {
        GeneratorOptions options =
                GeneratorOptions.builder(Preset.REALISTIC, 600, 6, 5).build();
        Path first = tmp.resolve("realistic-a");
        Path second = tmp.resolve("realistic-b");
        AudienceGenerator.write(first, options);
        AudienceGenerator.write(second, options);
        assertEquals(files(first), files(second));
        assertTrue(
                files(first).contains(Path.of("truth", "secondary_needs.csv")),
                files(first).toString());
        for (Path file : files(first)) {
            assertArrayEquals(
                    Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file.toString());
        }
    }

    @Test
    void realisticWordPoolsNameNoNeed() {
        List<List<String>> pools = List.of(
                NeedCatalogue.ADJECTIVES,
                NeedCatalogue.TIMES,
                NeedCatalogue.PAST_VERBS,
                NeedCatalogue.BASE_VERBS,
                NeedCatalogue.PLACES,
                NeedCatalogue.REACTIONS,
                NeedCatalogue.PEOPLE,
                NeedCatalogue.THINGS,
                NeedCatalogue.LIFE_WORDS,
                NeedCatalogue.JOBS,
                NeedCatalogue.ENTHUSIASTS,
                NeedCatalogue.RELATIVES,
                NeedCatalogue.CHILDREN,
                NeedCatalogue.SHOP_KINDS,
                NeedCatalogue.LOCAL_GROUPS);
        Pattern anyTerm = wholeWords(NeedCatalogue.THEMES.stream()
                .flatMap(t -> t.vocabulary().stream())
                .toList());
        for (List<String> pool : pools) {
            for (String entry : pool) {
                assertFalse(anyTerm.matcher(entry).find(), "'" + entry + "' names a need");
            }
        }
    }

    @Test
    void themesHaveDisjointVocabularies() {
        Set<String> words = new HashSet<>();
        for (NeedCatalogue.NeedTheme theme : NeedCatalogue.THEMES) {
            assertEquals(12, theme.vocabulary().size(), theme.need());
            theme.vocabulary().forEach(w -> assertTrue(words.add(w), "shared word " + w));
        }
        assertTrue(NeedCatalogue.THEMES.size() >= 40);
    }

    private static void assertDirt(String table, Map<String, Integer> found, int kinds) throws IOException {
        Map<String, Integer> declared = new HashMap<>();
        for (String[] row : rows("truth/dirty.csv")) {
            if (row[0].equals(table)) {
                declared.put(row[1], Integer.parseInt(row[2]));
            }
        }
        assertEquals(kinds, declared.size(), table + " kinds " + declared);
        assertTrue(declared.values().stream().allMatch(n -> n >= 1), table + " " + declared);
        assertEquals(declared, found, table);
        assertEquals(declared, summary.dirty().get(table), table);
    }

    private static GeneratorOptions.Builder builder(int accounts, int segments) {
        return GeneratorOptions.builder(Preset.DEFAULT, accounts, segments, 7);
    }

    /** Any of the terms as whole words, any case, the longest first ("trail running" before "trail"). */
    static Pattern wholeWords(Collection<String> terms) {
        return Pattern.compile(terms.stream()
                .sorted(Comparator.comparing(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "(?iu)(?<![\\p{L}\\p{N}])(?:", ")(?![\\p{L}\\p{N}])")));
    }

    private static double distinctShare(List<String> texts) {
        return new HashSet<>(texts).size() / (double) texts.size();
    }

    /** The files under {@code dir}, relative to it. */
    static Set<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).collect(Collectors.toSet());
        }
    }

    private static String[] header(String table) throws IOException {
        try (Reader reader = Files.newBufferedReader(out.resolve(table), StandardCharsets.UTF_8)) {
            return parser().parseAll(reader).get(0);
        }
    }

    /** Data rows, header dropped, empty fields as empty strings. */
    private static List<String[]> rows(String table) throws IOException {
        return rows(out, table);
    }

    /** Data rows of {@code table} under {@code dir}, header dropped, empty fields as empty strings. */
    static List<String[]> rows(Path dir, String table) throws IOException {
        try (Reader reader = Files.newBufferedReader(dir.resolve(table), StandardCharsets.UTF_8)) {
            List<String[]> rows = parser().parseAll(reader);
            return rows.subList(1, rows.size());
        }
    }

    private static CsvParser parser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(100_000);
        return new CsvParser(settings);
    }
}
