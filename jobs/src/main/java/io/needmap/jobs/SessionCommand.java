package io.needmap.jobs;

import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.SparkSessions;
import io.needmap.pipeline.output.OutputLayout;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/** A command that works on an output folder in a Spark session it opens and always closes. */
abstract class SessionCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    /** Lets a subclass add its own flags on top of the shared ones. */
    void adjust(Properties properties) {
    }

    /** @return the exit code */
    abstract int run(SparkSession spark, PipelineConfig config, OutputLayout layout);

    @Override
    public Integer call() {
        Properties properties = options.properties();
        adjust(properties);
        PipelineConfig config = PipelineConfig.from(properties);
        SparkSession spark = SparkSessions.create(config, options.master);
        try {
            return run(spark, config, new OutputLayout(options.output));
        } finally {
            spark.stop();
        }
    }
}
