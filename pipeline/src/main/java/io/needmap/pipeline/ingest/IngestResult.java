package io.needmap.pipeline.ingest;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What ingest hands on: the accepted rows of each table present (typed); every rejected row of every
 * table ({@link #TABLE}, {@link #RECORD}, {@link #REASON}); one repair per accepted row and column
 * read as empty or kept though suspect ({@link #TABLE}, {@link #KEY}, {@link #COLUMN},
 * {@link #RAW_VALUE}, {@link #REASON}); and {@code repairedRows}, the number of accepted rows with at
 * least one repair per table ({@link #TABLE}, {@code count}).
 *
 * <p>{@code rejects}, {@code repairs} and {@code repairedRows} read one cached dataset of the flagged
 * rows; clear Spark's cache once they are written and counted.
 */
public record IngestResult(
        Map<Table, Dataset<Row>> accepted, Dataset<Row> rejects, Dataset<Row> repairs, Dataset<Row> repairedRows) {
    /** The input table's file name, without extension. */
    public static final String TABLE = "table";
    /** The rejected record: the row as JSON, or the unparsed text of a malformed record. */
    public static final String RECORD = "record";
    /** Why the row was rejected, or why the column was repaired: one phrase. */
    public static final String REASON = "reason";
    /**
     * The repaired row's key: accounts {@code account_id}; follows {@code account_id→followed_id};
     * interests {@code followed_id}; assets {@code asset_id}; posts {@code post_id}, else {@code account_id}.
     */
    public static final String KEY = "key";
    /** The repaired column. */
    public static final String COLUMN = "column";
    /** The repaired column's value as read. */
    public static final String RAW_VALUE = "raw_value";
}
