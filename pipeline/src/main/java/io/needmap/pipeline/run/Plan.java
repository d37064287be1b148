package io.needmap.pipeline.run;

import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.features.EmbedFeatures;
import io.needmap.pipeline.features.FitFeatures;
import io.needmap.pipeline.flags.Flags;
import io.needmap.pipeline.ingest.Ingest;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.profile.Profile;
import io.needmap.pipeline.report.Report;
import io.needmap.pipeline.segment.FitSegments;
import io.needmap.pipeline.segment.PlaceSegments;
import io.needmap.pipeline.topics.SkipTopics;
import io.needmap.pipeline.topics.Topics;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The stages of a run, in order. {@link #fit} learns a model from the input and applies it (like
 * Spark ML's {@code Pipeline.fit} followed by the fitted model's {@code transform}); {@link #place}
 * applies a saved model to a new input, refitting nothing.
 *
 * @param stages in the order they run
 */
public record Plan(List<Stage> stages) {
    public Plan {
        stages = List.copyOf(stages);
    }

    /**
     * ingest, flags, topics, features, segment, profile, report, fitting features and segments; the topics
     * stage reuses the term cache of {@code run}'s previous run, if it continues one.
     */
    public static Plan fit(String inputDir, PipelineConfig config, RunContext run) {
        return new Plan(List.of(
                new Ingest(inputDir),
                new Flags(),
                topics(config, run.previous() == null ? null : new OutputLayout(run.previous()).termCache()),
                new FitFeatures(),
                new FitSegments(),
                Profile.refreshingLabels(),
                new Report()));
    }

    /**
     * The same stages with the features and segments of {@code model} (saved in {@code modelDir}), its
     * labels kept, nothing saved; the topics stage reuses the term cache of the model's run.
     */
    public static Plan place(String inputDir, PipelineConfig config, NeedmapModel model, String modelDir) {
        return new Plan(List.of(
                new Ingest(inputDir),
                new Flags(),
                topics(config, new OutputLayout(new Path(modelDir).getParent().toString()).termCache()),
                new EmbedFeatures(model.features()),
                new PlaceSegments(model.segments()),
                Profile.keepingLabels(),
                new Report()));
    }

    private static Stage topics(PipelineConfig config, String termCacheSource) {
        return config.topics().enabled() ? new Topics(termCacheSource) : new SkipTopics();
    }

    /**
     * The stage called {@code name}.
     *
     * @throws IllegalArgumentException when the plan has none
     */
    public Stage stage(String name) {
        return stages.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }
}
