package io.needmap.pipeline.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.List;
import java.util.Map;

/**
 * The report stage: the Customer Innovation Wall ({@link WallRendering}) from the profile tables, and
 * the manifest's {@code data_quality} section with the figures of its data-quality panel.
 */
public final class Report implements Stage {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String description() {
        return "Write OUTPUT/report/index.html (the Customer Innovation Wall) from OUTPUT/segments, "
                + "segment_overlap, segment_demographics, memberships and account_flags.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.segments(), layout.segmentOverlap(), layout.segmentDemographics());
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.report(), layout.wallPdf());
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        WallData wall = WallData.of(WallData.Tables.read(
                context, context.manifest().get("tables", new TypeReference<Map<String, Object>>() {})));
        WallRendering.write(wall, layout.report(), layout.wallPdf(), context.hadoop());
        return StageReport.of(wall.cards().size(), 2).with(DataQuality.SECTION, wall.accounts());
    }
}
