package io.needmap.pipeline.segment;

import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.flags.Flags;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The segment stage of {@code assign}: every account to its nearest saved segment, nothing refitted;
 * the flagged accounts as {@link Flags#withFlags} adds them.
 */
public final class PlaceSegments implements Stage {
    private final SegmentModel model;

    public PlaceSegments(SegmentModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return FitSegments.NAME;
    }

    @Override
    public String description() {
        return "Place every account of OUTPUT/features into its nearest saved segment: OUTPUT/memberships.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.embeddings());
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.memberships(), layout.segmentLineage());
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        Dataset<Row> embeddings = context.read(layout.embeddings());
        context.write(Flags.withFlags(context, model.transform(embeddings)), layout.memberships());
        context.delete(layout.segmentLineage());
        Dataset<Row> memberships = context.read(layout.memberships());
        long withoutSignal = memberships
                .filter(col(Columns.SEGMENT_ID).equalTo(SegmentEstimator.NO_SIGNAL))
                .count();
        return StageReport.of(embeddings.count(), memberships.count())
                .with(Segmentation.SECTION, Segmentation.placed(model.k(), withoutSignal));
    }
}
