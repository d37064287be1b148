package io.needmap.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns what we know about an account into feature occurrences ({@code account_id, feature,
 * weight}), the one shape {@link FeatureStage} consumes. Feature names carry their source as a
 * prefix so that follows and text terms share one vocabulary without colliding.
 */
public final class FeatureSources {
    public static final String FOLLOW_PREFIX = "follow:";
    public static final String TERM_PREFIX = "term:";

    private FeatureSources() {
    }

    /** Each follow is one occurrence of weight 1: the account follows {@code followed_id}. */
    public static Dataset<Row> follows(Dataset<Row> follows) {
        return follows.select(col("account_id"), concat(lit(FOLLOW_PREFIX), col("followed_id")).as("feature"),
                lit(1.0).as("weight"));
    }
}
