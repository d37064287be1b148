package io.needmap.pipeline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** The one way needmap writes a table: snappy Parquet, replacing what was at the path. */
public final class Parquet {
    private Parquet() {}

    public static void write(Dataset<Row> data, String path) {
        data.write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(path);
    }
}
