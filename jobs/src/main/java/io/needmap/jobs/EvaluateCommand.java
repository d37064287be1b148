package io.needmap.jobs;

import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.evaluate.PlantedTruth;
import io.needmap.pipeline.output.OutputLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code needmap evaluate}: how well a run recovered planted segments (adjusted Rand index). */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Print the adjusted Rand index of OUTPUT/memberships against a truth file "
                + "(account_id,segment_id CSV, e.g. the generator's truth/memberships.csv).")
final class EvaluateCommand extends SessionCommand {
    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Planted memberships CSV.")
    String truth;

    @Option(
            names = "--memberships",
            hidden = true,
            paramLabel = "CSV",
            description = "Score this account_id,segment_id CSV (another tool's segments, for scripts/bench) "
                    + "instead of OUTPUT/memberships.")
    String membershipsCsv;

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        Dataset<Row> memberships = membershipsCsv == null
                ? spark.read().parquet(layout.memberships())
                : spark.read()
                        .option("header", "true")
                        .csv(membershipsCsv)
                        .select(col("account_id"), col("segment_id").cast("int").as("segment_id"));
        PlantedTruth.Score score = PlantedTruth.score(spark, memberships, truth);
        System.out.printf("adjusted_rand_index=%.4f%n", score.adjustedRandIndex());
        System.out.printf("accounts=%d%n", score.accounts());
        return 0;
    }
}
