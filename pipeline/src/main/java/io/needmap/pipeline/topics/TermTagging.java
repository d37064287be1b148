package io.needmap.pipeline.topics;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static io.needmap.pipeline.output.Columns.TERM;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.spark.ObservedMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What the topics stage ({@link Topics}) does: bios, posts and interest descriptions → terms ({@link TermExtractor}).
 *
 * <p>Outputs {@code account_terms}, one row per account and term ({@code account_id, term, count},
 * and of that count {@code bio_count} and {@code post_count}, so that features and profiles read it
 * without aggregating it again) and {@code interest_terms} ({@code followed_id, term, count}, from
 * an interest's name and description), plus per source the number of texts read, not read as English (hashtags only)
 * and empty, for the manifest. Only an account's {@code maxPostsPerAccount} most recent posts are
 * read. Bios use the account's {@code language}; posts and interests carry none and get the
 * cheap check of {@link LanguageCheck}.
 *
 * <p>Texts are hash-partitioned by owner (account, or followed account for interests) into
 * {@code 4 × defaultParallelism} partitions before the extraction, so every core annotates whatever
 * the partitioning of the input Parquet, and the recency window and the per-owner term counts need
 * no further shuffle. Extraction runs once per text, in a UDF that reuses the JVM's one CoreNLP
 * pipeline and fragment cache ({@link TermExtractor}); the text counts are observed on the way, so no
 * text is cached or read twice. (The interest rows worth tagging, a small table, are cached and
 * counted first: Spark plans an observation over texts it finds empty away with them, and its
 * counts would never arrive.) Its cost is linear in the tokens of fragments not already cached
 * (bounded per text by {@code maxTextChars}) and its memory per task is one fragment's annotation.
 */
public final class TermTagging {

    /**
     * Terms per account and per followed account ({@code interestTerms} null without an
     * {@code interests} table), the terms of every text read, keyed for the next run's
     * {@link TermCache} ({@code termCache}: write it after the term tables, then {@link #release}),
     * and text counts by source for the manifest.
     */
    public record Result(
            Dataset<Row> accountTerms,
            Dataset<Row> interestTerms,
            Dataset<Row> termCache,
            TextCounts textCounts,
            List<Dataset<Row>> persisted) {
        /** Unpersists the extractions the term tables and the cache are written from. */
        public void release() {
            persisted.forEach(Dataset::unpersist);
        }
    }

    /**
     * The {@code interests} table and the follows that decide which of its rows are worth tagging: a
     * followed account with fewer than {@code minFollowers} audience followers can reach neither a
     * feature nor a profile, so its description is not read (in real exports most described accounts
     * are followed by one member).
     */
    public record Interests(Dataset<Row> table, Dataset<Row> follows, int minFollowers) {}

    /** How long to wait for text counts once their table has been written (they arrive right after). */
    private static final Duration ARRIVAL = Duration.ofMinutes(2);

    private static final String BIO = "bio";
    private static final String POST = "post";
    private static final String INTEREST = "interest";
    /** Column: a text's extraction from the cache, null when it is tagged now. */
    private static final String CACHED = "_cached";

    private static final String CACHED_KEY = "_cached_key";
    private static final StructType EXTRACTION = new StructType()
            .add("terms", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, true), true)
            .add("english", DataTypes.BooleanType, true)
            .add("fragments", DataTypes.IntegerType, true)
            .add("annotated", DataTypes.IntegerType, true);

    private TermTagging() {}

    /**
     * @param accounts accepted accounts ({@code account_id, bio, language})
     * @param posts accepted posts, or null
     * @param interests accepted interests with the follows that select the rows worth tagging, or null
     * @param cache terms of texts an earlier run tagged with the same tagger: those are not tagged again
     */
    public static Result run(
            Dataset<Row> accounts, Dataset<Row> posts, Interests interests, TopicOptions options, TermCache cache) {
        boolean withPosts = posts != null && options.maxPostsPerAccount() > 0;
        Column noTime =
                withPosts ? lit(null).cast(posts.schema().apply("created_at").dataType()) : lit(null);
        Column noText = lit(null).cast("string");
        Dataset<Row> texts = accounts.select(
                col(ACCOUNT_ID).as("id"),
                lit(BIO).as("source"),
                col("bio").as("text"),
                col("language"),
                noTime.as("created_at"),
                noText.as("post_id"));
        if (withPosts) {
            texts = texts.unionByName(posts.select(
                    col(ACCOUNT_ID).as("id"),
                    lit(POST).as("source"),
                    col("text"),
                    noText.as("language"),
                    col("created_at"),
                    col("post_id")));
        }
        // One shuffle, by account: the recency window and the term counts then run in place.
        int partitions = 4 * accounts.sparkSession().sparkContext().defaultParallelism();
        texts = texts.repartition(partitions, col("id"));
        if (withPosts) {
            Column recency = row_number()
                    .over(Window.partitionBy("id", "source")
                            .orderBy(col("created_at").desc_nulls_last(), col("post_id")));
            texts = texts.withColumn("_recency", recency)
                    .filter(col("source").notEqual(POST).or(col("_recency").leq(options.maxPostsPerAccount())));
        }
        // An empty interests table, or one with no row worth tagging, is written (empty) but not observed:
        // AQE plans the empty texts away with their observation, whose counts would never arrive.
        Dataset<Row> interestTexts = null;
        if (interests != null) {
            interestTexts = supported(interests)
                    .select(
                            col(FOLLOWED_ID).as("id"),
                            lit(INTEREST).as("source"),
                            concat_ws(". ", col("name"), col("description")).as("text"),
                            noText.as("language"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
        }
        boolean interestsToTag = interestTexts != null && interestTexts.count() > 0;
        // Text counts are observed while the term tables are written: no second pass.
        TextCounts counts = new TextCounts(interestsToTag);
        // Persisted: the term tables and the next run's cache are both written from the one extraction.
        Dataset<Row> accountExtraction = extract(texts, options, cache).persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> persisted = new ArrayList<>(List.of(accountExtraction));
        Dataset<Row> accountTerms = explodeTerms(counts.observe(accountExtraction, counts.accountTexts, BIO, POST))
                .groupBy(col("id").as(ACCOUNT_ID), col(TERM))
                .agg(
                        sum("count").as("count"),
                        countFrom(BIO).as("bio_count"),
                        countFrom(POST).as("post_count"));
        Dataset<Row> interestTerms = null;
        Dataset<Row> extracted = accountExtraction;
        if (interestTexts != null) {
            persisted.add(interestTexts);
            Dataset<Row> extraction = extract(interestTexts.repartition(partitions, col("id")), options, cache)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(extraction);
            extracted = extracted.unionByName(extraction);
            interestTerms = explodeTerms(
                            interestsToTag ? counts.observe(extraction, counts.interestTexts, INTEREST) : extraction)
                    .groupBy(col("id").as("followed_id"), col(TERM))
                    .agg(sum("count").as("count"));
        }
        Dataset<Row> termCache = extracted
                .select(TermCache.TEXT_KEY, "terms", "english", "fragments")
                .dropDuplicates(TermCache.TEXT_KEY)
                .withColumn(TermCache.TAGGER, lit(cache.tagger()));
        return new Result(accountTerms, interestTerms, termCache, counts, persisted);
    }

    /** The interests rows whose followed account has at least {@code minFollowers} audience followers. */
    private static Dataset<Row> supported(Interests interests) {
        Dataset<Row> followed = interests
                .follows()
                .groupBy(FOLLOWED_ID)
                .agg(count(lit(1)).as("_followers"))
                .filter(col("_followers").geq(interests.minFollowers()))
                .select(FOLLOWED_ID);
        return interests.table().join(followed, FOLLOWED_ID);
    }

    /** The part of a term's count that comes from one source (0 when none does). */
    private static Column countFrom(String source) {
        return coalesce(sum(when(col("source").equalTo(source), col("count"))), lit(0L));
    }

    private static Dataset<Row> explodeTerms(Dataset<Row> extraction) {
        return extraction.select(col("id"), col("source"), explode(col("terms")).as(new String[] {TERM, "count"}));
    }

    /**
     * Texts read, not read as English (hashtags only) and empty, and the English fragments cut
     * from them and annotated by CoreNLP (not served from the cache), by source, observed (Spark's
     * {@link Observation}) as the term tables are computed; known once both have been written.
     */
    public static final class TextCounts {
        private static final List<String> MEASURES =
                List.of("texts", "from_cache", "non_english", "empty", "fragments", "annotated");
        private final Observation accountTexts = new Observation("account_texts");
        private final Observation interestTexts;

        private TextCounts(boolean withInterests) {
            interestTexts = withInterests ? new Observation("interest_texts") : null;
        }

        private Dataset<Row> observe(Dataset<Row> extraction, Observation observation, String... sources) {
            List<Column> metrics = new ArrayList<>();
            for (String source : sources) {
                Column from = col("source").equalTo(source);
                metrics.add(count(when(from, true)).as(source + ":texts"));
                metrics.add(count(when(from.and(col("cached")), true)).as(source + ":from_cache"));
                metrics.add(count(when(from.and(not(col("english"))), true)).as(source + ":non_english"));
                metrics.add(count(when(from.and(col("text_empty")), true)).as(source + ":empty"));
                metrics.add(coalesce(sum(when(from, col("fragments").cast("long"))), lit(0L))
                        .as(source + ":fragments"));
                metrics.add(coalesce(sum(when(from, col("annotated").cast("long"))), lit(0L))
                        .as(source + ":annotated"));
            }
            return extraction.observe(
                    observation,
                    metrics.get(0),
                    metrics.subList(1, metrics.size()).toArray(Column[]::new));
        }

        /**
         * Source (bio, post, interest) → texts, non_english, empty, fragments, annotated; sources without
         * texts left out. Call it after the term tables have been written: an observation is filled by
         * the action that computes its table, and texts that were never observed (no interests, or none
         * worth tagging) are never waited for.
         */
        public Map<String, Map<String, Long>> bySource() {
            Map<String, Object> metrics = new HashMap<>();
            metrics.putAll(ObservedMetrics.arrived(accountTexts, ARRIVAL).orElse(Map.of()));
            if (interestTexts != null) {
                metrics.putAll(ObservedMetrics.arrived(interestTexts, ARRIVAL).orElse(Map.of()));
            }
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            for (String source : List.of(BIO, POST, INTEREST)) {
                Map<String, Long> measures = new LinkedHashMap<>();
                MEASURES.forEach(m ->
                        measures.put(m, ((Number) metrics.getOrDefault(source + ":" + m, 0L)).longValue()));
                if (measures.get("texts") > 0) {
                    out.put(source, measures);
                }
            }
            return out;
        }
    }

    /**
     * {@code id, source, terms, english, fragments, annotated, text_empty, text_key, cached} per text;
     * a text found in the cache is not tagged ({@code annotated} 0).
     */
    private static Dataset<Row> extract(Dataset<Row> texts, TopicOptions options, TermCache cache) {
        TermExtractor extractor = new TermExtractor(options);
        UserDefinedFunction read = udf(
                (UDF2<String, String, Row>) (text, language) -> {
                    TermExtractor.Extraction extraction = extractor.read(text, language);
                    return RowFactory.create(
                            extraction.terms(), extraction.english(), extraction.fragments(), extraction.annotated());
                },
                EXTRACTION);
        Dataset<Row> keyed = texts.withColumn(TermCache.TEXT_KEY, TermCache.key(col("text"), col("language")));
        Column tagged = read.apply(col("text"), col("language"));
        if (cache.rows() != null) {
            Dataset<Row> cached = cache.rows()
                    .select(
                            col(TermCache.TEXT_KEY).as(CACHED_KEY),
                            struct(col("terms"), col("english"), col("fragments"), lit(0))
                                    .as(CACHED));
            keyed = keyed.join(cached, col(TermCache.TEXT_KEY).equalTo(col(CACHED_KEY)), "left")
                    .drop(CACHED_KEY);
            // CASE WHEN evaluates the tagger only for the texts the cache does not hold.
            tagged = when(col(CACHED).isNull(), tagged).otherwise(col(CACHED).cast(EXTRACTION));
        } else {
            keyed = keyed.withColumn(CACHED, lit(null).cast(EXTRACTION));
        }
        return keyed.select(
                        col("id"),
                        col("source"),
                        tagged.as("x"),
                        col("text").isNull().or(trim(col("text")).equalTo("")).as("text_empty"),
                        col(TermCache.TEXT_KEY),
                        col(CACHED).isNotNull().as("cached"))
                .select(
                        col("id"),
                        col("source"),
                        col("x.terms").as("terms"),
                        col("x.english").as("english"),
                        col("x.fragments").as("fragments"),
                        col("x.annotated").as("annotated"),
                        col("text_empty"),
                        col(TermCache.TEXT_KEY),
                        col("cached"));
    }
}
