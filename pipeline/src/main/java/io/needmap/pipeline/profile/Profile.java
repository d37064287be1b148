package io.needmap.pipeline.profile;

import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.model.UserLabels;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import io.needmap.pipeline.segment.SegmentEstimator;
import io.needmap.pipeline.segment.SegmentModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The profile stage: profiles every segment of the memberships ({@link SegmentProfiling}) and writes the
 * BI tables, one file each, with the labels this run's model fixes in place of the automatic ones
 * and each segment's stability. {@link #refreshingLabels} (a fit) keeps only a team's labels and puts
 * every final label back into the model, for {@code assign} and the next run;
 * {@link #keepingLabels} ({@code assign}) keeps every label of the saved model and changes nothing in it.
 */
public final class Profile implements Stage {
    /** The manifest's {@code profile} section. */
    record Section(List<Integer> userLabelledSegments, long segments, long suppressedSegments, long labelledWithNeed) {}

    private final boolean keepEveryLabel;

    private Profile(boolean keepEveryLabel) {
        this.keepEveryLabel = keepEveryLabel;
    }

    /** Automatic labels made afresh (a team's kept), and saved into this run's model. */
    public static Profile refreshingLabels() {
        return new Profile(false);
    }

    /** Every label of the saved model kept; the model is not changed. */
    public static Profile keepingLabels() {
        return new Profile(true);
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public String description() {
        return "Profile each segment of OUTPUT/memberships: OUTPUT/segments, segment_interests, "
                + "segment_demographics and segment_overlap.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.memberships(), layout.accepted(Table.ACCOUNTS), layout.accepted(Table.FOLLOWS));
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        List<String> writes = new ArrayList<>(List.of(
                layout.segments(),
                layout.segmentInterests(),
                layout.segmentTerms(),
                layout.segmentDemographics(),
                layout.segmentOverlap(),
                layout.segmentAssets(),
                layout.segmentGaps(),
                layout.segmentPartners(),
                layout.segmentMap()));
        if (!keepEveryLabel) {
            writes.add(layout.model());
        }
        return writes;
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        Dataset<Row> memberships = context.read(layout.memberships());
        SegmentProfiling.Result result = SegmentProfiling.run(
                new SegmentProfiling.Inputs(
                        memberships,
                        context.read(layout.accepted(Table.FOLLOWS)),
                        context.read(layout.accepted(Table.ACCOUNTS)),
                        context.readIfExists(layout.accepted(Table.INTERESTS)),
                        context.readIfExists(layout.accepted(Table.POSTS)),
                        context.readIfExists(layout.accountTerms()),
                        context.readIfExists(layout.accepted(Table.ASSETS))),
                context.config().profile(),
                context.config().topics());
        // One file per table for BI tools. repartition(1), not coalesce(1): coalesce would also pull the
        // aggregations that produce these small tables into a single task. The tables are independent
        // and each is a chain of small stages, so they are written concurrently.
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(layout.segmentInterests(), result.segmentInterests());
        if (result.segmentTerms() != null) {
            tables.put(layout.segmentTerms(), result.segmentTerms());
        }
        Optional<NeedmapModel> model = context.modelIfAny();
        Map<Integer, NeedmapModel.SegmentLabel> fixed =
                model.map(m -> keepEveryLabel ? m.labels() : m.userLabels()).orElse(Map.of());
        Optional<SegmentModel> fitted = model.map(NeedmapModel::segments);
        Dataset<Row> segments =
                SegmentEstimator.withStability(UserLabels.apply(result.segments(), fixed), fitted.orElse(null));
        tables.put(layout.segments(), segments);
        fitted.ifPresent(f -> tables.put(layout.segmentMap(), SegmentMap.of(f, result.segments())));
        tables.put(layout.segmentDemographics(), result.demographics());
        tables.put(layout.segmentOverlap(), result.overlap());
        tables.put(layout.segmentAssets(), result.segmentAssets());
        tables.put(layout.segmentGaps(), result.segmentGaps());
        tables.put(layout.segmentPartners(), result.segmentPartners());
        StageContext.concurrently(tables.entrySet().stream()
                .map(t -> (Runnable) () -> context.write(t.getValue().repartition(1), t.getKey()))
                .toList());
        context.spark().catalog().clearCache();
        // The segments table is a few dozen rows: read once, and everything reported counted from it.
        List<Row> written = context.read(layout.segments())
                .select(Columns.SEGMENT_ID, Columns.LABEL, Columns.LABEL_SOURCE, Columns.SUPPRESSED, Columns.NEED)
                .orderBy(Columns.SEGMENT_ID)
                .collectAsList();
        if (!keepEveryLabel) {
            model.filter(m -> m.segments() != null).ifPresent(m -> context.model(withLabels(m, written)));
        }
        return StageReport.of(memberships.count(), written.size())
                .with(
                        "profile",
                        new Section(
                                written.stream()
                                        .filter(r -> Columns.USER.equals(r.getString(2)))
                                        .map(r -> r.getInt(0))
                                        .toList(),
                                written.size(),
                                written.stream().filter(r -> r.getBoolean(3)).count(),
                                written.stream().filter(r -> !r.isNullAt(4)).count()));
    }

    /**
     * {@code model} with every segment's final label and its source; {@code segments} are rows of
     * {@code segment_id, label, label_source, ...}.
     */
    private static NeedmapModel withLabels(NeedmapModel model, List<Row> segments) {
        Map<Integer, NeedmapModel.SegmentLabel> labels = new TreeMap<>();
        segments.forEach(r -> {
            if (!r.isNullAt(1)) {
                labels.put(r.getInt(0), new NeedmapModel.SegmentLabel(r.getString(1), r.getString(2)));
            }
        });
        return model.withSegments(model.segments(), labels);
    }
}
