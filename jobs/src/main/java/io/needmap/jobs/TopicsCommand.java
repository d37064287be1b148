package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import picocli.CommandLine.Command;

/** {@code needmap topics}: rebuild account and interest terms from an ingested output folder. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Extract terms (CoreNLP lemmas, noun compounds, hashtags) from bios, posts and interests "
                + "in OUTPUT/accepted into OUTPUT/account_terms and OUTPUT/interest_terms.")
final class TopicsCommand extends SparkCommand {
    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("topics", null);
    }
}
