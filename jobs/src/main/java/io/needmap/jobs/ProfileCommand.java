package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import picocli.CommandLine.Command;

/** {@code needmap profile}: recompute segment profiles from existing memberships. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile each segment of OUTPUT/memberships: OUTPUT/segments and OUTPUT/segment_interests.")
final class ProfileCommand extends SparkCommand {
    @Override
    void run(Pipeline pipeline) {
        pipeline.profile();
    }
}
