package io.needmap.pipeline.topics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.needmap.pipeline.config.BuildVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Terms of every text a run tagged, kept next to its model ({@code OUTPUT/term_cache}) so that the
 * next scheduled run ({@code --previous}) and {@code assign} tag only texts they have never seen: a
 * weekly export repeats almost every bio and every old post, and tagging is the pipeline's largest
 * cost.
 *
 * <p>A text is keyed by the SHA-256 of its language and its text as read (a changed bio is a new
 * text). Each row also carries the tagger it was tagged with: needmap's and CoreNLP's versions and
 * the settings that change what is extracted (NER, the text cut, the extra stop words). Rows of
 * another tagger are never used, so a new version or setting drops the cache as a whole, and the
 * manifest says so. The cache a run writes holds the texts of that run only, so it never outgrows
 * the audience.
 *
 * <p>Weakness: the join that finds cached texts shuffles every text once more by its key; on a first
 * run there is no cache and no join.
 */
public final class TermCache {
    /** Column: the text's key (SHA-256 of language and text). */
    static final String TEXT_KEY = "text_key";
    /** Column: what tagged the text ({@link #tagger}). */
    static final String TAGGER = "tagger";

    private final Dataset<Row> rows;
    private final String tagger;
    private final String dropped;

    private TermCache(Dataset<Row> rows, String tagger, String dropped) {
        this.rows = rows;
        this.tagger = tagger;
        this.dropped = dropped;
    }

    /** No cache: every text is tagged. */
    public static TermCache none(TopicOptions options) {
        return new TermCache(null, tagger(options), null);
    }

    /**
     * The cache saved at {@code path}, or none when there is no such folder; its rows of another
     * tagger are dropped (the reason is kept for the manifest).
     */
    public static TermCache open(SparkSession spark, String path, TopicOptions options) {
        String tagger = tagger(options);
        try {
            Path folder = new Path(path);
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(new Path(folder, "_SUCCESS"))) {
                return new TermCache(null, tagger, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset<Row> saved = spark.read().parquet(path);
        Row any = saved.select(TAGGER).limit(1).collectAsList().stream()
                .findFirst()
                .orElse(null);
        if (any == null) {
            return new TermCache(null, tagger, null);
        }
        if (!tagger.equals(any.getString(0))) {
            return new TermCache(null, tagger, "tagged by " + any.getString(0) + ", not " + tagger);
        }
        return new TermCache(saved.filter(col(TAGGER).equalTo(tagger)).drop(TAGGER), tagger, null);
    }

    /** The tagger's identity: versions and the settings that change a text's terms. */
    static String tagger(TopicOptions options) {
        Properties versions = BuildVersions.load();
        return "needmap " + versions.getProperty("needmap", "?") + ", corenlp "
                + versions.getProperty("corenlp", "?") + ", ner=" + options.ner() + ", max-text-chars="
                + options.maxTextChars() + ", stop-words=" + new TreeSet<>(options.extraStopWords()).hashCode();
    }

    /** The key of a text ({@code language} may be a null literal). */
    static Column key(Column text, Column language) {
        return sha2(concat_ws("\u0001", coalesce(language, lit("")), coalesce(text, lit(""))), 256);
    }

    /** Cached rows ({@code text_key}, terms, english, fragments), or null without a usable cache. */
    Dataset<Row> rows() {
        return rows;
    }

    String tagger() {
        return tagger;
    }

    /** Why a saved cache was not used (another tagger), or null. */
    public String dropped() {
        return dropped;
    }
}
