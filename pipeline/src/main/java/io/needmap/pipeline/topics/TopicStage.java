package io.needmap.pipeline.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage "topics": bios, posts and interest descriptions → terms ({@link TermExtractor}).
 *
 * <p>Outputs {@code account_terms} ({@code account_id, term, source} = bio|post, {@code count})
 * and {@code interest_terms} ({@code followed_id, term, count}, from an interest's name and
 * description), plus per source the number of texts read, not read as English (hashtags only)
 * and empty, for the manifest. Only an account's {@code maxPostsPerAccount} most recent posts are
 * read. Bios use the account's {@code language}; posts and interests carry none and get the
 * cheap check of {@link LanguageCheck}.
 *
 * <p>Texts are spread over {@code 4 × defaultParallelism} partitions before the extraction so
 * every core annotates, whatever the partitioning of the input Parquet. Extraction runs in a UDF
 * that reuses the JVM's one CoreNLP pipeline; its cost is linear in tokens (bounded per text by
 * {@code maxTextChars}) and its memory per task is one text's annotation.
 */
public final class TopicStage {

    /** Terms per account and per followed account, and text counts by source for the manifest. */
    public record Result(Dataset<Row> accountTerms, Dataset<Row> interestTerms, Dataset<Row> textCounts) {
    }

    private TopicStage() {
    }

    /**
     * @param accounts accepted accounts ({@code account_id, bio, language})
     * @param posts accepted posts, or null
     * @param interests accepted interests, or null
     */
    public static Result run(Dataset<Row> accounts, Dataset<Row> posts, Dataset<Row> interests, TopicOptions options) {
        Dataset<Row> accountTexts = accounts.select(col("account_id").as("id"), lit("bio").as("source"),
                col("bio").as("text"), col("language"));
        if (posts != null && options.maxPostsPerAccount() > 0) {
            Column recency = row_number().over(Window.partitionBy("account_id")
                    .orderBy(col("created_at").desc_nulls_last(), col("post_id")));
            accountTexts = accountTexts.unionByName(posts.withColumn("_recency", recency)
                    .filter(col("_recency").leq(options.maxPostsPerAccount()))
                    .select(col("account_id").as("id"), lit("post").as("source"), col("text"),
                            lit(null).cast("string").as("language")));
        }
        // Read twice (terms, then the text counts): keep the most-recent-posts window from running twice.
        accountTexts = accountTexts.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> interestTexts = interests == null
                ? accounts.sparkSession().emptyDataFrame().select(lit("").as("id"), lit("interest").as("source"),
                        lit("").as("text"), lit("").as("language"))
                : interests.select(col("followed_id").as("id"), lit("interest").as("source"),
                        concat_ws(". ", col("name"), col("description")).as("text"),
                        lit(null).cast("string").as("language"));

        Dataset<Row> accountTerms = terms(accountTexts, options)
                .groupBy(col("id").as("account_id"), col("term"), col("source")).agg(sum("count").as("count"));
        Dataset<Row> interestTerms = terms(interestTexts, options)
                .groupBy(col("id").as("followed_id"), col("term")).agg(sum("count").as("count"));
        return new Result(accountTerms, interestTerms, textCounts(accountTexts.unionByName(interestTexts)));
    }

    private static Dataset<Row> terms(Dataset<Row> texts, TopicOptions options) {
        TermExtractor extractor = new TermExtractor(options);
        UserDefinedFunction extract = udf((UDF2<String, String, java.util.Map<String, Integer>>) extractor::extract,
                DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false));
        int partitions = 4 * texts.sparkSession().sparkContext().defaultParallelism();
        return texts.repartition(partitions)
                .select(col("id"), col("source"), explode(extract.apply(col("text"), col("language"))).as(
                        new String[] {"term", "count"}));
    }

    private static Dataset<Row> textCounts(Dataset<Row> texts) {
        UserDefinedFunction english = udf((UDF2<String, String, Boolean>) TermExtractor::readsAsEnglish,
                DataTypes.BooleanType);
        Column empty = col("text").isNull().or(org.apache.spark.sql.functions.trim(col("text")).equalTo(""));
        return texts.groupBy("source").agg(count(lit(1)).as("texts"),
                sum(when(english.apply(col("text"), col("language")), 0).otherwise(1)).as("non_english"),
                sum(when(empty, 1).otherwise(0)).as("empty"));
    }
}
