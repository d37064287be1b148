package io.needmap.pipeline.topics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text → terms with Stanford CoreNLP (Manning et al., "The Stanford CoreNLP Natural Language
 * Processing Toolkit", ACL 2014): {@code tokenize, ssplit, pos, lemma} (+ {@code ner} when
 * configured). A term is the lower-cased lemma of a noun, proper noun or adjective (Penn tags
 * NN, NNS, NNP, NNPS, JJ). Comparatives and superlatives ("best", "bigger") judge rather than name,
 * so they are left out.
 *
 * <p><b>One phrase, one term.</b> A run of adjacent nouns yields its adjacent pairs as compounds
 * ("machine learning"; "customer experience design" → "customer experience", "experience design")
 * <em>instead of</em> its single nouns, as phrase detection replaces a phrase's words by the phrase
 * (Mikolov et al., "Distributed Representations of Words and Phrases", NIPS 2013). A hashtag of
 * several words is the same phrase: {@code #MealPrep} gives {@code meal prep} (split at case
 * changes and underscores; digits stay with their word, {@code #5G} → {@code 5g}), a one-word tag
 * the word ({@code #keto} → {@code keto}). Emitting the words as well made one written phrase four
 * features that always occur together ({@code cloud}, {@code computing}, {@code cloud computing},
 * {@code cloudcomputing}), with four times the weight of a one-word term and an SVD direction of its
 * own: on a 300,000-account audience the dominant need fell apart into "wrote cloud computing",
 * "wrote machine learning" and the rest (ARI 0.76; 0.90 with phrases as one term). <b>Weakness:</b> without corpus statistics every noun pair is a phrase,
 * so "coffee lover" and "coffee beans" no longer share {@code coffee}; a tag written in one case
 * ({@code #machinelearning}) cannot be split and stays a term of its own.
 *
 * <p>Hashtags are terms before CoreNLP sees the text. URLs, e-mail addresses, @mentions, hashtags and
 * emoji are then cut from the text, each run of them replaced by one break (which also spares the
 * tagger its slowest path, unknown words); numbers and punctuation never pass the filter (a term
 * needs a letter); stop words (bundled English list + configurable extra list) are dropped and break
 * compounds. Text that {@link LanguageCheck} does not take for English keeps its hashtags only:
 * English models on foreign text produce confident nonsense. Texts longer than
 * {@code maxTextChars} are cut at a space first, so a 1 MB bio costs as much as a long one.
 *
 * <p>What goes to CoreNLP is one <em>fragment</em> at a time: the text between line breaks, the
 * breaks left by cut URLs, hashtags and emoji, and the spaced {@code ·}, {@code |} and {@code •}
 * that separate the parts of a bio ("husband, father · coffee addict · views my own"). Fragments
 * recur across an audience far more than whole texts do (bio boilerplate, shared and templated
 * posts), so their terms are kept in a per-JVM cache of {@code cacheFragments} entries (Caffeine,
 * W-TinyLFU admission: a fragment seen once does not evict one seen often). The tagger is
 * deterministic, so a cached fragment yields exactly the terms it would yield annotated: the cache
 * changes the cost, never the output. It helps only as much as fragments repeat; on text that
 * never repeats, the cost is the tagger's: 9,000 to 12,400 tokens per second per core on the
 * realistic generator's text ({@code scripts/bench}'s CoreNLP floor), and 46 minutes of 2 cores for
 * the topics stage of a million accounts with a bio and 3 posts each.
 *
 * <p>The CoreNLP pipeline (≈1.3 s and a few hundred MB of POS model to load) is built once per
 * JVM, lazily on first use, and shared by every task thread on the executor: CoreNLP's own
 * {@code AnnotationPipeline.annotate(Iterable, threads)} runs one pipeline's annotators from many
 * threads, and the tokenizer, tagger and lemmatiser keep per-call state only. This object itself
 * is small and serializable; only the static pipeline is heavy.
 */
public final class TermExtractor implements Serializable {
    private static final Map<Boolean, StanfordCoreNLP> PIPELINES = new ConcurrentHashMap<>();
    private static final Map<TopicOptions, Cache<String, Map<String, Integer>>> FRAGMENT_CACHES =
            new ConcurrentHashMap<>();
    private static final Set<String> NOUNS = Set.of("NN", "NNS", "NNP", "NNPS");
    private static final Set<String> NON_TOPICAL_ENTITIES =
            Set.of("PERSON", "DATE", "TIME", "DURATION", "NUMBER", "ORDINAL", "MONEY", "PERCENT", "SET");
    private static final Pattern HASHTAG =
            Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");
    /** URLs, e-mail addresses, mentions, hashtags, domains and emoji/symbols, a run of them at a time. */
    private static final Pattern NOISE = Pattern.compile(
            "(?i)(?:(?>\\b(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\S+|(?<![\\p{L}\\p{N}_])[@#][\\p{L}\\p{N}_]+"
                    + "|\\b[\\p{L}\\p{N}.-]+\\.(?:com|org|net|io|co|ly|me|app)(?:/\\S*)?"
                    + "|[\\p{So}\\p{Sk}\\p{Cs}\\p{Co}\\x{200D}\\x{FE0E}\\x{FE0F}]+)\\s*+)++");
    /** Line breaks (and the breaks left by cut noise) and the spaced separators of bio parts. */
    private static final Pattern FRAGMENT_BREAK = Pattern.compile("\\s*(?:\\R|\\s[·|•](?=\\s))\\s*");

    private static final Pattern HASHTAG_WORDS =
            Pattern.compile("_+|(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");
    private static final Pattern TERM = Pattern.compile("\\p{L}[\\p{L}\\p{N}'&.-]*");
    private static final Set<String> ENGLISH_STOP_WORDS = load("stop-words-en.txt");

    private final TopicOptions options;
    private final Set<String> stopWords;
    private transient Cache<String, Map<String, Integer>> fragmentCache;

    public TermExtractor(TopicOptions options) {
        this.options = options;
        Set<String> all = new HashSet<>(ENGLISH_STOP_WORDS);
        all.addAll(options.extraStopWords());
        this.stopWords = Set.copyOf(all);
    }

    /**
     * The terms one text yields, whether its words went to the English models, into how many
     * fragments they were cut and how many of those CoreNLP annotated (the rest came from the cache).
     */
    public record Extraction(Map<String, Integer> terms, boolean english, int fragments, int annotated) {}

    /** The terms of one text with their counts, sorted by term; empty for empty or term-less text. */
    public Map<String, Integer> extract(String text, String language) {
        return read(text, language).terms();
    }

    /**
     * The terms of one text and whether it was read as English. Empty text counts as English (it is
     * counted as empty, not as foreign); text that is not English yields its hashtags only.
     */
    public Extraction read(String text, String language) {
        Map<String, Integer> counts = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return new Extraction(counts, true, 0, 0);
        }
        String bounded = truncate(text);
        Matcher tags = HASHTAG.matcher(bounded);
        while (tags.find()) {
            String term = hashtagTerm(tags.group(1));
            if (term != null) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        List<String> fragments = englishFragments(bounded, language);
        if (fragments == null) {
            return new Extraction(counts, false, 0, 0);
        }
        int annotated = 0;
        for (String fragment : fragments) {
            Map<String, Integer> terms = fragmentCache().getIfPresent(fragment);
            if (terms == null) {
                terms = annotatedTerms(fragment);
                fragmentCache().put(fragment, terms);
                annotated++;
            }
            terms.forEach((term, count) -> counts.merge(term, count, Integer::sum));
        }
        return new Extraction(counts, true, fragments.size(), annotated);
    }

    /**
     * The fragments {@link #read} looks up or hands to CoreNLP for a text (bounded, without URLs,
     * mentions, hashtags and emoji, cut at breaks); empty when none (empty, letter-less or not
     * English). For benchmarks.
     */
    public List<String> fragmentsForCoreNlp(String text, String language) {
        List<String> fragments = text == null || text.isBlank() ? null : englishFragments(truncate(text), language);
        return fragments == null ? List.of() : fragments;
    }

    /** A bounded text's fragments, without URLs, mentions, hashtags and emoji; null when it is not English. */
    private static List<String> englishFragments(String bounded, String language) {
        String plain = withoutNoise(bounded);
        return LanguageCheck.isEnglish(language, plain)
                ? FRAGMENT_BREAK
                        .splitAsStream(plain)
                        .filter(TermExtractor::hasLetter)
                        .toList()
                : null;
    }

    private Map<String, Integer> annotatedTerms(String fragment) {
        Annotation document = new Annotation(fragment);
        pipeline(options.ner()).annotate(document);
        Map<String, Integer> terms = new HashMap<>();
        addTokenTerms(document, terms);
        return Map.copyOf(terms);
    }

    /** This JVM's cache for these options, shared by every task thread (the extractor is copied per task). */
    private Cache<String, Map<String, Integer>> fragmentCache() {
        if (fragmentCache == null) {
            fragmentCache = FRAGMENT_CACHES.computeIfAbsent(
                    options,
                    o -> Caffeine.newBuilder()
                            .maximumSize(o.cacheFragments())
                            .executor(Runnable::run)
                            .build());
        }
        return fragmentCache;
    }

    /** The shared CoreNLP pipeline of this JVM, built on first use. */
    public static StanfordCoreNLP pipeline(boolean ner) {
        return PIPELINES.computeIfAbsent(ner, TermExtractor::build);
    }

    private static StanfordCoreNLP build(boolean ner) {
        Properties p = new Properties();
        p.setProperty("annotators", ner ? "tokenize,ssplit,pos,lemma,ner" : "tokenize,ssplit,pos,lemma");
        p.setProperty("tokenize.language", "en");
        p.setProperty("tokenize.options", "untokenizable=noneDelete,ptb3Escaping=false");
        p.setProperty("ssplit.newlineIsSentenceBreak", "always");
        p.setProperty("ner.applyFineGrained", "false");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.buildEntityMentions", "false");
        return new StanfordCoreNLP(p);
    }

    /** Adjectives and lone nouns as themselves; a run of adjacent nouns as its adjacent pairs only. */
    private void addTokenTerms(Annotation document, Map<String, Integer> counts) {
        for (CoreMap sentence : document.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<String> nounRun = new ArrayList<>();
            for (CoreLabel token : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                String term = termOf(token);
                if (term != null && NOUNS.contains(token.tag())) {
                    nounRun.add(term);
                    continue;
                }
                addNounRun(nounRun, counts);
                if (term != null) {
                    counts.merge(term, 1, Integer::sum);
                }
            }
            addNounRun(nounRun, counts);
        }
    }

    private static void addNounRun(List<String> nouns, Map<String, Integer> counts) {
        if (nouns.size() == 1) {
            counts.merge(nouns.get(0), 1, Integer::sum);
        }
        for (int i = 1; i < nouns.size(); i++) {
            counts.merge(nouns.get(i - 1) + " " + nouns.get(i), 1, Integer::sum);
        }
        nouns.clear();
    }

    private static String withoutNoise(String text) {
        return NOISE.matcher(text).replaceAll("\n");
    }

    private static boolean hasLetter(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    private String termOf(CoreLabel token) {
        String tag = token.tag();
        if (tag == null || !(NOUNS.contains(tag) || "JJ".equals(tag))) {
            return null;
        }
        if (options.ner() && NON_TOPICAL_ENTITIES.contains(token.ner())) {
            return null;
        }
        String lemma = token.lemma() == null ? token.word() : token.lemma();
        String term = lemma.toLowerCase(Locale.ROOT);
        return term.length() >= 2 && TERM.matcher(term).matches() && !stopWords.contains(term) ? term : null;
    }

    /** The tag as the phrase its words make ({@code MealPrep} → meal prep), a one-word tag as itself; null for a stop word. */
    private String hashtagTerm(String tag) {
        String phrase = HASHTAG_WORDS
                .splitAsStream(tag)
                .map(w -> w.toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.joining(" "));
        return stopWords.contains(phrase) ? null : phrase;
    }

    private String truncate(String text) {
        if (text.length() <= options.maxTextChars()) {
            return text;
        }
        int cut = text.lastIndexOf(' ', options.maxTextChars());
        return text.substring(0, cut > 0 ? cut : options.maxTextChars());
    }

    private static Set<String> load(String resource) {
        try (InputStream in = TermExtractor.class.getResourceAsStream(resource)) {
            return Set.copyOf(readStopWords(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stop words from a file of whitespace-separated words ({@code #} starts a comment line). */
    public static Set<String> readStopWords(InputStream in) {
        Set<String> words = new HashSet<>();
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .lines()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> java.util.Arrays.stream(
                        line.trim().toLowerCase(Locale.ROOT).split("\\s+")))
                .filter(w -> !w.isEmpty())
                .forEach(words::add);
        return words;
    }
}
