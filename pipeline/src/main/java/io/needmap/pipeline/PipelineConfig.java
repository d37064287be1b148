package io.needmap.pipeline;

import io.needmap.pipeline.features.FeatureOptions;
import io.needmap.pipeline.ingest.InputFormat;
import io.needmap.pipeline.profile.ProfileOptions;
import io.needmap.pipeline.segment.SegmentOptions;
import java.util.Properties;

/**
 * Every tunable of a run, read from {@code conf/needmap.properties}-style keys. One place, so the
 * defaults a user copies and edits are the ones the code runs with.
 */
public record PipelineConfig(String master, int shufflePartitions, InputFormat format, FeatureOptions features,
                             SegmentOptions segment, ProfileOptions profile, long seed) {

    /** Builds the configuration; an unknown or malformed value fails with the key's name. */
    public static PipelineConfig from(Properties p) {
        long seed = number(p, "seed");
        String format = text(p, "ingest.format");
        return new PipelineConfig(
                text(p, "spark.master"),
                (int) number(p, "spark.shuffle-partitions"),
                "auto".equalsIgnoreCase(format) ? null : InputFormat.parse(format),
                new FeatureOptions((int) number(p, "features.min-accounts"), (int) number(p, "features.max-vocabulary"),
                        (int) number(p, "features.dimensions"), (int) number(p, "features.oversampling"),
                        (int) number(p, "features.power-iterations"), seed),
                new SegmentOptions((int) number(p, "segment.count"), (int) number(p, "segment.min-segments"),
                        (int) number(p, "segment.max-segments"), (int) number(p, "segment.fit-sample"),
                        (int) number(p, "segment.silhouette-sample"), seed),
                new ProfileOptions((int) number(p, "profile.top-interests"), (int) number(p, "profile.min-support"),
                        (int) number(p, "profile.min-members"), p.getProperty("profile.needs", ""),
                        decimal(p, "profile.need-min-score")),
                seed);
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Configuration key '" + key + "' is missing.");
        }
        return value.trim();
    }

    private static double decimal(Properties p, String key) {
        String value = text(p, key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration key '" + key + "' must be a number, not '" + value + "'.");
        }
    }

    private static long number(Properties p, String key) {
        String value = text(p, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration key '" + key + "' must be a whole number, not '" + value + "'.");
        }
    }
}
