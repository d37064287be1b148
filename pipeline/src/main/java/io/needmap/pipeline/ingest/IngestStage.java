package io.needmap.pipeline.ingest;

import static io.needmap.pipeline.ingest.RowRules.bool;
import static io.needmap.pipeline.ingest.RowRules.dateOrTimestamp;
import static io.needmap.pipeline.ingest.RowRules.duplicateOf;
import static io.needmap.pipeline.ingest.RowRules.firstFailure;
import static io.needmap.pipeline.ingest.RowRules.integer;
import static io.needmap.pipeline.ingest.RowRules.malformed;
import static io.needmap.pipeline.ingest.RowRules.nonNegativeInteger;
import static io.needmap.pipeline.ingest.RowRules.present;
import static io.needmap.pipeline.ingest.RowRules.timestamp;
import static io.needmap.pipeline.ingest.RowRules.trimmed;
import static io.needmap.pipeline.ingest.RowRules.trueOrFalse;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage 1: validates every row of the input tables and splits it into accepted (typed) rows and
 * quarantined rejects with a reason.
 *
 * <p>Rules, first failure wins: malformed record; empty key; counts that are not non-negative
 * integers; dates that are not valid ISO dates or timestamps; {@code verified} not true/false;
 * follows and posts whose account is not an accepted account; follows with an empty
 * {@code followed_id}; duplicates (the first valid row of a key is kept). Foreign keys are checked
 * against accepted accounts, so follows of a rejected account are rejected too.
 */
public final class IngestStage {
    private static final String REASON = "_reason";
    private static final String KNOWN = "_known_account";
    private static final String REJECTED_RECORD = "_rejected_record";

    private IngestStage() {
    }

    public static IngestResult run(InputReader reader) {
        Map<Table, Dataset<Row>> accepted = new EnumMap<>(Table.class);
        Dataset<Row> rejects = null;
        for (Table table : Table.values()) {
            Dataset<Row> raw = reader.read(table);
            if (raw == null) {
                continue;
            }
            // Cached as it is written (accepted typed values, a reject's reason and record), not as
            // read: fewer columns to encode, and no rule or JSON rendering evaluated twice.
            List<Column> kept = new ArrayList<>(typedColumns(table));
            kept.add(col(REASON));
            kept.add(when(col(REASON).isNotNull(), rejectedRecord(table)).as(REJECTED_RECORD));
            Dataset<Row> classified = classify(table, raw, accepted.get(Table.ACCOUNTS))
                    .select(kept.toArray(Column[]::new))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            accepted.put(table, classified.filter(col(REASON).isNull()).drop(REASON, REJECTED_RECORD));
            Dataset<Row> tableRejects = classified.filter(col(REASON).isNotNull())
                    .select(lit(table.fileName()).as("table"), col(REJECTED_RECORD).as("record"),
                            col(REASON).as("reason"));
            rejects = rejects == null ? tableRejects : rejects.unionAll(tableRejects);
        }
        return new IngestResult(accepted, rejects);
    }

    /** The unparsed text of a malformed record, else the row as read, as JSON. */
    private static Column rejectedRecord(Table table) {
        return coalesce(col(InputReader.RECORD),
                to_json(struct(table.columns().stream().map(c -> col(c)).toArray(Column[]::new))));
    }

    /** Adds the reason column (null for a good row); {@code accounts} is needed for foreign keys. */
    static Dataset<Row> classify(Table table, Dataset<Row> raw, Dataset<Row> accounts) {
        return switch (table) {
            case ACCOUNTS -> withDuplicates(raw, firstFailure(malformed(), present("account_id"),
                    nonNegativeInteger("followers_count"), nonNegativeInteger("following_count"),
                    nonNegativeInteger("posts_count"), dateOrTimestamp("created_at"), trueOrFalse("verified")),
                    "duplicate account_id (its first valid row is kept)", "account_id");
            case FOLLOWS -> withDuplicates(withKnownAccount(raw, accounts), firstFailure(malformed(),
                    present("account_id"), present("followed_id"), unknownAccount()),
                    "duplicate follow (same account_id and followed_id)", "account_id", "followed_id");
            case INTERESTS -> withDuplicates(raw, firstFailure(malformed(), present("followed_id")),
                    "duplicate followed_id (its first valid row is kept)", "followed_id");
            case POSTS -> withKnownAccount(raw, accounts).withColumn(REASON, firstFailure(malformed(),
                    present("account_id"), unknownAccount(), dateOrTimestamp("created_at"),
                    nonNegativeInteger("likes"), nonNegativeInteger("replies"), nonNegativeInteger("shares")));
        };
    }

    private static Dataset<Row> withDuplicates(Dataset<Row> raw, Column reason, String message, String... keys) {
        Dataset<Row> withReason = raw.withColumn(REASON, reason);
        return withReason.withColumn(REASON, firstFailure(col(REASON), duplicateOf(col(REASON), message, keys)));
    }

    private static Dataset<Row> withKnownAccount(Dataset<Row> raw, Dataset<Row> accounts) {
        // Broadcast: the account ids are a small table next to follows and posts; a shuffle join would
        // move every follow across partitions once more (the duplicate check already shuffles it).
        Dataset<Row> known = broadcast(accounts.select(col("account_id").as("_known_id"), lit(true).as(KNOWN)));
        return raw.join(known, trimmed("account_id").equalTo(col("_known_id")), "left").drop("_known_id");
    }

    private static Column unknownAccount() {
        return when(col(KNOWN).isNull(), lit("account_id not in accounts"));
    }

    /** The accepted table's columns, typed, from the raw text columns. */
    private static List<Column> typedColumns(Table table) {
        return switch (table) {
            case ACCOUNTS -> List.of(trimmed("account_id").as("account_id"), col("handle"), col("display_name"),
                    col("bio"), col("location"), lower(trimmed("language")).as("language"),
                    integer("followers_count").as("followers_count"), integer("following_count").as("following_count"),
                    integer("posts_count").as("posts_count"), timestamp("created_at").as("created_at"),
                    bool("verified").as("verified"));
            case FOLLOWS -> List.of(trimmed("account_id").as("account_id"), trimmed("followed_id").as("followed_id"));
            case INTERESTS -> List.of(trimmed("followed_id").as("followed_id"), col("name"), col("category"),
                    col("description"));
            case POSTS -> List.of(trimmed("post_id").as("post_id"), trimmed("account_id").as("account_id"),
                    timestamp("created_at").as("created_at"), col("text"), integer("likes").as("likes"),
                    integer("replies").as("replies"), integer("shares").as("shares"));
        };
    }
}
