package io.needmap.pipeline.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.segment.SegmentEstimator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the segments stand for, counted once for the wall's data-quality panel and the manifest's
 * {@code data_quality} section (issue 27): the accounts read, those flagged per kind with the rules
 * that flagged them and how many of them were left out of the segments, those without any usable
 * signal, and those in suppressed and in published segments (with {@code flags.exclude=false}, also
 * how many flagged accounts the published segments hold).
 *
 * <p>Weakness: counts only; which published segment holds the flagged accounts (when they are kept
 * in) is in {@code memberships}, not here. An output whose memberships have no {@code flag} column
 * (made before the flags stage) counts no flagged account in the published segments.
 *
 * @param rulesByKind per flag, how many of its accounts each rule fired for
 */
public record DataQuality(
        long accounts,
        long flagged,
        Map<String, Long> flaggedByKind,
        Map<String, Map<String, Long>> rulesByKind,
        long flaggedLeftOut,
        long withoutSignal,
        long inSuppressedSegments,
        long inPublishedSegments,
        long flaggedInPublishedSegments) {
    static final String SECTION = "data_quality";

    /**
     * @param memberships every accepted account's {@code segment_id} (and {@code flag}, when there is one)
     * @param segments {@code segment_id, suppressed}
     * @param flags {@code account_flags}, or null when the flags stage did not run
     */
    public static DataQuality of(Dataset<Row> memberships, Dataset<Row> segments, Dataset<Row> flags) {
        Column flag = List.of(memberships.columns()).contains(Columns.FLAG) ? col(Columns.FLAG) : lit(null);
        Column suppressed = col(Columns.SUPPRESSED);
        Row counts = memberships
                .join(
                        broadcast(segments.select(Columns.SEGMENT_ID, Columns.SUPPRESSED)),
                        new String[] {Columns.SEGMENT_ID},
                        "left")
                .agg(
                        count(lit(1)),
                        count(when(col(Columns.SEGMENT_ID).equalTo(SegmentEstimator.FLAGGED), lit(1))),
                        count(when(col(Columns.SEGMENT_ID).equalTo(SegmentEstimator.NO_SIGNAL), lit(1))),
                        count(when(suppressed, lit(1))),
                        count(when(suppressed.equalTo(false), lit(1))),
                        count(when(suppressed.equalTo(false).and(flag.isNotNull()), lit(1))))
                .first();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Map<String, Long>> rules = new TreeMap<>();
        if (flags != null) {
            flags.select(col(Columns.FLAG), explode(col(Columns.RULES)).as("rule"))
                    .groupBy(Columns.FLAG, "rule")
                    .count()
                    .collectAsList()
                    .forEach(r -> rules.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                            .put(r.getString(1), r.getLong(2)));
            flags.groupBy(Columns.FLAG).count().collectAsList().forEach(r -> byKind.put(r.getString(0), r.getLong(1)));
        }
        return new DataQuality(
                counts.getLong(0),
                byKind.values().stream().mapToLong(Long::longValue).sum(),
                byKind,
                rules,
                counts.getLong(1),
                counts.getLong(2),
                counts.getLong(3),
                counts.getLong(4),
                counts.getLong(5));
    }
}
