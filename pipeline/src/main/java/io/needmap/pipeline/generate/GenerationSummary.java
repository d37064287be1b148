package io.needmap.pipeline.generate;

import java.util.Map;

/**
 * What a generation run wrote, so a caller can log it or check a reader against it without parsing
 * {@code truth/dirty.csv}.
 *
 * @param rows  data rows written per table ({@code accounts}, {@code follows}, {@code interests},
 *              {@code posts}), header excluded, dirty rows and the truncated line included
 * @param dirty dirty rows injected, by table and then by kind, in the order of {@code truth/dirty.csv}
 */
public record GenerationSummary(Map<String, Long> rows, Map<String, Map<String, Integer>> dirty) {

    /** Dirty rows of one kind in one table; 0 when the kind is unknown. */
    public int dirtyRows(String table, String kind) {
        return dirty.getOrDefault(table, Map.of()).getOrDefault(kind, 0);
    }
}
