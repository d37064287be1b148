package io.needmap.pipeline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column expressions that name what is wrong with a raw row, or yield null when the rule holds.
 * A row's reason is the first rule that fails ({@link #firstFailure}), so each rejected row
 * carries exactly one reason and accepted + rejected always equals read.
 */
final class RowRules {
    private static final String INTEGER = "^\\s*\\+?[0-9]+\\s*$";
    private static final String NEGATIVE_INTEGER = "^\\s*-[0-9]+\\s*$";

    private RowRules() {
    }

    static Column firstFailure(Column... reasons) {
        return coalesce(reasons);
    }

    static Column malformed() {
        return when(col(InputReader.MALFORMED),
                lit("malformed record: wrong number of fields, broken quoting or a truncated line"));
    }

    static Column isBlank(String column) {
        return col(column).isNull().or(trim(col(column)).equalTo(""));
    }

    static Column present(String column) {
        return when(isBlank(column), lit("empty " + column));
    }

    static Column nonNegativeInteger(String column) {
        Column value = col(column);
        return when(isBlank(column), lit(null))
                .when(value.rlike(NEGATIVE_INTEGER), concat(lit(column + " is negative: "), value))
                .when(value.rlike(INTEGER).and(trimmed(column).try_cast(DataTypes.LongType).isNotNull()), lit(null))
                .otherwise(concat(lit(column + " is not a non-negative integer: '"), value, lit("'")));
    }

    static Column dateOrTimestamp(String column) {
        return when(not(isBlank(column)).and(timestamp(column).isNull()),
                concat(lit(column + " is not a valid ISO date or timestamp: '"), col(column), lit("'")));
    }

    static Column trueOrFalse(String column) {
        return when(not(isBlank(column)).and(bool(column).isNull()),
                concat(lit(column + " is not true or false: '"), col(column), lit("'")));
    }

    /** Flags all but the first valid row of each key: invalid rows never shadow a valid duplicate. */
    static Column duplicateOf(Column reasonSoFar, String message, String... keyColumns) {
        Column[] keys = new Column[keyColumns.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = trimmed(keyColumns[i]);
        }
        Column rank = row_number().over(Window.partitionBy(keys)
                .orderBy(reasonSoFar.isNull().desc(), col(InputReader.ROW_NUMBER)));
        return when(reasonSoFar.isNull().and(rank.gt(1)), lit(message));
    }

    static Column trimmed(String column) {
        return when(isBlank(column), lit(null).cast(DataTypes.StringType)).otherwise(trim(col(column)));
    }

    static Column integer(String column) {
        return trimmed(column).try_cast(DataTypes.LongType);
    }

    static Column timestamp(String column) {
        return trimmed(column).try_cast(DataTypes.TimestampType);
    }

    static Column bool(String column) {
        Column value = lower(trimmed(column));
        return when(value.equalTo("true"), lit(true)).when(value.equalTo("false"), lit(false));
    }
}
