package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class DistinctiveItemsTest {

    /**
     * Segment 0 has 40 of 400 accounts. "rare" is followed by 3 of its members and nobody else
     * (lift 10); "solid" by 30 of its members and 30 others (lift 5). Lift alone puts "rare"
     * first; the shrunk log-odds must put "solid" first.
     */
    @Test
    void evidenceBeatsRawLiftInTheRanking() {
        SparkSession spark = SparkTestSession.get();
        List<Row> members = new ArrayList<>();
        List<Row> follows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = "a" + i;
            int segment = i < 40 ? 0 : 1;
            members.add(RowFactory.create(id, segment));
            if (segment == 0 && i < 3) {
                follows.add(RowFactory.create(id, "rare"));
            }
            if (segment == 0 && i < 30 || segment == 1 && i < 70) {
                follows.add(RowFactory.create(id, "solid"));
            }
            follows.add(RowFactory.create(id, "backbone"));
        }
        Dataset<Row> segmented = spark.createDataFrame(
                members,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("account_id", DataTypes.StringType, false),
                        DataTypes.createStructField("segment_id", DataTypes.IntegerType, false))));
        Dataset<Row> usage = spark.createDataFrame(
                follows,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("account_id", DataTypes.StringType, false),
                        DataTypes.createStructField("followed_id", DataTypes.StringType, false))));
        SegmentSizes sizes = SegmentSizes.of(segmented, new PrivacyFloor(1));

        Dataset<Row> stats = DistinctiveItems.compute(segmented, sizes, usage, "followed_id", 1)
                .filter("segment_id = 0");
        Row rare = stats.filter("followed_id = 'rare'").first();
        Row solid = stats.filter("followed_id = 'solid'").first();
        assertEquals(10.0, rare.<Double>getAs("lift"), 1e-9);
        assertEquals(5.0, solid.<Double>getAs("lift"), 1e-9);
        assertEquals(0.75, solid.<Double>getAs("reach"), 1e-9);
        assertTrue(
                solid.<Double>getAs("log_odds_z") > rare.<Double>getAs("log_odds_z"),
                "30 members at lift 5 must outrank 3 members at lift 10");

        List<Row> top = DistinctiveItems.top(stats, "followed_id", 5, "top", "followed_id", "lift")
                .first()
                .getList(1);
        assertEquals(
                List.of("solid", "rare"),
                top.stream().map(r -> r.getString(0)).toList(),
                "ranked by log-odds z; the backbone (lift 1) is not distinctive");
    }
}
