package io.needmap.jobs.bench;

import io.needmap.pipeline.evaluate.PlantedTruth;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One row of {@code scripts/bench-scenarios}' table for a finished run on a generated audience:
 * accounts, planted and chosen k, adjusted Rand index against the planted truth, the share of
 * accounts in published (not suppressed) segments, merges and seconds of the run.
 * Arguments: scenario name, input folder (holding {@code truth/}), output folder.
 */
public final class ScenarioReport {
    private ScenarioReport() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        OutputLayout layout = new OutputLayout(args[2]);
        Dataset<Row> memberships = spark.read().parquet(layout.memberships());
        long accounts = memberships.count();
        Row published = spark.read()
                .parquet(layout.segments())
                .selectExpr("count(*)", "coalesce(sum(case when suppressed then 0 else size end), 0)")
                .first();
        long planted = spark.read()
                .option("header", "true")
                .csv(args[1] + "/truth/memberships.csv")
                .select("segment_id")
                .distinct()
                .count();
        Manifest manifest =
                Manifest.open(layout.manifest(), spark.sparkContext().hadoopConfiguration());
        double seconds = ((Map<?, ?>) manifest.get("stage_seconds"))
                .values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        int merges = ((java.util.List<?>) ((Map<?, ?>) manifest.get("segmentation")).get("merges")).size();
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %d | %d | %.4f | %.1f%% | %d | %.0f |%n",
                args[0],
                accounts,
                planted,
                published.getLong(0),
                PlantedTruth.adjustedRandIndex(spark, memberships, args[1] + "/truth/memberships.csv"),
                100.0 * published.getLong(1) / Math.max(1, accounts),
                merges,
                seconds);
        spark.stop();
    }
}
