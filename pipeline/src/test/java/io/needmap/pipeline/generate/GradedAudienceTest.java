package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.AudienceGeneratorTest.files;
import static io.needmap.pipeline.generate.AudienceGeneratorTest.rows;
import static io.needmap.pipeline.generate.AudienceGeneratorTest.wholeWords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Preset;
import io.needmap.pipeline.generate.GradedTastes.TasteMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graded preset (related tastes, synonym bios) and the 60/40 split need, asserted on generated files. */
class GradedAudienceTest {

    private static final int ACCOUNTS = 1500;
    private static final int SEGMENTS = 8;
    private static final Pattern NICHE_ID = Pattern.compile("n(\\d{3})_\\d{3}");

    @TempDir
    static Path tmp;

    private static Path graded;
    private static Map<String, Integer> truth;

    @BeforeAll
    static void generate() throws IOException {
        graded = tmp.resolve("graded");
        AudienceGenerator.write(
                graded, options(Preset.GRADED, ACCOUNTS, SEGMENTS).build());
        truth = truth(graded);
    }

    @Test
    void accountsFollowSeveralTastesTheirMainOneTheMost() throws IOException {
        Map<String, Map<Integer, Integer>> niche = nicheFollows(graded);
        long threeOrMore = truth.keySet().stream()
                .filter(a -> niche.getOrDefault(a, Map.of()).size() >= 3)
                .count();
        long mainMost = truth.entrySet().stream()
                .filter(e -> isLargest(niche.getOrDefault(e.getKey(), Map.of()), e.getValue()))
                .count();
        assertTrue(threeOrMore >= 0.9 * ACCOUNTS, threeOrMore + " of " + ACCOUNTS + " follow 3 or more tastes");
        assertTrue(mainMost >= 0.9 * ACCOUNTS, "main taste strictly the most followed for " + mainMost);
    }

    @Test
    void aBackboneReachesAFifthToAHalfAndTheLongTailIsFollowedOnce() throws IOException {
        Map<String, Integer> followers = new HashMap<>();
        for (String[] follow : rows(graded, "follows.csv")) {
            if (follow.length == 2 && truth.containsKey(follow[0])) {
                followers.merge(follow[1], 1, Integer::sum);
            }
        }
        List<Double> reach = followers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("bb_"))
                .map(e -> e.getValue() / (double) ACCOUNTS)
                .sorted((a, b) -> Double.compare(b, a))
                .toList();
        assertTrue(reach.get(0) >= 0.3 && reach.get(0) <= 0.6, "top backbone reach " + reach.get(0));
        assertTrue(reach.get(9) >= 0.15, "10th backbone reach " + reach.get(9));
        List<Integer> longTail = followers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("lt_"))
                .map(Map.Entry::getValue)
                .toList();
        assertTrue(longTail.stream().filter(n -> n == 1).count() > 0.9 * longTail.size(), "long tail followed once");
    }

    @Test
    void biosHaveFiveToFifteenWordsAndSomeAreEmpty() throws IOException {
        List<String> bios = englishBios(graded).values().stream().toList();
        Map<String, String> firstBio = new HashMap<>();
        rows(graded, "accounts.csv").stream()
                .filter(a -> truth.containsKey(a[0]))
                .forEach(a -> firstBio.putIfAbsent(a[0], a[3]));
        long empty = firstBio.values().stream().filter(String::isEmpty).count();
        assertEquals(GeneratorOptions.GRADED_EMPTY_BIO_SHARE, empty / (double) ACCOUNTS, 0.03, "empty bios");
        // emoji-only and URL-only bios (2%) are the only English bios of fewer words
        long inRange = bios.stream()
                .mapToInt(SynonymBios::words)
                .filter(w -> w >= SynonymBios.MIN_WORDS && w <= SynonymBios.MAX_WORDS)
                .count();
        assertTrue(inRange >= 0.95 * bios.size(), inRange + " of " + bios.size());
        assertTrue(bios.stream().allMatch(b -> SynonymBios.words(b) <= SynonymBios.MAX_WORDS));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            int words = SynonymBios.words(SynonymBios.bio(r, Needs.only(i % 41)));
            assertTrue(words >= SynonymBios.MIN_WORDS && words <= SynonymBios.MAX_WORDS, "words: " + words);
        }
    }

    @Test
    void membersOfATasteShareASynonymGroupMoreOftenThanAnExactWord() throws IOException {
        Map<String, String> bios = englishBios(graded);
        int pairs = 0;
        int sharedWord = 0;
        int sharedGroup = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            int segment = s;
            List<List<String>> groups = SynonymBios.groups(s);
            Map<String, Integer> groupOf = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                for (String form : groups.get(g)) {
                    groupOf.put(form, g);
                }
            }
            Pattern forms = wholeWords(groupOf.keySet());
            List<Set<String>> words = new ArrayList<>();
            truth.entrySet().stream()
                    .filter(e -> e.getValue() == segment && bios.containsKey(e.getKey()))
                    .map(e -> bios.get(e.getKey()))
                    .sorted()
                    .forEach(bio -> words.add(matches(forms, bio)));
            for (int i = 0; i + 1 < words.size(); i++) {
                Set<String> a = words.get(i);
                Set<String> b = words.get(i + 1);
                pairs++;
                sharedWord += a.stream().anyMatch(b::contains) ? 1 : 0;
                Set<Integer> groupsOfB = b.stream().map(groupOf::get).collect(Collectors.toSet());
                sharedGroup += a.stream().map(groupOf::get).anyMatch(groupsOfB::contains) ? 1 : 0;
            }
        }
        assertTrue(sharedGroup > 0.25 * pairs, sharedGroup + " of " + pairs + " pairs share a group");
        assertTrue(sharedWord < 0.6 * sharedGroup, sharedWord + " share a word, " + sharedGroup + " a group");
    }

    @Test
    void aBiosOnlyGradedAudienceNamesItsMainTasteMost() throws IOException {
        Path dir = tmp.resolve("bios-only");
        AudienceGenerator.write(
                dir,
                options(Preset.GRADED, ACCOUNTS, 10)
                        .omitted(Set.of(OmittedTable.FOLLOWS_ROWS))
                        .build());
        assertTrue(rows(dir, "follows.csv").isEmpty(), "header-only follows");
        Map<String, Integer> members = truth(dir);
        List<Pattern> tastes = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            tastes.add(wholeWords(
                    SynonymBios.groups(s).stream().flatMap(List::stream).toList()));
        }
        int named = 0;
        int mainMost = 0;
        for (Map.Entry<String, String> bio : englishBios(dir).entrySet()) {
            Map<Integer, Integer> terms = new HashMap<>();
            for (int s = 0; s < 10; s++) {
                int found = matches(tastes.get(s), bio.getValue()).size();
                if (found > 0) {
                    terms.put(s, found);
                }
            }
            named += terms.isEmpty() ? 0 : 1;
            mainMost += isLargest(terms, members.get(bio.getKey())) ? 1 : 0;
        }
        assertTrue(mainMost >= 0.75 * named, "main taste named most in " + mainMost + " of " + named + " bios");
    }

    @Test
    void splitNeedGivesAShareOfSegmentZeroAThirdOfASecondNeed() throws IOException {
        for (Preset preset : List.of(Preset.DEFAULT, Preset.GRADED)) {
            Path dir = tmp.resolve("split-" + preset);
            AudienceGenerator.write(
                    dir,
                    options(preset, 3000, SEGMENTS)
                            .dominantShare(0.35)
                            .splitNeedShare(0.35)
                            .build());
            Map<String, Integer> members = truth(dir);
            List<String> segmentZero = members.entrySet().stream()
                    .filter(e -> e.getValue() == 0)
                    .map(Map.Entry::getKey)
                    .toList();
            Map<String, Integer> secondary = new HashMap<>();
            rows(dir, "truth/secondary_needs.csv").forEach(s -> secondary.put(s[0], Integer.parseInt(s[1])));
            Set<Integer> targets = new HashSet<>(secondary.values());
            assertEquals(1, targets.size(), "one second need: " + targets);
            int target = targets.iterator().next();
            assertTrue(segmentZero.containsAll(secondary.keySet()), "split members stay in segment 0's truth");

            Map<String, Map<Integer, Integer>> niche = nicheFollows(dir);
            long aThird = segmentZero.stream()
                    .filter(a -> {
                        Map<Integer, Integer> follows = niche.getOrDefault(a, Map.of());
                        double share = follows.getOrDefault(target, 0)
                                / (double) follows.values().stream()
                                        .mapToInt(Integer::intValue)
                                        .sum();
                        return share >= 0.25 && share <= 0.42;
                    })
                    .count();
            assertEquals(0.35, aThird / (double) segmentZero.size(), 0.05, preset + ": a third in segment " + target);
        }
    }

    @Test
    void aMixIsTheMainTasteAndItsRingNeighboursWithDecayingWeights() {
        GradedTastes ring = new GradedTastes(12, new SplittableRandom(5));
        SplittableRandom r = new SplittableRandom(6);
        for (int main = 0; main < 12; main++) {
            TasteMix mix = ring.mix(r, main, (main + 1) % 12);
            int[] tastes = mix.tastes();
            assertEquals(main, tastes[0]);
            assertTrue(tastes.length >= GradedTastes.MIN_TASTES && tastes.length <= GradedTastes.MAX_TASTES);
            assertEquals(tastes.length, Arrays.stream(tastes).distinct().count(), "distinct tastes");
            assertFalse(Arrays.stream(tastes).anyMatch(t -> t == (tastes[0] + 1) % 12), "the excluded taste");
            for (int t = 1; t < tastes.length; t++) {
                assertTrue(ring.distance(main, tastes[t]) <= 3, "a neighbour");
                assertTrue(mix.weights()[t] < mix.weights()[t - 1], "decaying weights");
            }
            assertTrue(mix.weights()[0] > 2 * mix.weights()[1], "the main taste clearly the largest");
            assertEquals(1, Arrays.stream(mix.weights()).sum(), 1e-9);
            int[] counts = mix.counts(30, new int[] {60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60});
            assertEquals(30, Arrays.stream(counts).sum());
            assertTrue(Arrays.stream(counts).skip(1).allMatch(c -> c < counts[0]), Arrays.toString(counts));
        }
    }

    @Test
    void synonymFormsBelongToOneGroupAndNoneIsAnEverydayWord() {
        Map<String, String> owner = new HashMap<>();
        Set<String> everyday = new HashSet<>();
        SynonymBios.EVERYDAY_WORDS.forEach(
                w -> everyday.addAll(List.of(w.toLowerCase(Locale.ROOT).split(" "))));
        SynonymBios.BOILERPLATE.forEach(
                w -> everyday.addAll(List.of(w.toLowerCase(Locale.ROOT).split(" "))));
        for (int theme = 0; theme < NeedCatalogue.THEMES.size(); theme++) {
            List<List<String>> groups = SynonymBios.groups(theme);
            Set<String> forms = groups.stream().flatMap(List::stream).collect(Collectors.toSet());
            assertTrue(forms.containsAll(NeedCatalogue.THEMES.get(theme).vocabulary()), "catalogue words of " + theme);
            for (int g = 0; g < groups.size(); g++) {
                assertTrue(groups.get(g).size() >= 2, "synonyms in group " + groups.get(g));
                for (String form : groups.get(g)) {
                    assertEquals(null, owner.put(form, theme + "/" + g), "form in two groups: " + form);
                    assertFalse(everyday.contains(form), "an everyday word: " + form);
                }
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalGradedFiles() throws IOException {
        GeneratorOptions split = options(Preset.GRADED, 600, 6)
                .dominantShare(0.35)
                .splitNeedShare(0.35)
                .postsPerAccount(1)
                .build();
        Path first = tmp.resolve("same-1");
        Path again = tmp.resolve("same-2");
        AudienceGenerator.write(first, split);
        AudienceGenerator.write(again, split);
        assertEquals(files(first), files(again));
        for (Path file : files(first)) {
            assertArrayEquals(
                    Files.readAllBytes(first.resolve(file)), Files.readAllBytes(again.resolve(file)), "" + file);
        }
        Path other = tmp.resolve("other-seed");
        AudienceGenerator.write(
                other,
                GeneratorOptions.builder(Preset.GRADED, 600, 6, 8)
                        .dominantShare(0.35)
                        .splitNeedShare(0.35)
                        .postsPerAccount(1)
                        .build());
        assertFalse(Arrays.equals(
                Files.readAllBytes(first.resolve("accounts.csv")), Files.readAllBytes(other.resolve("accounts.csv"))));
    }

    @Test
    void splitNeedIsValidated() {
        assertThrows(
                IllegalArgumentException.class,
                () -> options(Preset.DEFAULT, 600, 6).splitNeedShare(1.5).build());
        IllegalArgumentException oneSegment = assertThrows(
                IllegalArgumentException.class,
                () -> options(Preset.GRADED, 600, 1).splitNeedShare(0.35).build());
        assertTrue(
                oneSegment.getMessage().contains("splitNeedShare needs at least 2 segments"), oneSegment.getMessage());
    }

    private static GeneratorOptions.Builder options(Preset preset, int accounts, int segments) {
        return GeneratorOptions.builder(preset, accounts, segments, 7);
    }

    /** Whether {@code key} has strictly more than any other entry. */
    private static boolean isLargest(Map<Integer, Integer> counts, int key) {
        int own = counts.getOrDefault(key, 0);
        return own > 0 && counts.entrySet().stream().noneMatch(e -> e.getKey() != key && e.getValue() >= own);
    }

    private static Map<String, Integer> truth(Path dir) throws IOException {
        return rows(dir, "truth/memberships.csv").stream()
                .collect(Collectors.toMap(m -> m[0], m -> Integer.parseInt(m[1])));
    }

    /** Niche follows of each valid account, by the segment of the followed account. */
    private static Map<String, Map<Integer, Integer>> nicheFollows(Path dir) throws IOException {
        Map<String, Integer> members = truth(dir);
        Map<String, Map<Integer, Integer>> niche = new HashMap<>();
        for (String[] follow : rows(dir, "follows.csv")) {
            Matcher id = follow.length == 2 ? NICHE_ID.matcher(follow[1]) : null;
            if (id != null && members.containsKey(follow[0]) && id.matches()) {
                niche.computeIfAbsent(follow[0], a -> new HashMap<>())
                        .merge(Integer.parseInt(id.group(1)), 1, Integer::sum);
            }
        }
        return niche;
    }

    /** Non-empty English bios of the valid accounts (first occurrence: later ones are dirty duplicates). */
    private static Map<String, String> englishBios(Path dir) throws IOException {
        Map<String, Integer> members = truth(dir);
        Map<String, String> bios = new HashMap<>();
        for (String[] account : rows(dir, "accounts.csv")) {
            if (members.containsKey(account[0]) && !account[3].isEmpty() && !account[5].matches("es|de|fr")) {
                bios.putIfAbsent(account[0], account[3]);
            }
        }
        return bios;
    }

    private static Set<String> matches(Pattern forms, String text) {
        Set<String> found = new HashSet<>();
        Matcher m = forms.matcher(text);
        while (m.find()) {
            found.add(m.group().toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
