package io.needmap.pipeline.config;

import io.needmap.pipeline.features.FeatureOptions;
import io.needmap.pipeline.flags.FlagOptions;
import io.needmap.pipeline.ingest.InputFormat;
import io.needmap.pipeline.profile.ProfileOptions;
import io.needmap.pipeline.segment.SegmentOptions;
import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.TopicOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;

/**
 * Every tunable of a run, read from {@code conf/needmap.properties}-style keys. One place, so the
 * defaults a user copies and edits are the ones the code runs with.
 */
public record PipelineConfig(
        String master,
        int shufflePartitions,
        InputFormat format,
        FeatureOptions features,
        SegmentOptions segment,
        ProfileOptions profile,
        TopicOptions topics,
        FlagOptions flags,
        long seed,
        double rowCountWarningFactor,
        long progressSeconds) {

    /**
     * {@code shufflePartitions} of {@code spark.shuffle-partitions=auto}: chosen from the input's size
     * at ingest (see {@code Pipeline}).
     */
    public static final int AUTO_SHUFFLE_PARTITIONS = 0;

    /** Builds the configuration; an unknown or malformed value fails with the key's name. */
    public static PipelineConfig from(Properties p) {
        long seed = number(p, "seed");
        String format = text(p, "ingest.format");
        return new PipelineConfig(
                text(p, "spark.master"),
                shufflePartitions(p),
                "auto".equalsIgnoreCase(format) ? null : InputFormat.parse(format),
                new FeatureOptions(
                        (int) number(p, "features.min-accounts"),
                        (int) number(p, "features.max-vocabulary"),
                        decimal(p, "features.backbone-share"),
                        decimal(p, "features.boilerplate-share"),
                        decimal(p, "features.followed-term-weight"),
                        (int) number(p, "features.dimensions"),
                        (int) number(p, "features.oversampling"),
                        (int) number(p, "features.power-iterations"),
                        flag(p, "features.term-concepts"),
                        decimal(p, "features.term-vector-weight"),
                        (int) number(p, "features.concept-dimensions"),
                        (int) number(p, "features.terms-per-concept"),
                        (int) number(p, "features.max-concepts"),
                        (int) number(p, "features.concept-sample"),
                        seed),
                new SegmentOptions(
                        (int) number(p, "segment.count"),
                        (int) number(p, "segment.min-segments"),
                        (int) number(p, "segment.max-segments"),
                        (int) number(p, "profile.min-members"),
                        decimal(p, "segment.min-stability"),
                        decimal(p, "segment.min-stable-share"),
                        decimal(p, "segment.blend-limit"),
                        flag(p, "segment.refine"),
                        (int) number(p, "segment.fit-sample"),
                        (int) number(p, "segment.silhouette-sample"),
                        seed),
                new ProfileOptions(
                        (int) number(p, "profile.top-interests"),
                        (int) number(p, "profile.min-support"),
                        (int) number(p, "profile.min-members"),
                        p.getProperty("profile.needs", ""),
                        decimal(p, "profile.need-min-score"),
                        decimal(p, "profile.distinctive-lift")),
                new TopicOptions(
                        flag(p, "topics.enabled"),
                        flag(p, "topics.ner"),
                        (int) number(p, "topics.max-posts-per-account"),
                        (int) number(p, "topics.max-text-chars"),
                        decimal(p, "topics.term-weight"),
                        (int) number(p, "topics.top-terms"),
                        stopWords(p.getProperty("topics.stop-words", "")),
                        (int) number(p, "topics.cache-fragments")),
                new FlagOptions(
                        flag(p, "flags.exclude"),
                        decimal(p, "flags.min-score"),
                        decimal(p, "flags.follow-ratio"),
                        (int) number(p, "flags.min-follows"),
                        decimal(p, "flags.mass-following-factor"),
                        (int) number(p, "flags.min-posts"),
                        decimal(p, "features.backbone-share"),
                        decimal(p, "flags.backbone-only-share"),
                        (int) number(p, "flags.repeat-count"),
                        decimal(p, "flags.repeat-share"),
                        decimal(p, "flags.link-share"),
                        decimal(p, "flags.promo-share"),
                        Arrays.stream(p.getProperty("flags.promo-phrases", "").split(","))
                                .map(String::trim)
                                .filter(phrase -> !phrase.isEmpty())
                                .toList(),
                        (int) number(p, "flags.dormant-days"),
                        (int) number(p, "flags.name-digits"),
                        decimal(p, "flags.min-profile-share")),
                seed,
                warningFactor(p),
                progressSeconds(p));
    }

    /** {@code run.row-count-warning-factor}: more than 1, else no change could ever be normal. */
    private static double warningFactor(Properties p) {
        double factor = decimal(p, "run.row-count-warning-factor");
        if (!(factor > 1)) {
            throw new IllegalArgumentException(
                    "Configuration key 'run.row-count-warning-factor' must be above 1, not " + factor + ".");
        }
        return factor;
    }

    /** {@code run.progress-seconds}: 0 (no progress lines) or more. */
    private static long progressSeconds(Properties p) {
        long seconds = number(p, "run.progress-seconds");
        if (seconds < 0) {
            throw new IllegalArgumentException(
                    "Configuration key 'run.progress-seconds' must be 0 (off) or more, not " + seconds + ".");
        }
        return seconds;
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Configuration key '" + key + "' is missing.");
        }
        return value.trim();
    }

    private static double decimal(Properties p, String key) {
        return parsed(p, key, Double::parseDouble, "a number");
    }

    private static boolean flag(Properties p, String key) {
        String value = text(p, key).toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(
                    "Configuration key '" + key + "' must be true or false, not '" + value + "'.");
        }
        return Boolean.parseBoolean(value);
    }

    /** A file path, else a resource bundled on the class path (the default ships in the jar); empty for none. */
    private static Set<String> stopWords(String location) {
        if (location.isBlank()) {
            return Set.of();
        }
        Path file = Path.of(location.trim());
        try (InputStream in = Files.isRegularFile(file)
                ? Files.newInputStream(file)
                : PipelineConfig.class.getResourceAsStream("/" + location.trim())) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "Configuration key 'topics.stop-words': no file or bundled list '" + location + "'.");
            }
            return TermExtractor.readStopWords(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Configuration key 'topics.stop-words': cannot read '" + location + "': " + e.getMessage());
        }
    }

    private static int shufflePartitions(Properties p) {
        String key = "spark.shuffle-partitions";
        if ("auto".equalsIgnoreCase(text(p, key))) {
            return AUTO_SHUFFLE_PARTITIONS;
        }
        long partitions = number(p, key);
        if (partitions < 1 || partitions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Configuration key '" + key + "' must be auto or a whole number from 1, not '" + partitions + "'.");
        }
        return (int) partitions;
    }

    private static long number(Properties p, String key) {
        return parsed(p, key, Long::parseLong, "a whole number");
    }

    private static <T> T parsed(Properties p, String key, java.util.function.Function<String, T> parser, String what) {
        String value = text(p, key);
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Configuration key '" + key + "' must be " + what + ", not '" + value + "'.");
        }
    }
}
