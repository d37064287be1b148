package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.output.StagedOutput;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code needmap run}: every stage, input folder to segment profiles. */
@Command(
        name = "run",
        description = "Run every stage: ingest, flags, topics, features, segment, profile, report.",
        footer =
                "%nExamples:%n  needmap run --input data-samples/audience --output out/sample%n"
                        + "  needmap run --input exports/2025-07 --output runs/2025-07 --previous runs/2025-06 --labels labels.csv")
final class RunCommand extends StagedCommand {
    @Mixin
    StageOptions.Input input;

    @Mixin
    StageOptions.Segments segments;

    @Mixin
    StageOptions.Lineage lineage;

    @Option(
            names = "--resume",
            description = "Reuse the stages an interrupted run of this output finished in its"
                    + " staging folder from the same input files, settings and needmap version; recompute the rest."
                    + " Without it a run starts clean.")
    boolean resume;

    @Override
    boolean resume() {
        return resume;
    }

    @Override
    Map<String, Object> run(Pipeline pipeline, StagedOutput staged) {
        return pipeline.run(input.dir, staged);
    }
}
