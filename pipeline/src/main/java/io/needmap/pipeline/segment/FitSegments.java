package io.needmap.pipeline.segment;

import static org.apache.spark.sql.functions.broadcast;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.features.FeatureSources;
import io.needmap.pipeline.flags.Flags;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.ingest.TableCounts;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.model.UserLabels;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.Manifest;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The segment stage of {@code run}: fits segments on the embeddings ({@link SegmentEstimator}); with
 * {@code --previous}, numbers them after the previous run's segments they continue
 * ({@link SegmentLineage}), writes {@code segment_lineage/} and compares the input row counts with
 * the previous run's; writes the memberships (with the flagged accounts, {@link Flags#withFlags}),
 * and puts the segments into this run's model with the labels a team gave them (the previous run's,
 * then {@code --labels}).
 */
public final class FitSegments implements Stage {
    static final String NAME = "segment";

    /** The manifest's {@code lineage} section: the previous run and its transitions by kind. */
    record Lineage(String previous, Map<String, Long> transitions) {}

    /** The manifest's {@code previous_run} section. */
    record PreviousRun(String output, Map<String, AcceptedRows> tables) {}

    /** A table's accepted rows in this run and the previous one (null when it had no such table). */
    record AcceptedRows(long accepted, Long previousAccepted) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fit segments on OUTPUT/features and write OUTPUT/memberships.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.embeddings(), layout.accepted(Table.FOLLOWS));
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.memberships(), layout.segmentLineage(), layout.model());
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        Dataset<Row> embeddings = context.read(layout.embeddings());
        SegmentEstimator.Result result =
                new SegmentEstimator(context.config().segment()).fit(embeddings, profiles(context));
        StageReport report = StageReport.of(result.accounts(), result.accounts()) // one membership per account
                .without("previous_run")
                .without("lineage");
        List<String> warnings = new ArrayList<>();
        SegmentModel model = result.model();
        Map<Integer, NeedmapModel.SegmentLabel> previousLabels = Map.of();
        if (context.run().previous() == null) {
            context.delete(layout.segmentLineage());
        } else {
            NeedmapModel before =
                    NeedmapModel.loadLineage(new OutputLayout(context.run().previous()).model(), context.spark());
            if (before.segments() == null) {
                throw new InputException(
                        "The previous run in " + context.run().previous() + " has no segments in its model.");
            }
            previousLabels = before.userLabels();
            model = continueLineage(context, result, before, report, warnings);
        }
        context.write(
                Flags.withFlags(context, model == result.model() ? result.memberships() : model.transform(embeddings)),
                layout.memberships());
        result.memberships().unpersist();
        SegmentModel numbered = model;
        UserLabels.Carried labels = UserLabels.carry(
                previousLabels,
                context.run().labels() == null
                        ? Map.of()
                        : UserLabels.read(context.spark(), context.run().labels()),
                id -> numbered.indexOf(id) >= 0);
        warnings.addAll(labels.warnings());
        NeedmapModel features = context.model();
        context.model(new NeedmapModel(
                features.features(),
                model,
                labels.labels(),
                NeedmapModel.Metadata.of(
                        context.run(),
                        context.config().seed(),
                        features.metadata().inputs())));
        return report.warnings(warnings).with(Segmentation.SECTION, section(result, model));
    }

    /**
     * The fit sample's follows as the features stage weighted them (through this run's feature
     * model, each row unit length), that blends are told by ({@link Blends}). Follows only: a
     * segment's mean text profile is mostly words of single members that no other segment uses, so
     * with text every segment looked less like a blend than it is (generated 60/40 audience of
     * 20,000: the blend left 0.60 with text, 0.39 without; the needs of a graded audience 0.51 or
     * more either way).
     */
    private static SegmentEstimator.Profiles profiles(StageContext context) {
        return accounts -> {
            Dataset<Row> follows = context.read(context.layout().accepted(Table.FOLLOWS))
                    .join(broadcast(accounts), Columns.ACCOUNT_ID);
            return context.model()
                    .features()
                    .weightedRows(FeatureSources.follows(follows))
                    .collect();
        };
    }

    private static Segmentation section(SegmentEstimator.Result result, SegmentModel model) {
        SegmentModel fitted = result.model();
        Map<String, Segmentation.Scores> candidates = new LinkedHashMap<>();
        fitted.candidates().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(c -> candidates.put(
                        String.valueOf(c.getKey()),
                        new Segmentation.Scores(
                                Segmentation.rounded(c.getValue().stableShare()),
                                c.getValue().stableSegments(),
                                Segmentation.rounded(c.getValue().minJaccard()),
                                Segmentation.rounded(c.getValue().silhouette()),
                                c.getValue().smallestGroup(),
                                c.getValue().separated())));
        Map<Integer, Double> stability = new TreeMap<>();
        for (int s = 0; s < model.k(); s++) {
            double measured = model.stability()[s];
            stability.put(model.segmentIds()[s], Double.isNaN(measured) ? null : Segmentation.rounded(measured));
        }
        return new Segmentation(
                fitted.k(),
                fitted.criterion(),
                result.sampleSize(),
                candidates,
                fitted.merges(),
                stability,
                result.withoutSignal());
    }

    /**
     * The fitted segments under the ids of the previous run's segments they continue, with
     * {@code segment_lineage/} written and the lineage and input comparison put in the report.
     */
    private static SegmentModel continueLineage(
            StageContext context,
            SegmentEstimator.Result result,
            NeedmapModel before,
            StageReport report,
            List<String> warnings) {
        OutputLayout previous = new OutputLayout(context.run().previous());
        Dataset<Row> previousMemberships = context.read(previous.memberships());
        Map<Integer, Long> previousSizes = new TreeMap<>(SegmentEstimator.sizes(previousMemberships));
        previousSizes.remove(SegmentEstimator.NO_SIGNAL);
        previousSizes.remove(SegmentEstimator.FLAGGED);
        long[] sizes = new long[result.model().k()];
        result.sizes().forEach((id, count) -> {
            if (id != SegmentEstimator.NO_SIGNAL) {
                sizes[id] = count;
            }
        });
        Map<Integer, String> userLabels = new TreeMap<>();
        before.userLabels().forEach((id, label) -> userLabels.put(id, label.label()));
        SegmentLineage.Result lineage = SegmentLineage.match(
                previousSizes,
                sizes,
                SegmentLineage.overlaps(result.memberships(), previousMemberships),
                before.segments().nextSegmentId(),
                userLabels);
        context.write(
                SegmentLineage.table(context.spark(), lineage.transitions()).repartition(1),
                context.layout().segmentLineage());
        report.with("lineage", new Lineage(context.run().previous(), SegmentLineage.summary(lineage.transitions())));
        compareInputs(context, Manifest.open(previous.manifest(), context.hadoop()), report, warnings);
        return result.model().withIds(lineage.ids(), lineage.nextSegmentId());
    }

    /**
     * Accepted rows per input table next to the previous run's, with a warning when a table moved
     * by more than {@code run.row-count-warning-factor} either way.
     */
    private static void compareInputs(
            StageContext context, Manifest previous, StageReport report, List<String> warnings) {
        Map<String, TableCounts> now = TableCounts.of(context.manifest());
        Map<String, TableCounts> then = TableCounts.of(previous);
        Map<String, AcceptedRows> tables = new LinkedHashMap<>();
        double factor = context.config().rowCountWarningFactor();
        if (!now.isEmpty() && !then.isEmpty()) {
            now.forEach((table, counts) -> {
                long accepted = counts.accepted();
                TableCounts before = then.get(table);
                Long previousAccepted = before == null ? null : before.accepted();
                tables.put(table, new AcceptedRows(accepted, previousAccepted));
                long was = previousAccepted == null ? 0 : previousAccepted;
                if (accepted > factor * was || was > factor * accepted) {
                    warnings.add(String.format(
                            Locale.ROOT,
                            "%s: %,d accepted rows against %,d in the previous run (more than %.1f times %s)",
                            table,
                            accepted,
                            was,
                            factor,
                            accepted > was ? "more" : "fewer"));
                }
            });
        }
        report.with("previous_run", new PreviousRun(context.run().previous(), tables));
    }
}
