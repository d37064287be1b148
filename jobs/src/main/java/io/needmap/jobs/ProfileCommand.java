package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import picocli.CommandLine.Command;

/** {@code needmap profile}: recompute segment profiles from existing memberships. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "Profile each segment of OUTPUT/memberships: OUTPUT/segments, segment_interests, "
                + "segment_demographics and segment_overlap.")
final class ProfileCommand extends SparkCommand {
    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("profile", null);
    }
}
