package io.needmap.jobs;

import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.evaluate.PlantedTruth;
import io.needmap.pipeline.output.OutputLayout;
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

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        double ari = PlantedTruth.adjustedRandIndex(spark, spark.read().parquet(layout.memberships()), truth);
        System.out.printf("adjusted_rand_index=%.4f%n", ari);
        return 0;
    }
}
