package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code needmap run}: every stage, input folder to segment profiles. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every stage: ingest, topics, features, segment, profile, report.",
        footer = "%nExample:%n  needmap run --input data-samples/audience --output out/sample")
final class RunCommand extends SparkCommand {
    @Mixin
    StageOptions.Input input;

    @Mixin
    StageOptions.Segments segments;

    @Override
    void adjust(Properties properties) {
        input.applyTo(properties);
        segments.applyTo(properties);
    }

    @Override
    void run(Pipeline pipeline) {
        pipeline.run(input.dir);
    }
}
