package io.needmap.pipeline.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.Manifest;
import java.util.Map;

/**
 * One input table's entry in the manifest's {@code tables} section, which ingest writes: rows read,
 * accepted and rejected, accepted rows with a repaired field and the repairs by column, and the
 * accepted rows' content hash (see {@link NeedmapModel.Fingerprint}; null in manifests of runs
 * from before it was recorded).
 */
public record TableCounts(
        long read, long accepted, long rejected, long repairedRows, Map<String, Long> repairs, String contentHash) {
    /** The manifest section, by table file name. */
    public static final String SECTION = "tables";

    /** The {@code tables} section of {@code manifest}, or an empty map when ingest has not run. */
    public static Map<String, TableCounts> of(Manifest manifest) {
        Map<String, TableCounts> tables = manifest.get(SECTION, new TypeReference<Map<String, TableCounts>>() {});
        return tables == null ? Map.of() : tables;
    }
}
