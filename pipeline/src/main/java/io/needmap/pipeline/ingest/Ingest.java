package io.needmap.pipeline.ingest;

import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import io.needmap.pipeline.spark.InputScale;
import io.needmap.pipeline.spark.ObservedMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * The ingest stage: reads the input folder ({@link InputValidation}), writes the accepted rows of each
 * table, the rejects and the repairs, and records per table what was read, accepted, rejected and
 * repaired with the accepted rows' fingerprint ({@link TableCounts}). It also chooses the run's
 * Spark settings (shuffle partitions, and whether adaptive execution and whole-stage code
 * generation pay) from the input's size ({@link InputScale}).
 */
public final class Ingest implements Stage {
    /** How long to wait for metrics observed while a table was written; without them, a pass of its own. */
    private static final Duration OBSERVED_WITHIN = Duration.ofSeconds(30);

    private final String inputDir;

    /** @param inputDir the folder holding the input tables */
    public Ingest(String inputDir) {
        this.inputDir = inputDir;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return "Validate every input row: accepted rows to OUTPUT/accepted, rows without a usable key with a reason "
                + "to OUTPUT/rejects, fields read as empty or not UTF-8 to OUTPUT/repairs, counts to "
                + "OUTPUT/manifest.json.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of();
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.root() + "/accepted", layout.rejects(), layout.repairs());
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        InputScale.Chosen scale = context.scale().forInput(inputDir);
        IngestResult result = InputValidation.run(
                new InputReader(context.spark(), inputDir, context.config().format()));
        // Each table's fingerprint (rows, content hash) is observed while it is written: no pass of its own.
        Map<Table, Observation> fingerprints = new EnumMap<>(Table.class);
        result.accepted().keySet().forEach(table -> fingerprints.put(table, new Observation(table.fileName())));
        Consumer<Table> writeAccepted = table -> {
            Dataset<Row> rows = result.accepted().get(table);
            context.write(NeedmapModel.Fingerprint.observed(rows, fingerprints.get(table)), layout.accepted(table));
        };
        // Accounts first: follows and posts are checked against them. The other tables are written
        // concurrently, so a file parsed in one task (multi-line CSV) leaves no core idle.
        writeAccepted.accept(Table.ACCOUNTS);
        StageContext.concurrently(result.accepted().keySet().stream()
                .filter(table -> table != Table.ACCOUNTS)
                .map(table -> (Runnable) () -> writeAccepted.accept(table))
                .toList());
        context.write(result.rejects(), layout.rejects());
        context.write(result.repairs(), layout.repairs());
        Map<String, Long> repairedByTable = countsByTable(result.repairedRows()); // reads the cache: before clearing it
        context.spark().catalog().clearCache();

        Map<String, Long> rejectedByTable = countsByTable(
                context.read(layout.rejects()).groupBy(IngestResult.TABLE).count());
        Map<String, Map<String, Long>> repairsByTable = new LinkedHashMap<>();
        context.read(layout.repairs())
                .groupBy(IngestResult.TABLE, IngestResult.COLUMN)
                .count()
                .orderBy(IngestResult.TABLE, IngestResult.COLUMN)
                .collectAsList()
                .forEach(r -> repairsByTable
                        .computeIfAbsent(r.getString(0), t -> new LinkedHashMap<>())
                        .put(r.getString(1), r.getLong(2)));
        Map<String, TableCounts> tables = new LinkedHashMap<>();
        long read = 0;
        long accepted = 0;
        for (Table table : result.accepted().keySet()) {
            NeedmapModel.Fingerprint fingerprint = ObservedMetrics.arrived(fingerprints.get(table), OBSERVED_WITHIN)
                    .map(NeedmapModel.Fingerprint::of)
                    .orElseGet(() -> NeedmapModel.Fingerprint.of(context.read(layout.accepted(table))));
            long ok = fingerprint.rows();
            long bad = rejectedByTable.getOrDefault(table.fileName(), 0L);
            tables.put(
                    table.fileName(),
                    new TableCounts(
                            ok + bad,
                            ok,
                            bad,
                            repairedByTable.getOrDefault(table.fileName(), 0L),
                            repairsByTable.getOrDefault(table.fileName(), Map.of()),
                            fingerprint.hash()));
            read += ok + bad;
            accepted += ok;
        }
        return StageReport.of(read, accepted)
                .with("input", inputDir)
                .with(TableCounts.SECTION, tables)
                .with(InputScale.PARTITIONS_SECTION, scale.partitions())
                .with(InputScale.BYTES_SECTION, scale.inputBytes());
    }

    /** {@code table, count} rows as a map. */
    private static Map<String, Long> countsByTable(Dataset<Row> counts) {
        Map<String, Long> byTable = new LinkedHashMap<>();
        counts.collectAsList().forEach(r -> byTable.put(r.getString(0), r.getLong(1)));
        return byTable;
    }
}
