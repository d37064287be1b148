package io.needmap.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Next week's export made from this week's: the rows of an input CSV that a SQL filter keeps. */
final class CsvSubset {
    private CsvSubset() {}

    /**
     * Writes {@code target/TABLE.csv}: the rows of {@code source/TABLE.csv} that {@code keep} holds for
     * (quoted multi-line fields read and written as the contract has them), through {@code scratch}.
     */
    static void write(SparkSession spark, Path source, String table, String keep, Path target, Path scratch)
            throws IOException {
        Path parts = scratch.resolve("parts-" + table);
        spark.read()
                .option("header", true)
                .option("multiLine", true)
                .option("escape", "\"")
                .csv(source.resolve(table + ".csv").toString())
                .filter(keep)
                .coalesce(1)
                .write()
                .option("header", true)
                .option("escape", "\"")
                .csv(parts.toString());
        try (Stream<Path> files = Files.list(parts)) {
            Path part = files.filter(p -> p.getFileName().toString().matches("part-.*\\.csv"))
                    .findFirst()
                    .orElseThrow();
            Files.createDirectories(target);
            Files.move(part, target.resolve(table + ".csv"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
