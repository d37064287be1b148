package io.needmap.pipeline.flags;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.segment.SegmentStage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the segments stand for, counted once for the wall's data-quality panel and the manifest:
 * the accounts read, those flagged per kind with the rules that flagged them, those without any
 * usable signal, and those in suppressed and in published segments (with {@code flags.exclude=false},
 * also how many flagged accounts the published segments hold).
 *
 * <p>Weakness: counts only; which published segment holds the flagged accounts (when they are kept
 * in) is in {@code memberships}, not here.
 */
public record DataQuality(
        long accounts,
        Map<String, Long> flaggedByKind,
        Map<String, Map<String, Long>> rulesByKind,
        boolean excluded,
        long withoutSignal,
        long inSuppressed,
        long inPublished,
        long flaggedInPublished) {

    /**
     * @param memberships every accepted account's {@code segment_id} and {@code flag}
     * @param segments {@code segment_id, suppressed}
     * @param flags {@code account_flags}
     */
    public static DataQuality of(
            Dataset<Row> memberships, Dataset<Row> segments, Dataset<Row> flags, boolean excluded) {
        Row counts = memberships
                .join(segments.select(Columns.SEGMENT_ID, "suppressed"), new String[] {Columns.SEGMENT_ID}, "left")
                .agg(
                        count(lit(1)),
                        count(when(col(Columns.SEGMENT_ID).equalTo(SegmentStage.NO_SIGNAL), lit(1))),
                        count(when(col("suppressed"), lit(1))),
                        count(when(col("suppressed").equalTo(false), lit(1))),
                        count(when(
                                col("suppressed")
                                        .equalTo(false)
                                        .and(col(Columns.FLAG).isNotNull()),
                                lit(1))))
                .first();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Map<String, Long>> rules = new TreeMap<>();
        flags.select(col(Columns.FLAG), explode(col(Columns.RULES)).as("rule"))
                .groupBy(Columns.FLAG, "rule")
                .count()
                .collectAsList()
                .forEach(r -> rules.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                        .put(r.getString(1), r.getLong(2)));
        flags.groupBy(Columns.FLAG).count().collectAsList().forEach(r -> byKind.put(r.getString(0), r.getLong(1)));
        return new DataQuality(
                counts.getLong(0),
                byKind,
                rules,
                excluded,
                counts.getLong(1),
                counts.getLong(2),
                counts.getLong(3),
                counts.getLong(4));
    }

    public long flagged() {
        return flaggedByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The figures as the manifest's {@code data_quality} section. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accounts", accounts);
        out.put("flagged", flagged());
        out.put("flagged_by_kind", flaggedByKind);
        out.put("rules_by_kind", rulesByKind);
        out.put("flagged_excluded", excluded);
        out.put("without_signal", withoutSignal);
        out.put("in_suppressed_segments", inSuppressed);
        out.put("in_published_segments", inPublished);
        out.put("flagged_in_published_segments", flaggedInPublished);
        return out;
    }
}
