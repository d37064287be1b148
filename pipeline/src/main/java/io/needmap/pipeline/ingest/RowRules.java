package io.needmap.pipeline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_multiply;
import static org.apache.spark.sql.functions.when;

import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column expressions that judge a raw row, in two kinds.
 *
 * <p>Rejection rules name what makes a row unusable (no key, malformed, a duplicate), or yield
 * null when the rule holds. A row's reason is the first rule that fails ({@link #firstFailure}), so
 * each rejected row carries exactly one reason and accepted + rejected always equals read.
 *
 * <p>{@link Reading}s type one column of a row that is kept whatever the column holds: its value
 * (null when empty or unreadable) and its problem (why a non-empty raw value could not be read, or
 * why it is suspect), which becomes a repair. Text with U+FFFD, the character {@link InputReader}
 * puts in place of bytes that are not UTF-8, keeps its decoded value: one bad byte must not empty a
 * bio.
 */
final class RowRules {
    /** Digits with optional {@code ,} or space thousands separators in groups of three. */
    private static final String DIGITS = "[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:[ \u00A0\u202F][0-9]{3})+|[0-9]+";
    /** A count as exports write it: {@code 1,234}, {@code +5}, {@code 12.0}, {@code 12k}, {@code 1.2M}, {@code 3.4bn}. */
    private static final String COUNT = "(?i)^\\+?((?:" + DIGITS + ")(?:\\.[0-9]+)?)\\s*(k|m|bn|b)?$";

    private static final String NEGATIVE_COUNT = "(?i)^-(?:" + DIGITS + ")(?:\\.[0-9]+)?\\s*(?:k|m|bn|b)?$";
    private static final Column MULTIPLIER = map(
            lit("k"),
            lit(1_000L),
            lit("m"),
            lit(1_000_000L),
            lit("b"),
            lit(1_000_000_000L),
            lit("bn"),
            lit(1_000_000_000L));
    private static final String UNDECODABLE = "\uFFFD";

    private RowRules() {}

    /**
     * One column of the accepted table: {@code value} typed from the raw text, and its problem, the
     * repair reason (null when the raw value is empty or read as it is), given the typed value as a
     * column: the caller computes each value once and passes a reference to it.
     */
    record Reading(String column, Column value, UnaryOperator<Column> problemOf) {}

    static Column firstFailure(Column... reasons) {
        return coalesce(reasons);
    }

    static Column malformed() {
        return when(
                col(InputReader.MALFORMED),
                lit("malformed record: wrong number of fields, broken quoting or a truncated line"));
    }

    static Column isBlank(String column) {
        return col(column).isNull().or(trim(col(column)).equalTo(""));
    }

    static Column present(String column) {
        return when(isBlank(column), lit("empty " + column));
    }

    /** Flags all but the first valid row of each key: invalid rows never shadow a valid duplicate. */
    static Column duplicateOf(Column reasonSoFar, String message, String... keyColumns) {
        Column[] keys = new Column[keyColumns.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = trimmed(keyColumns[i]);
        }
        Column rank = row_number()
                .over(Window.partitionBy(keys).orderBy(reasonSoFar.isNull().desc(), col(InputReader.ROW_NUMBER)));
        return when(reasonSoFar.isNull().and(rank.gt(1)), lit(message));
    }

    static Column trimmed(String column) {
        return when(isBlank(column), lit(null).cast(DataTypes.StringType)).otherwise(trim(col(column)));
    }

    /** Free text, as read. */
    static Reading text(String column) {
        return new Reading(column, col(column), value -> undecodable(column));
    }

    /** An id or code: trimmed, null when blank. */
    static Reading key(String column) {
        return new Reading(column, trimmed(column), value -> undecodable(column));
    }

    /** A language code: trimmed and lower-cased, null when blank. */
    static Reading code(String column) {
        return new Reading(column, lower(trimmed(column)), value -> undecodable(column));
    }

    /**
     * A non-negative count as a long. Besides plain digits it reads the formats exports and scraped
     * profiles use: a leading {@code +}, {@code ,} or space thousands separators ({@code 1,234},
     * {@code 1 234}), a decimal part that is zero ({@code 12.0}) and the suffixes k, M, B or bn
     * ({@code 12k} = 12000, {@code 1.2M} = 1200000, {@code 3.4bn} = 3400000000), case-insensitively.
     * Anything else (a negative, a fraction, {@code n/a}, {@code 1,2k}, beyond a long) reads as null
     * with a problem. Decimal arithmetic, so {@code 3.4B} is exact.
     */
    static Reading count(String column) {
        Column raw = trimmed(column);
        Column mantissa = regexp_replace(regexp_extract(raw, COUNT, 1), "[^0-9.]", "")
                .try_cast(DataTypes.createDecimalType(38, 10));
        Column multiplier = coalesce(try_element_at(MULTIPLIER, lower(regexp_extract(raw, COUNT, 2))), lit(1L));
        Column number = try_multiply(mantissa, multiplier);
        Column whole = number.try_cast(DataTypes.LongType);
        return new Reading(
                column,
                when(whole.equalTo(number), whole),
                value -> when(
                        raw.isNotNull().and(value.isNull()),
                        when(raw.rlike(NEGATIVE_COUNT), concat(lit(column + " is negative: "), col(column)))
                                .otherwise(concat(lit(column + " is not a whole number: '"), col(column), lit("'")))));
    }

    /** An ISO date or timestamp; an impossible one ({@code 2023-02-30}) reads as null with a problem. */
    static Reading dateOrTimestamp(String column) {
        return new Reading(
                column,
                trimmed(column).try_cast(DataTypes.TimestampType),
                value -> unreadable(column, value, " is not a valid ISO date or timestamp: '"));
    }

    /** true or false in any case; anything else reads as null with a problem. */
    static Reading trueOrFalse(String column) {
        Column raw = lower(trimmed(column));
        return new Reading(
                column,
                when(raw.equalTo("true"), lit(true)).when(raw.equalTo("false"), lit(false)),
                value -> unreadable(column, value, " is not true or false: '"));
    }

    private static Column unreadable(String column, Column value, String message) {
        return when(
                trimmed(column).isNotNull().and(value.isNull()), concat(lit(column + message), col(column), lit("'")));
    }

    private static Column undecodable(String column) {
        return when(
                col(column).contains(UNDECODABLE),
                lit(column + " is not valid UTF-8: undecodable bytes read as U+FFFD"));
    }
}
