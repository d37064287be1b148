package io.needmap.pipeline.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermExtractorTest {
    private static final TermExtractor EXTRACTOR =
            new TermExtractor(new TopicOptions(true, false, 50, 2000, 1.0, 10, Set.of("hq"), 1000));

    private static Map<String, Integer> terms(String text) {
        return EXTRACTOR.extract(text, null);
    }

    @Test
    void lemmatisedNounsAndAdjectivesWithoutVerbsOrStopWords() {
        assertEquals(Map.of("gardening", 1, "grandma", 1), terms("Retired grandma who loves gardening"));
    }

    @Test
    void aHashtagIsThePhraseItsWordsMake() {
        assertEquals(Map.of("keto", 1, "mealprep", 1, "sunday", 1), terms("#keto mealprep every sunday"));
        assertEquals(
                Map.of("laptop", 1, "machine learning", 1), terms("Loving this: laptop, then ai 😂\n#MachineLearning"));
        assertEquals(
                Map.of("5g", 1, "covid19", 1, "home office", 1, "web3", 1), terms("#5G #COVID19 #home_office #Web3"));
    }

    @Test
    void aWrittenPhraseIsOneTermWhetherTaggedOrWritten() {
        assertEquals(Map.of("machine learning", 2), terms("machine learning for everyone #MachineLearning"));
        assertEquals(
                Map.of("customer experience", 1, "experience design", 1),
                terms("customer experience design"),
                "a run of three nouns is its two pairs, none of its single nouns");
    }

    @Test
    void urlsMentionsEmailsAndEmojiAreDropped() {
        assertEquals(
                Map.of("open", 1, "open source", 1, "source", 1),
                terms("Today: open source and ai 🌱 #OpenSource https://t.co/5ma483 @emma534 More soon."));
        assertEquals(
                Map.of("member", 1, "proud", 1),
                terms("proud member of @ethan199, email me at a.b@example.org or see www.site.com"));
    }

    @Test
    void emptyEmojiOnlyUrlOnlyAndNumbersYieldNothing() {
        for (String text :
                new String[] {null, "", "   ", "😂🔥🌱", "https://example.com/x", "Call 555 1234 in 2024, 3 times!"}) {
            assertEquals(Map.of(), terms(text), String.valueOf(text));
        }
    }

    @Test
    void nounCompoundsAcrossQuotesButNotAcrossNewlines() {
        assertEquals(
                Map.of("coupon code", 1, "line", 1, "meal kit", 1, "second", 1),
                terms("quoted \"meal kit\"\nsecond line, coupon codes"));
        assertFalse(terms("a meal\nkit").containsKey("meal kit"));
    }

    @Test
    void bioPartsAreFragmentsAndARecurringFragmentIsTaggedOnce() {
        TermExtractor cached = new TermExtractor(new TopicOptions(true, false, 50, 2000, 1.0, 10, Set.of("zz"), 1000));
        TermExtractor uncached = new TermExtractor(new TopicOptions(true, false, 50, 2000, 1.0, 10, Set.of("zz"), 0));
        String first = "Harbour pilot · vintage sailboat repair | tide tables";
        String second = "vintage sailboat repair • mountain cabin\nnight owl 🦉 #Owls";
        TermExtractor.Extraction a = cached.read(first, "en");
        TermExtractor.Extraction b = cached.read(second, "en");
        assertEquals(
                List.of(3, 3, 3, 2),
                List.of(a.fragments(), a.annotated(), b.fragments(), b.annotated()),
                "the second text's 'vintage sailboat repair' comes from the cache");
        assertEquals(uncached.extract(first, "en"), a.terms());
        assertEquals(uncached.extract(second, "en"), b.terms());
        assertEquals(Map.of("mountain cabin", 1, "owl", 1, "owls", 1, "sailboat repair", 1, "vintage", 1), b.terms());
        assertEquals(3, uncached.read(second, "en").annotated(), "without a cache every fragment is annotated");
        assertFalse(terms("pilot · vintage").containsKey("pilot vintage"), "no compound across a bio separator");
    }

    @Test
    void extraStopWordsApply() {
        assertEquals(
                Map.of("cybersecurity", 1, "open", 1, "source", 1, "wearable", 2),
                terms("Cybersecurity HQ. Everything wearables, open source and wearables."));
    }

    @Test
    void foreignTextKeepsOnlyItsHashtags() {
        Map<String, Integer> hashtagsOnly = Map.of("home team", 1);
        assertEquals(hashtagsOnly, terms("opiniones propias · hecho en México #HomeTeam"));
        assertEquals(hashtagsOnly, EXTRACTOR.extract("grandma gardening #HomeTeam", "de"));
        assertEquals(Map.of("грузовик", 1), terms("Привет мир, я люблю машины #грузовик"));
        assertEquals(Map.of("grandma gardening", 1), EXTRACTOR.extract("grandma gardening", "en-GB"));
        assertFalse(EXTRACTOR
                .read("maman de deux enfants · fan de foot #Esports", "")
                .english());
        assertTrue(EXTRACTOR.read("mom of two, football fan #Esports", "").english());
    }

    @Test
    void aOneMegabyteBioIsCutNotFatal() {
        String bio = "gardening grandma ".repeat(1 << 16);
        assertTrue(bio.length() > 1_000_000);
        Map<String, Integer> terms = terms(bio);
        assertEquals(Set.of("gardening grandma", "grandma gardening"), terms.keySet());
        assertTrue(
                terms.values().stream().allMatch(c -> c <= 2000 / "gardening grandma ".length() + 1), terms::toString);
    }
}
