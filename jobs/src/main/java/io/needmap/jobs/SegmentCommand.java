package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.run.RunContext;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code needmap segment}: refit segments on existing embeddings, e.g. with another k. */
@Command(
        name = "segment",
        mixinStandardHelpOptions = true,
        description = "Fit segments on OUTPUT/features and write OUTPUT/memberships.")
final class SegmentCommand extends SparkCommand {
    @Mixin
    StageOptions.Segments segments;

    @Mixin
    StageOptions.Lineage lineage;

    @Override
    RunContext context() {
        return lineage.applyTo(super.context());
    }

    @Override
    void adjust(Properties properties) {
        segments.applyTo(properties);
    }

    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("segment", null);
    }
}
