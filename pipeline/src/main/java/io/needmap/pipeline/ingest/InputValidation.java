package io.needmap.pipeline.ingest;

import static io.needmap.pipeline.ingest.IngestResult.COLUMN;
import static io.needmap.pipeline.ingest.IngestResult.KEY;
import static io.needmap.pipeline.ingest.IngestResult.RAW_VALUE;
import static io.needmap.pipeline.ingest.IngestResult.REASON;
import static io.needmap.pipeline.ingest.IngestResult.RECORD;
import static io.needmap.pipeline.ingest.IngestResult.TABLE;
import static io.needmap.pipeline.ingest.RowRules.code;
import static io.needmap.pipeline.ingest.RowRules.count;
import static io.needmap.pipeline.ingest.RowRules.dateOrTimestamp;
import static io.needmap.pipeline.ingest.RowRules.duplicateOf;
import static io.needmap.pipeline.ingest.RowRules.firstFailure;
import static io.needmap.pipeline.ingest.RowRules.key;
import static io.needmap.pipeline.ingest.RowRules.malformed;
import static io.needmap.pipeline.ingest.RowRules.present;
import static io.needmap.pipeline.ingest.RowRules.text;
import static io.needmap.pipeline.ingest.RowRules.trimmed;
import static io.needmap.pipeline.ingest.RowRules.trueOrFalse;
import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.ingest.RowRules.Reading;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What the ingest stage ({@link Ingest}) does: validates every row of the input tables and splits it into accepted (typed) rows and
 * quarantined rejects with a reason, and records every repair made to an accepted row.
 *
 * <p>Only a row without a usable key is rejected, first failure wins: malformed record; empty key
 * ({@code account_id}, {@code followed_id} of interests, {@code asset_id} of assets);
 * follows and posts whose account is not an accepted account; follows with an empty
 * {@code followed_id}; duplicates (the first valid row of a key is kept). Foreign keys are checked
 * against accepted accounts. Any other field that cannot be read (a count that is not a
 * non-negative whole number in a common format, an impossible date, {@code verified} other than
 * true/false) is read as null and the row kept, with a repair naming column, raw value and reason;
 * text holding U+FFFD (bytes that were not UTF-8) is kept as decoded, with a repair too. See
 * {@link RowRules}.
 */
public final class InputValidation {
    private static final String REJECT_REASON = "_reason";
    private static final String KNOWN = "_known_account";
    private static final String REJECTED_RECORD = "_rejected_record";
    private static final String REPAIRS = "_repairs";
    private static final String REPAIR = "_repair";
    private static final String VALUE = "_value_";
    private static final String PROBLEM = "_problem_";

    private InputValidation() {}

    public static IngestResult run(InputReader reader) {
        Map<Table, Dataset<Row>> accepted = new EnumMap<>(Table.class);
        Dataset<Row> flagged = null;
        for (Table table : Table.values()) {
            Dataset<Row> raw = reader.read(table);
            if (raw == null) {
                continue;
            }
            Dataset<Row> classified = classified(table, raw, accepted.get(Table.ACCOUNTS));
            Column isAccepted = col(REJECT_REASON).isNull();
            accepted.put(table, classified.filter(isAccepted).drop(REJECT_REASON, REJECTED_RECORD, REPAIRS));
            Dataset<Row> tableFlagged = classified
                    .filter(not(isAccepted).or(col(REPAIRS).isNotNull()))
                    .select(
                            lit(table.fileName()).as(TABLE),
                            repairKey(table).as(KEY),
                            col(REJECTED_RECORD),
                            col(REJECT_REASON),
                            col(REPAIRS));
            flagged = flagged == null ? tableFlagged : flagged.unionAll(tableFlagged);
        }
        // The rows rejected or repaired, usually few: cached so that the rejects, the repairs and their
        // counts each read them, not the whole of every table again; in as many partitions as cores,
        // not the sum of the tables' partitions, so that each of those reads is a handful of tasks.
        flagged = flagged.coalesce(flagged.sparkSession().sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> rejects = flagged.filter(col(REJECT_REASON).isNotNull())
                .select(
                        col(TABLE),
                        col(REJECTED_RECORD).as(RECORD),
                        col(REJECT_REASON).as(REASON));
        Dataset<Row> repaired = flagged.filter(col(REPAIRS).isNotNull());
        Dataset<Row> repairs = repaired.select(
                        col(TABLE), col(KEY), explode(col(REPAIRS)).as(REPAIR))
                .select(
                        col(TABLE),
                        col(KEY),
                        col(REPAIR + "." + COLUMN),
                        col(REPAIR + "." + RAW_VALUE),
                        col(REPAIR + "." + REASON));
        return new IngestResult(
                accepted, rejects, repairs, repaired.groupBy(TABLE).count());
    }

    /**
     * The table as it is written, cached: accepted typed values and repairs, a reject's reason and
     * record. Cached so, not as read: fewer columns to encode, and no rule or JSON rendering evaluated
     * twice. Each typed value and each problem is a column of its own, referenced by name after: Spark
     * does not merge projections where that would repeat an expensive expression, so a count's regular
     * expressions run once per row and appear once in the plan.
     */
    private static Dataset<Row> classified(Table table, Dataset<Row> raw, Dataset<Row> accounts) {
        List<Reading> readings = readings(table);
        Map<String, Column> values = new LinkedHashMap<>();
        Map<String, Column> problems = new LinkedHashMap<>();
        for (Reading r : readings) {
            values.put(VALUE + r.column(), r.value());
            problems.put(PROBLEM + r.column(), r.problemOf().apply(col(VALUE + r.column())));
        }
        Column isAccepted = col(REJECT_REASON).isNull();
        List<Column> kept = new ArrayList<>(readings.stream()
                .map(r -> col(VALUE + r.column()).as(r.column()))
                .toList());
        kept.add(col(REJECT_REASON));
        kept.add(when(not(isAccepted), rejectedRecord(table)).as(REJECTED_RECORD));
        kept.add(when(isAccepted.and(anyProblem(readings)), repairs(readings)).as(REPAIRS));
        return classify(table, raw, accounts)
                .withColumns(values)
                .withColumns(problems)
                .select(kept.toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The unparsed text of a malformed record, else the row as read, as JSON. */
    private static Column rejectedRecord(Table table) {
        return coalesce(
                col(InputReader.RECORD),
                to_json(struct(table.columns().stream().map(c -> col(c)).toArray(Column[]::new))));
    }

    private static Column anyProblem(List<Reading> readings) {
        return readings.stream()
                .map(r -> col(PROBLEM + r.column()).isNotNull())
                .reduce(Column::or)
                .orElseThrow();
    }

    /** One {@code column, raw_value, reason} per column with a problem. */
    private static Column repairs(List<Reading> readings) {
        return array_compact(array(readings.stream()
                .map(r -> when(
                        col(PROBLEM + r.column()).isNotNull(),
                        struct(
                                lit(r.column()).as(COLUMN),
                                col(r.column()).as(RAW_VALUE),
                                col(PROBLEM + r.column()).as(REASON))))
                .toArray(Column[]::new)));
    }

    /** A repaired row's key, from the typed columns; see {@link IngestResult#KEY}. */
    private static Column repairKey(Table table) {
        return switch (table) {
            case ACCOUNTS -> col(ACCOUNT_ID);
            case FOLLOWS -> concat(col(ACCOUNT_ID), lit("→"), col(FOLLOWED_ID));
            case INTERESTS -> col(FOLLOWED_ID);
            case POSTS -> coalesce(col("post_id"), col(ACCOUNT_ID));
            case ASSETS -> col("asset_id");
        };
    }

    /** Adds the reason column (null for a good row); {@code accounts} is needed for foreign keys. */
    static Dataset<Row> classify(Table table, Dataset<Row> raw, Dataset<Row> accounts) {
        return switch (table) {
            case ACCOUNTS ->
                withDuplicates(
                        raw,
                        firstFailure(malformed(), present(ACCOUNT_ID)),
                        "duplicate account_id (its first valid row is kept)",
                        ACCOUNT_ID);
            case FOLLOWS ->
                withDuplicates(
                        withKnownAccount(raw, accounts),
                        firstFailure(malformed(), present(ACCOUNT_ID), present("followed_id"), unknownAccount()),
                        "duplicate follow (same account_id and followed_id)",
                        ACCOUNT_ID,
                        "followed_id");
            case INTERESTS ->
                withDuplicates(
                        raw,
                        firstFailure(malformed(), present("followed_id")),
                        "duplicate followed_id (its first valid row is kept)",
                        "followed_id");
            case POSTS ->
                withKnownAccount(raw, accounts)
                        .withColumn(REJECT_REASON, firstFailure(malformed(), present(ACCOUNT_ID), unknownAccount()));
            case ASSETS ->
                withDuplicates(
                        raw,
                        firstFailure(malformed(), present("asset_id")),
                        "duplicate asset_id (its first valid row is kept)",
                        "asset_id");
        };
    }

    private static Dataset<Row> withDuplicates(Dataset<Row> raw, Column reason, String message, String... keys) {
        Dataset<Row> withReason = raw.withColumn(REJECT_REASON, reason);
        return withReason.withColumn(
                REJECT_REASON, firstFailure(col(REJECT_REASON), duplicateOf(col(REJECT_REASON), message, keys)));
    }

    private static Dataset<Row> withKnownAccount(Dataset<Row> raw, Dataset<Row> accounts) {
        // Broadcast: the account ids are a small table next to follows and posts; a shuffle join would
        // move every follow across partitions once more (the duplicate check already shuffles it).
        Dataset<Row> known = broadcast(
                accounts.select(col(ACCOUNT_ID).as("_known_id"), lit(true).as(KNOWN)));
        return raw.join(known, trimmed(ACCOUNT_ID).equalTo(col("_known_id")), "left")
                .drop("_known_id");
    }

    private static Column unknownAccount() {
        return when(col(KNOWN).isNull(), lit("account_id not in accounts"));
    }

    /** How each column of the accepted table is read from the raw text columns. */
    private static List<Reading> readings(Table table) {
        return switch (table) {
            case ACCOUNTS ->
                List.of(
                        key(ACCOUNT_ID),
                        text("handle"),
                        text("display_name"),
                        text("bio"),
                        text("location"),
                        code("language"),
                        count("followers_count"),
                        count("following_count"),
                        count("posts_count"),
                        dateOrTimestamp("created_at"),
                        trueOrFalse("verified"));
            case FOLLOWS -> List.of(key(ACCOUNT_ID), key("followed_id"));
            case INTERESTS -> List.of(key("followed_id"), text("name"), text("category"), text("description"));
            case POSTS ->
                List.of(
                        key("post_id"),
                        key(ACCOUNT_ID),
                        dateOrTimestamp("created_at"),
                        text("text"),
                        count("likes"),
                        count("replies"),
                        count("shares"));
            case ASSETS ->
                List.of(key("asset_id"), text("name"), text("kind"), text("description"), key("followed_id"));
        };
    }
}
