package io.needmap.jobs;

import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.SparkSessions;
import io.needmap.pipeline.evaluate.PlantedTruth;
import io.needmap.pipeline.output.OutputLayout;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code needmap evaluate}: how well a run recovered planted segments (adjusted Rand index). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print the adjusted Rand index of OUTPUT/memberships against a truth file "
                + "(account_id,segment_id CSV, e.g. the generator's truth/memberships.csv).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Planted memberships CSV.")
    String truth;

    @Override
    public Integer call() {
        PipelineConfig config = options.config();
        SparkSession spark = SparkSessions.create(config, options.master);
        try {
            double ari = PlantedTruth.adjustedRandIndex(spark,
                    spark.read().parquet(new OutputLayout(options.output).memberships()), truth);
            System.out.printf("adjusted_rand_index=%.4f%n", ari);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
