package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.pick;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Bios of the {@link GeneratorOptions.TextStyle#SYNONYMS} text style: 5 to 15 words, of which two to
 * four name the account's tastes through {@link TasteSynonyms synonym groups} (a group drawn, then one
 * of its forms), so that two members of one taste often share no exact word but words that co-occur
 * across the taste; half carry need-free boilerplate ("views are my own", "she/her"); the rest is an
 * open vocabulary: everyday words of the catalogue and pseudo-words ({@value #PSEUDO_WORDS}, Zipf
 * distributed, so a few are common and most are rare), standing for the names, slang and typos of
 * real bios. Each taste word comes from the account's tastes by weight ({@link Needs#themeOf}).
 *
 * <p>Where it differs from the world: a synonym belongs to one taste only, the bios have no grammar,
 * and the pseudo-words mean nothing, where real rare words (place names, employers) often do point
 * to a need.
 */
final class SynonymBios {

    static final int MIN_WORDS = 5;
    static final int MAX_WORDS = 15;
    /** Bios carry one taste term for every {@code WORDS_PER_TASTE_TERM} words, plus one. */
    static final int WORDS_PER_TASTE_TERM = 4;

    static final double BOILERPLATE_SHARE = 0.5;
    /** Share of taste terms followed by what their fan calls themselves: "nikon nerd". */
    static final double ENTHUSIAST_SHARE = 0.2;
    /** Share of open-vocabulary words that are pseudo-words rather than everyday words. */
    static final double PSEUDO_WORD_SHARE = 0.5;

    static final int PSEUDO_WORDS = 20_000;
    static final double EMOJI_SHARE = 0.2;

    /** Need-free phrases many bios carry, the same in every taste. */
    static final List<String> BOILERPLATE = Stream.concat(
                    NeedCatalogue.GENERIC_PHRASES.stream(),
                    Stream.of(
                            "views are my own",
                            "husband",
                            "father",
                            "mom",
                            "wife",
                            "mother",
                            "tweets",
                            "lover of life",
                            "he/they",
                            "she/they",
                            "tweets are my own",
                            "opinions my own"))
            .distinct()
            .toList();

    /** Everyday words that name no taste. */
    static final List<String> EVERYDAY_WORDS = Stream.of(
                    NeedCatalogue.ADJECTIVES,
                    NeedCatalogue.THINGS,
                    NeedCatalogue.LIFE_WORDS,
                    NeedCatalogue.PAST_VERBS,
                    NeedCatalogue.CITIES,
                    NeedCatalogue.JOBS)
            .flatMap(List::stream)
            .toList();

    private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", " · ", " | ", ". ", " / ");
    private static final long PSEUDO_WORD_SEED = 0x5EED_B105L;
    private static final String[] ONSETS = {
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "pl", "sk", "ch", "sh",
        "gr", "fl", "dr"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou", "ee", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "k", "m", "x", "th"};

    /** Synonym groups by theme index. */
    private static final List<List<List<String>>> GROUPS = IntStream.range(0, NeedCatalogue.THEMES.size())
            .mapToObj(TasteSynonyms::groups)
            .toList();

    /** The pseudo-words, most common first; none is a taste form or an everyday word. */
    private static final String[] PSEUDO = pseudoWords();

    private SynonymBios() {}

    /** An English bio of 5 to 15 words on the account's tastes. */
    static String bio(SplittableRandom r, Needs needs) {
        int length = MIN_WORDS + r.nextInt(MAX_WORDS - MIN_WORDS + 1);
        List<String> chunks = new ArrayList<>(16);
        int words = 0;
        for (int t = 1 + length / WORDS_PER_TASTE_TERM; t > 0; t--) {
            String term = pick(r, pick(r, GROUPS.get(needs.themeOf(r))));
            if (r.nextDouble() < ENTHUSIAST_SHARE) {
                term += " " + pick(r, NeedCatalogue.ENTHUSIASTS);
            }
            int termWords = words(term);
            if (words + termWords > length) {
                break;
            }
            chunks.add(term);
            words += termWords;
        }
        if (r.nextDouble() < BOILERPLATE_SHARE) {
            String phrase = pick(r, BOILERPLATE);
            if (words + words(phrase) <= length) {
                chunks.add(phrase);
                words += words(phrase);
            }
        }
        while (words < length) {
            String word = openWord(r);
            if (words + words(word) > length) {
                word = pseudoWord(r);
            }
            chunks.add(word);
            words += words(word);
        }
        StringBuilder bio = RealisticText.shuffledJoin(r, chunks, SEPARATORS, 0.5, false);
        if (r.nextDouble() < EMOJI_SHARE) {
            bio.append(' ').append(pick(r, NeedCatalogue.EMOJI));
        }
        return bio.toString();
    }

    /** Words of a text: its whitespace-separated tokens holding a letter or a digit. */
    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                inWord = false;
            } else if (!inWord && Character.isLetterOrDigit(c)) {
                inWord = true;
                words++;
            }
        }
        return words;
    }

    /** Synonym groups of theme {@code theme}. */
    static List<List<String>> groups(int theme) {
        return GROUPS.get(theme);
    }

    private static String openWord(SplittableRandom r) {
        return r.nextDouble() < PSEUDO_WORD_SHARE ? pseudoWord(r) : pick(r, EVERYDAY_WORDS);
    }

    /** A pseudo-word of Zipf-like rank: rank {@code k} drawn with a chance falling like {@code 1/k}. */
    static String pseudoWord(SplittableRandom r) {
        return PSEUDO[(int) Math.exp(r.nextDouble() * Math.log(PSEUDO.length)) - 1];
    }

    private static String[] pseudoWords() {
        Set<String> taken = new HashSet<>();
        GROUPS.forEach(groups -> groups.forEach(forms -> forms.forEach(form -> taken.addAll(tokens(form)))));
        EVERYDAY_WORDS.forEach(word -> taken.addAll(tokens(word)));
        BOILERPLATE.forEach(phrase -> taken.addAll(tokens(phrase)));
        SplittableRandom r = new SplittableRandom(PSEUDO_WORD_SEED);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < PSEUDO_WORDS) {
            StringBuilder word = new StringBuilder(10);
            for (int s = 2 + r.nextInt(2); s > 0; s--) {
                word.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
            }
            String candidate = word.append(CODAS[r.nextInt(CODAS.length)]).toString();
            if (!taken.contains(candidate)) {
                words.add(candidate);
            }
        }
        return words.toArray(String[]::new);
    }

    private static List<String> tokens(String phrase) {
        return List.of(phrase.toLowerCase(Locale.ROOT).split("\\s+"));
    }
}
