package io.needmap.pipeline.evaluate;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether two runs put every account in the same segment, number for number: the check that a
 * cluster run reproduces a laptop run of the same input and seed. Stricter than the adjusted Rand
 * index on purpose: needmap numbers segments by size, so a relabelled run already means the
 * results drifted.
 */
public final class SameMemberships {

    private SameMemberships() {}

    /**
     * @return accounts in only one of the two {@code account_id, segment_id} tables or with a
     *     different segment in each (0 when the runs agree)
     */
    public static long differences(Dataset<Row> left, Dataset<Row> right) {
        Dataset<Row> a = left.select(col(ACCOUNT_ID), col(SEGMENT_ID).as("left_segment"));
        Dataset<Row> b = right.select(col(ACCOUNT_ID), col(SEGMENT_ID).as("right_segment"));
        return a.join(b, new String[] {ACCOUNT_ID}, "full_outer")
                .filter(not(col("left_segment").eqNullSafe(col("right_segment"))))
                .count();
    }
}
