package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.needmap.pipeline.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cells and statistics on six accounts in two segments, checked against values worked out by hand. */
class DemographicsTest {
    private static Map<String, Row> cells;

    @BeforeAll
    static void compute() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> segmented = spark.sql("""
                select * from values ('s0', 0), ('s1', 0), ('s2', 0), ('s3', 0), ('t0', 1), ('t1', 1)
                as t(account_id, segment_id)""");
        SegmentSizes sizes = SegmentSizes.of(segmented, new PrivacyFloor(1));
        Dataset<Row> accounts = spark.sql("""
                select account_id, location, language, followers_count, cast(created_at as timestamp) as created_at,
                       verified from values
                  ('s0', 'Leeds', 'en', 10L, '2020-01-01', true),
                  ('s1', 'Leeds', 'en', 20L, '2020-01-01', false),
                  ('s2', null, 'en', 30L, '2024-01-01', false),
                  ('s3', 'York', 'fr', 40L, '2024-01-01', false),
                  ('t0', 'York', 'en', 100L, '2010-01-01', true),
                  ('t1', 'York', 'en', null, '2010-01-01', true)
                as t(account_id, location, language, followers_count, created_at, verified)""");
        Dataset<Row> posts = spark.sql("""
                select * from values ('s0', 1L), ('s0', 3L), ('s1', 5L), ('t0', 10L), ('t1', null)
                as t(account_id, likes)""").selectExpr("*", "0L as replies", "2L as shares");
        cells = Demographics.compute(segmented, sizes, accounts, posts).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getInt(0) + "/" + r.getString(1) + "/" + r.getString(2), r -> r));
    }

    /** members, share, index, metric of one cell, numbers to 9 decimals ("-" for null). */
    private static List<Object> cell(int segment, String dimension, String value) {
        Row r = cells.get(segment + "/" + dimension + "/" + value);
        return List.of(r.getLong(3), rounded(r, 4), rounded(r, 5), rounded(r, 6));
    }

    private static Object rounded(Row r, int field) {
        return r.isNullAt(field) ? "-" : round(r.getDouble(field));
    }

    private static double round(double x) {
        return Math.round(x * 1e9) / 1e9;
    }

    @Test
    void categoriesCountMembersWithShareAndIndexAgainstEveryone() {
        assertEquals(List.of(3L, 0.75, round(100 * 0.75 / (5.0 / 6)), "-"), cell(0, "language", "en"));
        assertEquals(List.of(1L, 0.25, round(100 * 0.25 / (1.0 / 6)), "-"), cell(0, "location", "unknown"));
        assertEquals(List.of(2L, 1.0, round(100 * 1.0 / (3.0 / 6)), "-"), cell(1, "verified", "true"));
        assertEquals(List.of(2L, 0.5, round(100 * 0.5 / (2.0 / 6)), "-"), cell(0, "account_age_band", "3-5 years"));
        assertEquals(List.of(2L, 1.0, round(100 * 1.0 / (2.0 / 6)), "-"), cell(1, "account_age_band", "10+ years"));
        assertNull(cells.get("-1/language/en"), "the population is the reference, not a published row");
    }

    @Test
    void statisticsAreExactInterpolatedPercentilesOverTheMembersWhoHaveTheValue() {
        // followers 10, 20, 30, 40 in segment 0; everyone: 10, 20, 30, 40, 100 (t1 has none)
        assertEquals(List.of(4L, "-", round(100 * 17.5 / 20), 17.5), cell(0, "followers_count", "p25"));
        assertEquals(List.of(4L, "-", round(100 * 25.0 / 30), 25.0), cell(0, "followers_count", "median"));
        assertEquals(List.of(1L, "-", round(100 * 100.0 / 30), 100.0), cell(1, "followers_count", "median"));
        assertEquals(List.of(4L, "-", round(100 * 0.75 / (5.0 / 6)), 0.75), cell(0, "posts", "per_member"));
        // likes per post: segment 0 has 1, 3, 5 from two writers; everyone 1, 3, 5, 10 (t1's post has none)
        assertEquals(List.of(2L, "-", round(100 * 3.0 / 4), 3.0), cell(0, "likes", "median"));
        assertEquals(List.of(2L, "-", round(100 * 10.0 / 4), 10.0), cell(1, "likes", "median"));
        assertEquals(
                List.of(2L, "-", "-", 0.0), cell(0, "replies", "median"), "no index against a zero population metric");
        assertEquals(List.of(2L, "-", 100.0, 2.0), cell(1, "shares", "median"));
    }
}
