package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import org.apache.spark.sql.SparkSession;

/** A command that runs pipeline stages against the output folder. */
abstract class SparkCommand extends SessionCommand {

    abstract void run(Pipeline pipeline);

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        run(new Pipeline(spark, config, layout, context()));
        return 0;
    }
}
