package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.SparkSessions;
import io.needmap.pipeline.output.OutputLayout;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/** A command that runs pipeline stages in a Spark session: options in, exit code out. */
abstract class SparkCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    /** Lets a subclass add its own flags on top of the shared ones. */
    void adjust(Properties properties) {
    }

    abstract void run(Pipeline pipeline);

    @Override
    public Integer call() {
        Properties properties = options.properties();
        adjust(properties);
        PipelineConfig config = PipelineConfig.from(properties);
        SparkSession spark = SparkSessions.create(config, options.master);
        try {
            run(new Pipeline(spark, config, new OutputLayout(options.output)));
            return 0;
        } finally {
            spark.stop();
        }
    }
}
