package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import picocli.CommandLine.Command;

/** {@code needmap report}: redraw the Customer Innovation Wall from existing profiles. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write OUTPUT/report/index.html (the Customer Innovation Wall) from OUTPUT/segments, "
                + "segment_overlap, segment_demographics and memberships.")
final class ReportCommand extends SparkCommand {
    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("report", null);
    }
}
