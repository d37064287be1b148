package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.SEGMENT_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many accounts each segment has, counted once and held on the driver: every profile table needs
 * a segment's size and whether it is published, and a few dozen numbers are cheaper as literals in
 * the query than as a table joined (and, without a cache, recounted) once per use.
 *
 * <p>Where it fails: the sizes become part of every query plan, which is fine for hundreds of
 * segments and not for millions (the segmenters never produce that many).
 */
record SegmentSizes(SortedMap<Integer, Long> sizes, PrivacyFloor floor) {

    /** One aggregation of {@code segmented} ({@code account_id, segment_id}), collected. */
    static SegmentSizes of(Dataset<Row> segmented, PrivacyFloor floor) {
        SortedMap<Integer, Long> sizes = new TreeMap<>();
        for (Row row : segmented.groupBy(SEGMENT_ID).agg(count(lit(1))).collectAsList()) {
            sizes.put(row.getInt(0), row.getLong(1));
        }
        return new SegmentSizes(sizes, floor);
    }

    /** Accounts in any segment: the population every reach and share is measured against. */
    long population() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean published(int segment) {
        return floor.publishes(sizes.getOrDefault(segment, 0L));
    }

    /** True where {@code segment} names a published segment; null for a null id, so filters drop it. */
    Column published(Column segment) {
        Object[] ids = sizes.keySet().stream().filter(this::published).toArray();
        return ids.length == 0 ? lit(false) : segment.isin(ids);
    }

    /** The size of the segment in the row's {@code segment_id}, as a long column. */
    Column size() {
        int[] ids = sizes.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] counts = sizes.values().stream().mapToLong(Long::longValue).toArray();
        return element_at(map_from_arrays(lit(ids), lit(counts)), col(SEGMENT_ID));
    }
}
