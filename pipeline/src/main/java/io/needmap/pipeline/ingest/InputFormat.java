package io.needmap.pipeline.ingest;

import io.needmap.pipeline.InputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** File formats accepted for input tables, told apart by extension unless the user names one. */
public enum InputFormat {
    CSV("csv", List.of(".csv")),
    PARQUET("parquet", List.of(".parquet")),
    JSONL("json", List.of(".jsonl", ".json"));

    private final String sparkSource;
    private final List<String> extensions;

    InputFormat(String sparkSource, List<String> extensions) {
        this.sparkSource = sparkSource;
        this.extensions = extensions;
    }

    /** Name of the Spark data source that reads this format. */
    public String sparkSource() {
        return sparkSource;
    }

    public List<String> extensions() {
        return extensions;
    }

    /** Parses a user's {@code --format} value: csv, parquet, jsonl (or json). */
    public static InputFormat parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.name().equalsIgnoreCase(lower) || f.extensions.contains("." + lower))
                .findFirst()
                .orElseThrow(
                        () -> new InputException("Unknown input format '" + name + "': use csv, parquet or jsonl."));
    }

    /** The format a file name's extension announces, or null when it announces none. */
    public static InputFormat ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (InputFormat format : values()) {
            for (String extension : format.extensions) {
                if (lower.endsWith(extension)) {
                    return format;
                }
            }
        }
        return null;
    }
}
