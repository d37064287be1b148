package io.needmap.pipeline.features;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static io.needmap.pipeline.output.Columns.TERM;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;

import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.StageContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns what we know about an account into feature occurrences ({@code account_id, feature,
 * weight}), the one shape {@link FeatureEstimator} consumes. Feature names carry their source as a
 * prefix so that follows and text terms share one vocabulary without colliding.
 */
public final class FeatureSources {
    public static final String FOLLOW_PREFIX = "follow:";
    public static final String TERM_PREFIX = "term:";
    /** A group of related terms ({@link TermConcepts}): {@code concept:<id>}. */
    public static final String CONCEPT_PREFIX = "concept:";
    /** One dimension of an account's term vector ({@link TermConceptModel}): {@code term-vector:<i>}. */
    public static final String TERM_VECTOR_PREFIX = "term-vector:";

    public static final String FOLLOWED_TERM_PREFIX = "followed-term:";

    private FeatureSources() {}

    /** The occurrences' schema: {@code account_id, feature, weight}. */
    public static StructType occurrenceSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(ACCOUNT_ID, DataTypes.StringType, false),
                DataTypes.createStructField("feature", DataTypes.StringType, false),
                DataTypes.createStructField("weight", DataTypes.DoubleType, false)));
    }

    /**
     * Every occurrence the features are built from: the members' {@code follows}, and with their
     * weights ({@code topics.term-weight}, {@code features.followed-term-weight}) their own terms
     * and the terms of what they follow, where the topics stage wrote them.
     */
    public static Dataset<Row> of(StageContext context, Dataset<Row> follows) {
        OutputLayout layout = context.layout();
        Dataset<Row> occurrences = follows(follows);
        double termWeight = context.config().topics().termWeight();
        if (termWeight > 0 && context.exists(layout.accountTerms())) {
            occurrences = occurrences.unionByName(terms(context.read(layout.accountTerms()), termWeight));
        }
        double followedTermWeight = context.config().features().followedTermWeight();
        if (followedTermWeight > 0 && context.exists(layout.interestTerms())) {
            occurrences = occurrences.unionByName(
                    followedTerms(follows, context.read(layout.interestTerms()), followedTermWeight));
        }
        return occurrences;
    }

    /** Each follow is one occurrence of weight 1: the account follows {@code followed_id}. */
    public static Dataset<Row> follows(Dataset<Row> follows) {
        return follows.select(
                col(ACCOUNT_ID), concat(lit(FOLLOW_PREFIX), col(FOLLOWED_ID)).as("feature"), lit(1.0).as("weight"));
    }

    /**
     * Terms of an account's bio and posts ({@code account_id, term, count}, one row per account and
     * term as the topics stage writes them), with
     * sublinear term frequency: {@code weight × (1 + ln count)} (Manning, Raghavan &amp; Schütze,
     * Introduction to Information Retrieval, 2008, §6.4.1), so a word repeated in thirty posts
     * does not outweigh everything the account follows.
     */
    public static Dataset<Row> terms(Dataset<Row> accountTerms, double weight) {
        return accountTerms.select(
                col(ACCOUNT_ID),
                concat(lit(TERM_PREFIX), col(TERM)).as("feature"),
                lit(weight).multiply(lit(1.0).plus(log(col("count")))).as("weight"));
    }

    /**
     * Terms of what an account follows: the terms of the interest descriptions
     * ({@code followed_id, term, count}, as the topics stage writes them) of every account it
     * follows, one occurrence per account and term of weight {@code weight × (1 + ln n)}, n the
     * followed accounts whose description carries the term. Why: most followed accounts are
     * followed by a handful of members, so two members who follow different indie bands share no
     * follow, but their bands' descriptions share "indie"; the descriptions relate what exact
     * follows cannot.
     */
    public static Dataset<Row> followedTerms(Dataset<Row> follows, Dataset<Row> interestTerms, double weight) {
        return follows.select(ACCOUNT_ID, FOLLOWED_ID)
                .join(interestTerms.select(FOLLOWED_ID, TERM), "followed_id")
                .groupBy(ACCOUNT_ID, TERM)
                .agg(count(lit(1)).as("n"))
                .select(
                        col(ACCOUNT_ID),
                        concat(lit(FOLLOWED_TERM_PREFIX), col(TERM)).as("feature"),
                        lit(weight).multiply(lit(1.0).plus(log(col("n")))).as("weight"));
    }
}
