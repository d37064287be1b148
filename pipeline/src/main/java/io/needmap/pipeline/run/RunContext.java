package io.needmap.pipeline.run;

import java.util.List;
import java.util.Map;

/**
 * What a run knows beyond its configuration: the command line and settings it was started with
 * (recorded in {@code model/metadata.json}), and for a scheduled run the previous run's output
 * ({@code --previous}) and the labels a team wrote ({@code --labels}).
 *
 * @param commandLine the arguments, command name first
 * @param settings every configuration key and value, after defaults, file and {@code --set}
 * @param previous an earlier run's output folder, or null
 * @param labels a CSV file {@code segment_id,label}, or null
 */
public record RunContext(List<String> commandLine, Map<String, String> settings, String previous, String labels) {
    public RunContext {
        commandLine = List.copyOf(commandLine);
        settings = java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(settings)); // sorted: same order in every JVM
    }

    /** No command line, settings, previous run or labels (programmatic use, benchmarks). */
    public static RunContext none() {
        return new RunContext(List.of(), Map.of(), null, null);
    }
}
