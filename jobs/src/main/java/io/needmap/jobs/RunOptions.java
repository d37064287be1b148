package io.needmap.jobs;

import io.needmap.pipeline.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Options every Spark command shares. Settings come from the bundled defaults
 * ({@code conf/needmap.properties}), then {@code --config FILE}, then {@code --set key=value}, then
 * the dedicated flags.
 */
public final class RunOptions {
    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Output folder (any Hadoop path: file://, hdfs://, s3a://).")
    String output;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file overriding the defaults (copy conf/needmap.properties).")
    Path config;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master, e.g. local[*] or spark://host:7077 (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--seed", description = "Seed for every random choice (default 42).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any configuration key.")
    Map<String, String> overrides = new LinkedHashMap<>();

    PipelineConfig config() {
        return PipelineConfig.from(properties());
    }

    /**
     * The bundled defaults with {@code settings} on top, as {@code --set} applies them: for tools
     * that have no command line of their own (the benchmarks).
     */
    public static PipelineConfig withSettings(Map<String, String> settings) {
        RunOptions options = new RunOptions();
        options.overrides.putAll(settings);
        return options.config();
    }

    Properties properties() {
        Properties p = new Properties();
        try (InputStream defaults = RunOptions.class.getResourceAsStream("/needmap.properties")) {
            p.load(defaults);
            if (config != null) {
                if (!Files.isRegularFile(config)) {
                    throw new IllegalArgumentException("Configuration file " + config + " does not exist.");
                }
                try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read configuration: " + e.getMessage());
        }
        p.putAll(overrides);
        if (seed != null) {
            p.setProperty("seed", String.valueOf(seed));
        }
        return p;
    }
}
