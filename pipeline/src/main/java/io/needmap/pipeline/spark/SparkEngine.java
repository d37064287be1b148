package io.needmap.pipeline.spark;

import io.needmap.pipeline.config.BuildVersions;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.run.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * The {@link Engine} of a real run: before each stage the Spark settings this output was given
 * from its input's size ({@link InputScale}); while it runs, its Spark jobs in the job group of its name and a
 * progress line every {@code run.progress-seconds} ({@link StageProgress}); after it, the run's
 * parameters, seed and versions in the manifest.
 */
public final class SparkEngine implements Engine {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final InputScale scale;

    public SparkEngine(SparkSession spark, PipelineConfig config, InputScale scale) {
        this.spark = spark;
        this.config = config;
        this.scale = scale;
    }

    @Override
    public void prepare(Manifest manifest) {
        scale.fromManifest(manifest);
    }

    @Override
    public Watch watch(String stage) {
        return StageProgress.start(spark.sparkContext(), stage, config.progressSeconds())::close;
    }

    @Override
    public void describe(Manifest manifest) {
        manifest.put(
                        "parameters",
                        new Parameters(
                                spark.sparkContext().master(),
                                scale.current(SparkSessions.SHUFFLE_PARTITIONS),
                                scale.current(InputScale.ADAPTIVE_EXECUTION),
                                scale.current(InputScale.WHOLE_STAGE_CODEGEN),
                                config.features().toString(),
                                config.segment().toString(),
                                config.profile().toString(),
                                config.topics().toString()))
                .put("seed", config.seed())
                .put("versions", versions());
    }

    /** The manifest's {@code parameters}: where the run ran and every stage's options. */
    record Parameters(
            String master,
            String shufflePartitions,
            String adaptiveExecution,
            String wholeStageCodegen,
            String features,
            String segment,
            String profile,
            String topics) {}

    private Map<String, Object> versions() {
        Properties versions = BuildVersions.load();
        Map<String, Object> out = new LinkedHashMap<>();
        versions.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, versions.getProperty(k)));
        out.put("spark_runtime", spark.version());
        out.put("java", System.getProperty("java.version"));
        return out;
    }
}
