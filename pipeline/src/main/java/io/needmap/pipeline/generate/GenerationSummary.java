package io.needmap.pipeline.generate;

import java.util.Map;

/**
 * What a generation run wrote, so a caller can log it or check a reader against it without parsing
 * {@code truth/dirty.csv} and {@code truth/summary.csv}.
 *
 * @param rows    data rows written per table ({@code accounts}, {@code follows}, {@code interests},
 *                {@code posts}), header excluded, dirty rows and the truncated line included; 0 for an
 *                omitted table
 * @param dirty   dirty rows injected, by table and then by kind, in the order of {@code truth/dirty.csv}
 * @param planted what was planted besides the segments, by metric, as in {@code truth/summary.csv}:
 *                {@code accounts}, {@code secondary_need_accounts}, {@code empty_bios},
 *                {@code long_tail_followed} (distinct long-tail accounts with at least one follower in
 *                the audience), {@code long_tail_followed_once}, {@code long_tail_followed_described}
 *                (of those followed, with a row in {@code interests.csv}), {@code posts},
 *                {@code distinct_posts}, {@code post_fragments}, {@code distinct_post_fragments},
 *                {@code bio_fragments}, {@code distinct_bio_fragments} (valid accounts' texts; fragments
 *                as the topics stage cuts them, English only)
 */
public record GenerationSummary(
        Map<String, Long> rows, Map<String, Map<String, Integer>> dirty, Map<String, Long> planted) {

    /** Dirty rows of one kind in one table; 0 when the kind is unknown. */
    public int dirtyRows(String table, String kind) {
        return dirty.getOrDefault(table, Map.of()).getOrDefault(kind, 0);
    }

    /** One metric of {@code truth/summary.csv}. */
    public long planted(String metric) {
        Long value = planted.get(metric);
        if (value == null) {
            throw new IllegalArgumentException("no planted metric '" + metric + "' (one of: " + planted.keySet() + ")");
        }
        return value;
    }
}
