package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import picocli.CommandLine.Command;

/** {@code needmap features}: rebuild account embeddings from an ingested output folder. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description =
                "Build TF-IDF account features and their SVD embedding from OUTPUT/accepted " + "into OUTPUT/features.")
final class FeaturesCommand extends SparkCommand {
    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("features", null);
    }
}
