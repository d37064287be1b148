package io.needmap.pipeline.run;

import io.needmap.pipeline.output.Manifest;

/**
 * What the {@link Runner} asks of the engine its stages run on: Spark in a run
 * ({@link io.needmap.pipeline.spark.SparkEngine}), a stand-in in the runner's tests, which then need
 * no Spark context.
 */
public interface Engine {
    /**
     * Before each stage, with the manifest as the earlier stages left it (the Spark settings ingest
     * chose from the input's size).
     */
    void prepare(Manifest manifest);

    /** Starts watching a stage (job group, progress lines); closing the watch stops it. */
    Watch watch(String stage);

    /** Records what the run computes with (parameters, seed, versions), after each stage. */
    void describe(Manifest manifest);

    /** A stage being watched. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
