package io.needmap.pipeline.ingest;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What ingest hands on: the accepted rows of each table present (typed) and every rejected row of
 * every table, as {@code table, record, reason}.
 */
public record IngestResult(Map<Table, Dataset<Row>> accepted, Dataset<Row> rejects) {
}
