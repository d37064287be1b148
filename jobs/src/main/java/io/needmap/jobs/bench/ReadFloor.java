package io.needmap.jobs.bench;

import io.needmap.jobs.RunOptions;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.ingest.InputReader;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.spark.SparkSessions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scripts/bench}'s read floor: what touching the input at all costs, to hold ingest against.
 * Each CSV of the input ({@code accounts}, {@code follows}, {@code interests}, {@code posts}) is read
 * with a plain {@code spark.read().csv} (header, RFC 4180 quote escaping, every column a string) and
 * written straight to {@code OUTPUT/<table>} as Parquet: no validation, no typing, no deduplication.
 *
 * <p>A file is parsed as one multi-line stream exactly when ingest would parse it so ({@link
 * InputReader#recordsSpanLines}: some record holds a quoted newline), else in parallel splits, so the
 * floor pays the same parse ingest pays. That decision costs ingest a text scan of each file; it is
 * timed apart here ({@code detect_seconds}) and left out of the floor ({@code seconds}), so the floor
 * is the cheapest correct read.
 *
 * <p>Usage: {@code ReadFloor INPUT OUTPUT}. Prints {@code key=value} lines: per table its
 * {@code multiline} choice and {@code seconds}, then the totals.
 */
public final class ReadFloor {
    private ReadFloor() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ReadFloor INPUT OUTPUT");
            System.exit(2);
        }
        String input = args[0];
        String output = args[1];
        PipelineConfig config = RunOptions.withSettings(Map.of());
        SparkSession spark = SparkSessions.create(config, null);
        try {
            Map<String, Boolean> multiLine = new LinkedHashMap<>();
            long detectStart = System.nanoTime();
            for (Table table : Table.values()) {
                String path = input + "/" + table.fileName() + ".csv";
                if (new File(path).isFile()) {
                    multiLine.put(table.fileName(), InputReader.recordsSpanLines(spark, path));
                }
            }
            double detectSeconds = (System.nanoTime() - detectStart) / 1e9;
            long start = System.nanoTime();
            for (Map.Entry<String, Boolean> table : multiLine.entrySet()) {
                long tableStart = System.nanoTime();
                spark.read()
                        .option("header", "true")
                        .option("multiLine", String.valueOf(table.getValue()))
                        .option("escape", "\"")
                        .csv(input + "/" + table.getKey() + ".csv")
                        .write()
                        .mode(SaveMode.Overwrite)
                        .parquet(output + "/" + table.getKey());
                System.out.printf(
                        "%s.multiline=%b%n%s.seconds=%.1f%n",
                        table.getKey(), table.getValue(), table.getKey(), (System.nanoTime() - tableStart) / 1e9);
            }
            System.out.printf("detect_seconds=%.1f%n", detectSeconds);
            System.out.printf("seconds=%.1f%n", (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
