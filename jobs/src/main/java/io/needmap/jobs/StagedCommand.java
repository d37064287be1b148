package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.output.StagedOutput;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A command that produces a whole output ({@code run}, {@code assign}): it writes into a staging
 * folder beside {@code --output} under the output's lock and publishes only when every stage has
 * finished ({@link StagedOutput}), so a failed or killed run leaves the previous output as it was.
 */
abstract class StagedCommand extends SessionCommand {

    /** Whether stages already finished in the staging folder from the same inputs are reused. */
    boolean resume() {
        return false;
    }

    /** Runs the stages into the staging folder; returns the summary {@code _SUCCESS} carries. */
    abstract Map<String, Object> run(Pipeline pipeline, StagedOutput staged);

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        try (StagedOutput staged =
                StagedOutput.open(layout.root(), spark.sparkContext().hadoopConfiguration(), resume())) {
            Pipeline pipeline = new Pipeline(spark, config, new OutputLayout(staged.staging()), context());
            staged.publish(run(pipeline, staged));
        }
        return 0;
    }
}
