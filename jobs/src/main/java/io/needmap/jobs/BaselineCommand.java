package io.needmap.jobs;

import io.needmap.jobs.bench.MllibBaseline;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code needmap baseline} (hidden, for {@code scripts/bench}): segments an input with the plain
 * MLlib recipe ({@link MllibBaseline}) and writes {@code OUTPUT/memberships}, so that
 * {@code needmap evaluate} scores it exactly as it scores a needmap run.
 */
@Command(
        name = "baseline",
        hidden = true,
        description = "Benchmark yardstick: TF-IDF on follows + MLlib KMeans; writes OUTPUT/memberships.")
final class BaselineCommand extends SessionCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Input folder with follows.csv.")
    String input;

    @Option(names = "--segments", required = true, description = "k of KMeans (use the k needmap chose).")
    int segments;

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        MllibBaseline.segment(spark, input + "/follows.csv", segments, config.seed())
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(layout.memberships());
        return 0;
    }
}
