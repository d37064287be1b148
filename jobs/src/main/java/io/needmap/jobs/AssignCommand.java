package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.output.StagedOutput;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code needmap assign}: places a new export's accounts into a saved model's segments, without refitting. */
@Command(
        name = "assign",
        description = "Place the accounts of a new export into the segments of a saved model (OUTPUT/model of an "
                + "earlier run), under its segment ids and labels: memberships, profile tables and the wall.",
        footer = "%nExample:%n  needmap assign --model runs/2025-06/model --input exports/2025-07-new "
                + "--output runs/2025-07-new")
final class AssignCommand extends StagedCommand {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A run's OUTPUT/model folder.")
    String model;

    @Mixin
    StageOptions.Input input;

    @Override
    Map<String, Object> run(Pipeline pipeline, StagedOutput staged) {
        return pipeline.assign(model, input.dir, staged);
    }
}
