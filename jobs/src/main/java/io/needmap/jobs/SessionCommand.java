package io.needmap.jobs;

import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.RunContext;
import io.needmap.pipeline.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import scala.Option;

/** A command that works on an output folder in a Spark session it opens and always closes. */
abstract class SessionCommand extends NeedmapCommand {
    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    private RunContext context;

    /** The command line, settings, previous run and labels of this command, for the model's provenance. */
    RunContext context() {
        return context;
    }

    /** The mixin of this type the command has, if any. */
    <T> Optional<T> mixin(Class<T> type) {
        return spec.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst();
    }

    /** @return the exit code */
    abstract int run(SparkSession spark, PipelineConfig config, OutputLayout layout);

    @Override
    public Integer call() {
        Properties properties = options.properties();
        List<RunSetting> given = spec.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(RunSetting.class::isInstance)
                .map(RunSetting.class::cast)
                .toList();
        given.forEach(setting -> setting.applyTo(properties));
        List<String> commandLine =
                new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        RunContext run = new RunContext(commandLine, settings, null, null);
        for (RunSetting setting : given) {
            run = setting.applyTo(run);
        }
        context = run;
        PipelineConfig config = PipelineConfig.from(properties);
        boolean callersSession = sessionRunning();
        SparkSession spark = SparkSessions.create(config, options.master);
        try {
            return run(spark, config, new OutputLayout(options.output));
        } finally {
            if (!callersSession) {
                spark.stop();
            }
        }
    }

    /**
     * Whether this thread already has a running Spark session when the command starts: then the
     * command runs in it and leaves it running for its owner (the tests' shared session; never so
     * from the command line or {@code spark-submit}, where the command opens the session and stops it).
     */
    private static boolean sessionRunning() {
        for (Option<SparkSession> session :
                List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
            if (session.isDefined() && !session.get().sparkContext().isStopped()) {
                return true;
            }
        }
        return false;
    }
}
