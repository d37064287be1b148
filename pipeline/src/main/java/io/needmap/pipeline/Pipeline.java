package io.needmap.pipeline;

import io.needmap.pipeline.config.BuildVersions;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.output.StagedOutput;
import io.needmap.pipeline.run.Fingerprints;
import io.needmap.pipeline.run.Plan;
import io.needmap.pipeline.run.RunContext;
import io.needmap.pipeline.run.Runner;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.spark.InputScale;
import io.needmap.pipeline.spark.SparkEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * What the command line runs against an output folder: {@link #run} fits a model on an input and
 * applies it ({@link Plan#fit}), {@link #assign} applies a saved one ({@link Plan#place}), and
 * {@link #runStage} reruns one stage. The stages are in {@link Plan}; timing, logging, resuming
 * and the manifest are the {@link Runner}'s.
 */
public final class Pipeline {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final OutputLayout layout;
    private final RunContext context;

    public Pipeline(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        this(spark, config, layout, RunContext.none());
    }

    public Pipeline(SparkSession spark, PipelineConfig config, OutputLayout layout, RunContext context) {
        this.spark = spark;
        this.config = config;
        this.layout = layout;
        this.context = context;
    }

    /**
     * Every stage, in order, into a staging folder: a stage that already finished there from the same
     * input files, settings, needmap version and earlier stages is reused (after a crash, with
     * {@code --resume}), the others run and leave their marker.
     *
     * @return the summary {@code _SUCCESS} carries once the staging folder is published
     */
    public Map<String, Object> run(String inputDir, StagedOutput staged) {
        return run(Plan.fit(inputDir, config, context), stages(config), inputDir, staged);
    }

    /**
     * Places the accounts of a new export into the segments of the model saved in {@code modelDir}:
     * ingest, topics and features as the model's run did them (its settings, its vocabulary, weights and
     * basis), each account to its nearest saved centroid under the saved id, then profile and report
     * with the saved labels. Nothing is refitted and no model is written.
     *
     * @return the summary {@code _SUCCESS} carries once the staging folder is published
     */
    public Map<String, Object> assign(String modelDir, String inputDir, StagedOutput staged) {
        NeedmapModel model = NeedmapModel.load(modelDir, spark);
        if (model.segments() == null) {
            throw new InputException("The model in " + modelDir + " has no segments yet: run `needmap segment` first.");
        }
        Properties trained = new Properties();
        trained.putAll(context.settings());
        model.metadata().settings().forEach((key, value) -> {
            if (!key.startsWith("spark.") && !key.startsWith("ingest.") && !key.startsWith("run.")) {
                trained.setProperty(key, value);
            }
        });
        PipelineConfig placing = PipelineConfig.from(trained);
        StageContext stages = stages(placing).startingFrom(model);
        Map<String, Object> summary = run(Plan.place(inputDir, placing, model, modelDir), stages, inputDir, staged);
        stages.manifest()
                .put(
                        "assigned_with_model",
                        new AssignedWithModel(
                                modelDir,
                                model.metadata().needmapVersion(),
                                model.metadata().created()))
                .save();
        return summary;
    }

    /** The manifest's {@code assigned_with_model} section: which saved model {@code assign} placed into. */
    record AssignedWithModel(String model, String needmapVersion, String created) {}

    /**
     * One stage of {@link #run}'s plan on its own, straight into the output folder.
     *
     * @param inputDir the input folder, read by ingest only
     */
    public void runStage(String name, String inputDir) {
        runner(stages(config)).runOne(Plan.fit(inputDir, config, context).stage(name));
    }

    private Map<String, Object> run(Plan plan, StageContext stages, String inputDir, StagedOutput staged) {
        long start = System.nanoTime();
        List<String> reused = runner(stages)
                .run(
                        plan,
                        staged,
                        Fingerprints.ofRun(
                                context, inputDir, spark.sparkContext().hadoopConfiguration()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("needmap_version", BuildVersions.load().getProperty("needmap", "unknown"));
        summary.put("finished", Instant.now().toString());
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        summary.put("accounts", stages.read(layout.memberships()).count());
        summary.put(
                "segments",
                stages.manifest().get("profile") instanceof Map<?, ?> profile ? profile.get("segments") : null);
        summary.put("resumed_stages", reused);
        return summary;
    }

    private StageContext stages(PipelineConfig with) {
        return StageContext.of(spark, with, layout, context, new InputScale(spark));
    }

    private Runner runner(StageContext stages) {
        return new Runner(stages, new SparkEngine(spark, stages.config(), stages.scale()));
    }
}
