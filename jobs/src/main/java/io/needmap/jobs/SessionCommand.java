package io.needmap.jobs;

import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.RunContext;
import io.needmap.pipeline.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import scala.Option;

/** A command that works on an output folder in a Spark session it opens and always closes. */
abstract class SessionCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    private RunContext context;

    /** Lets a subclass add its own flags on top of the shared ones. */
    void adjust(Properties properties) {}

    /** The command line and settings of this command, for the model's provenance; a subclass adds its flags. */
    RunContext context() {
        return context;
    }

    /** @return the exit code */
    abstract int run(SparkSession spark, PipelineConfig config, OutputLayout layout);

    @Override
    public Integer call() {
        Properties properties = options.properties();
        adjust(properties);
        List<String> commandLine =
                new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        context = new RunContext(commandLine, settings, null, null);
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
