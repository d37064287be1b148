package io.needmap.jobs;

import io.needmap.pipeline.run.RunContext;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Flags that some commands share; each applies itself to the settings or the context ({@link RunSetting}). */
final class StageOptions {
    private StageOptions() {}

    /** {@code --input} and {@code --format}: where and how to read the input tables. */
    static final class Input implements RunSetting {
        @Option(
                names = "--input",
                required = true,
                paramLabel = "DIR",
                description = "Folder holding the input tables.")
        String dir;

        @Option(
                names = "--format",
                paramLabel = "csv|parquet|jsonl",
                description = "Format of every input table (default: by file extension).")
        String format;

        @Override
        public void applyTo(Properties properties) {
            if (format != null) {
                properties.setProperty("ingest.format", format);
            }
        }
    }

    /** {@code --segments}: a fixed k instead of the automatic choice. */
    static final class Segments implements RunSetting {
        @Option(
                names = "--segments",
                paramLabel = "N",
                description = "Number of segments (default: chosen from the data, see segment.* in the configuration).")
        Integer count;

        @Override
        public void applyTo(Properties properties) {
            if (count != null) {
                properties.setProperty("segment.count", count.toString());
            }
        }
    }

    /** {@code --previous} and {@code --labels}: continue an earlier run's segment ids and a team's labels. */
    static final class Lineage implements RunSetting {
        @Option(
                names = "--previous",
                paramLabel = "DIR",
                description = "An earlier run's output: segments that continue its segments keep their ids; "
                        + "OUTPUT/segment_lineage says what survived, split, merged, emerged or disappeared; "
                        + "texts it tagged are read from its term_cache instead of being tagged again.")
        String previous;

        @Option(
                names = "--labels",
                paramLabel = "FILE",
                description = "CSV segment_id,label: labels a team wrote, used instead of the automatic ones "
                        + "(ids stay stable with --previous, so the same file keeps working).")
        String labels;

        @Override
        public RunContext applyTo(RunContext context) {
            return new RunContext(context.commandLine(), context.settings(), previous, labels);
        }
    }
}
