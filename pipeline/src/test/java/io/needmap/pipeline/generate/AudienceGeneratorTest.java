package io.needmap.pipeline.generate;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudienceGeneratorTest {

    private static final int ACCOUNTS = 500;
    private static final int SEGMENTS = 8;
    private static final List<String> TABLES = List.of("accounts.csv", "follows.csv", "interests.csv", "posts.csv",
            "truth/memberships.csv", "truth/segments.csv", "truth/dirty.csv");

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
        assertArrayEquals(new String[]{"account_id", "handle", "display_name", "bio", "location", "language",
                "followers_count", "following_count", "posts_count", "created_at", "verified"}, header("accounts.csv"));
        assertArrayEquals(new String[]{"account_id", "followed_id"}, header("follows.csv"));
        assertArrayEquals(new String[]{"followed_id", "name", "category", "description"}, header("interests.csv"));
        assertArrayEquals(new String[]{"post_id", "account_id", "created_at", "text", "likes", "replies", "shares"},
                header("posts.csv"));
        assertArrayEquals(new String[]{"account_id", "segment_id", "need"}, header("truth/memberships.csv"));
        assertArrayEquals(new String[]{"segment_id", "need", "size", "vocabulary"}, header("truth/segments.csv"));
        assertArrayEquals(new String[]{"table", "kind", "rows"}, header("truth/dirty.csv"));
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
            assertFalse(Arrays.equals(Files.readAllBytes(out.resolve(table)), Files.readAllBytes(other.resolve(table))),
                    table);
        }
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
        Set<String> valid = rows("truth/memberships.csv").stream().map(m -> m[0]).collect(Collectors.toSet());
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
        Set<String> valid = rows("truth/memberships.csv").stream().map(m -> m[0]).collect(Collectors.toSet());
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
                assertTrue(validFollows.computeIfAbsent(follow[0], k -> new HashSet<>()).add(follow[1]),
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
        assertEquals(ACCOUNTS * 3 + summary.dirty().get("posts").values().stream().mapToInt(i -> i).sum(),
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
        Map<String, Long> languages = accounts.stream().collect(Collectors.groupingBy(a -> a[5], Collectors.counting()));
        long foreign = languages.getOrDefault("es", 0L) + languages.getOrDefault("de", 0L)
                + languages.getOrDefault("fr", 0L);
        assertTrue(foreign >= 5 && foreign <= 60, "non-English bios: " + languages);
        assertTrue(languages.getOrDefault("", 0L) > 0, "empty language: " + languages);
        String text = Files.readString(out.resolve("accounts.csv"));
        assertTrue(text.contains("\"\""), "doubled quotes in the raw file");
    }

    @Test
    void followsCarryTheSegmentAndTheSharedBackbone() throws IOException {
        Map<String, String> segmentOf = rows("truth/memberships.csv").stream()
                .collect(Collectors.toMap(m -> m[0], m -> m[1]));
        Map<String, Set<String>> topFollowers = new HashMap<>();
        for (String[] follow : rows("follows.csv")) {
            String segment = segmentOf.get(follow[0]);
            if (segment == null || follow[1].isEmpty()) {
                continue;
            }
            if (follow[1].startsWith("n")) {
                assertEquals(Integer.parseInt(segment), Integer.parseInt(follow[1].substring(1, 4)),
                        "niche follow outside the account's segment: " + String.join(",", follow));
            } else if (follow[1].equals("bb_001")) {
                topFollowers.computeIfAbsent(segment, k -> new HashSet<>()).add(follow[0]);
            }
        }
        Map<String, Long> sizes = segmentOf.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        sizes.forEach((segment, size) -> assertTrue(topFollowers.get(segment).size() >= 0.4 * size,
                "bb_001 followers in segment " + segment));
        Set<String> interestIds = rows("interests.csv").stream().map(i -> i[0]).collect(Collectors.toSet());
        assertTrue(interestIds.contains("bb_150") && interestIds.contains("n000_001"));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> GeneratorOptions.defaults(10_000, GeneratorOptions.MAX_SEGMENTS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults(100, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(1000, 4, 1, 60, 3, 0.01, 0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(1000, 4, 1, 2, 3, 0.01, 0.5, 0.3));
        assertEquals(0.55, GeneratorOptions.defaults(1000, 4, 1).nicheShare());
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

    private static String[] header(String table) throws IOException {
        try (Reader reader = Files.newBufferedReader(out.resolve(table), StandardCharsets.UTF_8)) {
            return parser().parseAll(reader).get(0);
        }
    }

    /** Data rows, header dropped, empty fields as empty strings. */
    private static List<String[]> rows(String table) throws IOException {
        try (Reader reader = Files.newBufferedReader(out.resolve(table), StandardCharsets.UTF_8)) {
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
