package io.needmap.pipeline.report;

import io.needmap.pipeline.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Hand-built profile tables, in the published schemas, for report tests. */
final class WallTables {
    private static final StructType SEGMENTS = StructType.fromDDL("segment_id INT, size BIGINT, share DOUBLE,"
            + " suppressed BOOLEAN, label STRING, need STRING, need_score DOUBLE,"
            + " top_interests ARRAY<STRUCT<followed_id: STRING, name: STRING, lift: DOUBLE, reach: DOUBLE>>,"
            + " top_terms ARRAY<STRUCT<term: STRING, lift: DOUBLE, reach: DOUBLE>>");
    private static final StructType DEMOGRAPHICS = StructType.fromDDL("segment_id INT, dimension STRING, value STRING,"
            + " members BIGINT, share DOUBLE, index DOUBLE, metric DOUBLE");
    private static final StructType OVERLAP =
            StructType.fromDDL("segment_a INT, segment_b INT," + " members_with_both BIGINT, jaccard DOUBLE");
    private static final StructType MEMBERSHIPS =
            StructType.fromDDL("account_id STRING, segment_id INT, score DOUBLE," + " second_segment_id INT");

    private WallTables() {}

    /** A published segment; {@code need} null for none. Share is left at 0: the report prints it only. */
    static Row segment(int id, long size, String label, String need, List<Row> interests, List<Row> terms) {
        return RowFactory.create(id, size, 0.0, false, label, need, need == null ? null : 0.5, interests, terms);
    }

    static Row suppressed(int id, long size) {
        return RowFactory.create(id, size, 0.0, true, null, null, null, List.of(), List.of());
    }

    static Row interest(String followedId, String name, double lift) {
        return RowFactory.create(followedId, name, lift, 0.3);
    }

    static Row term(String term, double lift) {
        return RowFactory.create(term, lift, 0.3);
    }

    /** A demographic cell; share and index are fixed, the report only prints them. */
    static Row cell(int segment, String dimension, String value, long members) {
        return RowFactory.create(segment, dimension, value, members, 0.5, 100.0, null);
    }

    static Row statistic(int segment, String dimension, String value, long members, double metric) {
        return RowFactory.create(segment, dimension, value, members, null, 100.0, metric);
    }

    static Row pair(int a, int b, double jaccard) {
        return RowFactory.create(a, b, 30L, jaccard);
    }

    static Dataset<Row> segments(List<Row> rows) {
        return SparkTestSession.get().createDataFrame(rows, SEGMENTS);
    }

    static Dataset<Row> demographics(List<Row> rows) {
        return SparkTestSession.get().createDataFrame(rows, DEMOGRAPHICS);
    }

    static Dataset<Row> overlap(List<Row> rows) {
        return SparkTestSession.get().createDataFrame(rows, OVERLAP);
    }

    /** The wall's tables without lineage, map, ideation tables or manifest. */
    static WallData.Tables tables(
            Dataset<Row> segments, Dataset<Row> overlap, Dataset<Row> demographics, Dataset<Row> memberships) {
        return new WallData.Tables(
                segments, overlap, demographics, memberships, null, null, null, null, null, null, null);
    }

    /** {@code accounts} accounts in each segment (−1: no usable signal). */
    static Dataset<Row> memberships(Map<Integer, Integer> accounts) {
        List<Row> rows = new ArrayList<>();
        accounts.forEach((segment, n) -> {
            for (int i = 0; i < n; i++) {
                rows.add(RowFactory.create(segment + "_" + i, segment, 0.9, segment));
            }
        });
        return SparkTestSession.get().createDataFrame(rows, MEMBERSHIPS);
    }
}
