package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code needmap ingest}: validate the input, quarantine unusable rows, record repaired fields. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Validate every input row: accepted rows to OUTPUT/accepted, rows without a usable key "
                + "with a reason to OUTPUT/rejects, fields read as empty or not UTF-8 to OUTPUT/repairs, counts to "
                + "OUTPUT/manifest.json.")
final class IngestCommand extends SparkCommand {
    @Mixin
    StageOptions.Input input;

    @Override
    void adjust(Properties properties) {
        input.applyTo(properties);
    }

    @Override
    void run(Pipeline pipeline) {
        pipeline.runStage("ingest", input.dir);
    }
}
