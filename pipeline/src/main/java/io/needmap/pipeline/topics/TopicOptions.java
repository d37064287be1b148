package io.needmap.pipeline.topics;

import java.io.Serializable;
import java.util.Set;

/**
 * Hyper-parameters of the topics stage.
 *
 * @param enabled whether {@code run} reads text at all; off, segments come from follows only and
 *     profiles list no terms (for audiences without bios or posts, or when a run must be fast: the
 *     part-of-speech tagger is the pipeline's largest cost)
 * @param ner also run CoreNLP's NER and drop person names, dates and quantities; off by default:
 *     it costs several times the rest of the pipeline and terms from bios are rarely names
 * @param maxPostsPerAccount only an account's most recent posts are read, so one prolific
 *     account cannot dominate time or memory
 * @param maxTextChars a longer text is cut at the last space before this many characters
 * @param termWeight weight of a term occurrence relative to a follow in the account features;
 *     0 leaves terms out of segmentation (they still explain segments)
 * @param topTerms how many distinctive terms a segment row lists
 * @param extraStopWords lower-case words dropped on top of the bundled English stop list
 * @param cacheFragments text fragments whose terms each JVM keeps, so a recurring bio part or
 *     post is tagged once; 0 tags every fragment (the output is the same either way)
 */
public record TopicOptions(
        boolean enabled,
        boolean ner,
        int maxPostsPerAccount,
        int maxTextChars,
        double termWeight,
        int topTerms,
        Set<String> extraStopWords,
        int cacheFragments)
        implements Serializable {
    public TopicOptions {
        if (maxPostsPerAccount < 0 || maxTextChars < 1 || topTerms < 1 || !(termWeight >= 0) || cacheFragments < 0) {
            throw new IllegalArgumentException(
                    "topics: max-posts-per-account >= 0, max-text-chars >= 1, top-terms >= 1, "
                            + "term-weight >= 0, cache-fragments >= 0");
        }
        extraStopWords = Set.copyOf(extraStopWords);
    }

    @Override
    public String toString() {
        return "TopicOptions[enabled=" + enabled + ", ner=" + ner + ", maxPostsPerAccount=" + maxPostsPerAccount
                + ", maxTextChars="
                + maxTextChars + ", termWeight=" + termWeight + ", topTerms=" + topTerms + ", extraStopWords="
                + extraStopWords.size() + ", cacheFragments=" + cacheFragments + "]";
    }
}
