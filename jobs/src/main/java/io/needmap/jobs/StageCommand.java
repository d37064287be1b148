package io.needmap.jobs;

import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Plan;
import io.needmap.pipeline.run.Stage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code needmap ingest}, {@code topics}, ... : one command per stage of {@link Plan#fit}, made
 * from the stage itself (its name, its description) rather than written out one class each. A
 * stage's command reruns that stage alone against an output folder; the stages that take flags of
 * their own get them as mixins ({@link #FLAGS}).
 */
@Command
final class StageCommand extends SessionCommand {
    /** The flags of the stages that have some beyond the shared ones; every other stage has none. */
    private static final Map<String, List<Supplier<RunSetting>>> FLAGS = Map.of(
            "ingest", List.of(StageOptions.Input::new),
            "segment", List.of(StageOptions.Segments::new, StageOptions.Lineage::new));

    private final String stage;

    private StageCommand(String stage) {
        this.stage = stage;
    }

    /** The command line of {@code stage}'s command. */
    static CommandLine of(Stage stage) {
        CommandLine command = new CommandLine(new StageCommand(stage.name()));
        command.getCommandSpec().usageMessage().description(stage.description());
        FLAGS.getOrDefault(stage.name(), List.of()).forEach(flags -> {
            RunSetting mixin = flags.get();
            command.addMixin(mixin.getClass().getSimpleName(), mixin);
        });
        return command;
    }

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        new Pipeline(spark, config, layout, context())
                .runStage(
                        stage,
                        mixin(StageOptions.Input.class).map(input -> input.dir).orElse(null));
        return 0;
    }
}
