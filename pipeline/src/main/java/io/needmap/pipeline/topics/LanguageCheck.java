package io.needmap.pipeline.topics;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a text may go to CoreNLP's English models. The declared {@code language} wins;
 * when it is empty a cheap check looks at the letters: mostly non-Latin script (Cyrillic, CJK,
 * Arabic...) is not English, and neither is Latin text with more function words of German,
 * French, Spanish, Portuguese, Italian or Dutch than of English.
 *
 * <p>Deliberately crude (no n-gram model): it only has to keep the English tagger from producing
 * nonsense lemmas out of foreign text. It misses short foreign texts without function words
 * ("Fußball Familie") and passes them as English; those yield a few odd terms, not an error.
 */
public final class LanguageCheck {
    private static final Set<String> ENGLISH = Set.of(
            "the", "and", "of", "to", "in", "is", "my", "for", "with", "on", "a", "an", "i", "we", "you", "it", "this",
            "that", "are", "at", "be", "not", "from", "about");
    private static final Set<String> FOREIGN = Set.of(
            "und", "der", "die", "das", "nicht", "ist", "ich", "mit", "für", "auf", "ein", "eine", "sind", "meine",
            "les", "des", "et", "est", "une", "pour", "dans", "avec", "je", "pas", "du", "de", "le", "la", "mais", "el",
            "los", "las", "y", "es", "que", "por", "con", "una", "para", "del", "soy", "en", "mi", "muy", "não", "com",
            "um", "uma", "il", "di", "che", "per", "sono", "een", "het", "niet", "van", "ik");

    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");

    private LanguageCheck() {}

    /** True when the text should be read as English. */
    public static boolean isEnglish(String language, String text) {
        if (language != null && !language.isBlank()) {
            return language.trim().toLowerCase(Locale.ROOT).startsWith("en");
        }
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
            i += Character.charCount(c);
        }
        if (latin * 2 < letters) {
            return false;
        }
        int english = 0;
        int foreign = 0;
        for (String word : NON_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            english += ENGLISH.contains(word) ? 1 : 0;
            foreign += FOREIGN.contains(word) ? 1 : 0;
        }
        return foreign <= english;
    }
}
