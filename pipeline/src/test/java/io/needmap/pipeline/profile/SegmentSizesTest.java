package io.needmap.pipeline.profile;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SegmentSizesTest {

    /** Three segments of 3, 1 and 2 accounts under a floor of 2: segment 1 is not published. */
    @Test
    void sizesAndPublicationAreLookedUpFromOneCount() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> segmented = spark.sql("""
                select * from values ('a', 0), ('b', 0), ('c', 0), ('d', 1), ('e', 2), ('f', 2)
                as t(account_id, segment_id)""");
        SegmentSizes sizes = SegmentSizes.of(segmented, new PrivacyFloor(2));
        assertEquals(6, sizes.population());

        List<Row> looked = spark.sql("""
                        select * from values (0, 1), (1, cast(null as int)), (2, 0), (3, 2)
                        as t(segment_id, second_segment_id)""")
                .select(
                        col("segment_id"),
                        sizes.size(),
                        sizes.published(col("segment_id")),
                        sizes.published(col("second_segment_id")))
                .orderBy("segment_id")
                .collectAsList();
        assertEquals(
                List.of(
                        RowFactory.create(0, 3L, true, false),
                        RowFactory.create(1, 1L, false, null),
                        RowFactory.create(2, 2L, true, true),
                        RowFactory.create(3, null, false, true)),
                looked,
                "size, published, second segment published; segment 3 is unknown, a null id is neither");
    }
}
