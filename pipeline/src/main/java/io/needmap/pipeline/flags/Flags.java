package io.needmap.pipeline.flags;

import static org.apache.spark.sql.functions.lit;

import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The flags stage, right after ingest in every plan (so {@code assign} and {@code --previous} runs
 * apply the same rules to their own export): checks every accepted account ({@link AccountFlagging}),
 * writes {@code account_flags/} and records the manifest's {@code flags} section. It is also where
 * the later stages learn who the members are: {@link #members} for the stages that fit, tag and
 * embed, {@link #withFlags} for the memberships.
 *
 * <p>Weakness: a later stage run on its own after {@code needmap ingest} alone reads the
 * {@code account_flags/} an earlier run left (none: nobody is left out); run {@code needmap flags}
 * after ingest.
 */
public final class Flags implements Stage {
    static final String SECTION = "flags";

    @Override
    public String description() {
        return "Check every account of OUTPUT/accepted against the flag rules (bots, spam, inactive accounts): "
                + "OUTPUT/account_flags, counts per flag and rule to OUTPUT/manifest.json.";
    }

    @Override
    public String name() {
        return "flags";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.accepted(Table.ACCOUNTS), layout.accepted(Table.FOLLOWS));
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.accountFlags());
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        try (AccountFlagging.Result result = AccountFlagging.run(
                context.read(layout.accepted(Table.ACCOUNTS)),
                context.read(layout.accepted(Table.FOLLOWS)),
                context.readIfExists(layout.accepted(Table.POSTS)),
                context.config().flags())) {
            context.write(result.flags(), layout.accountFlags());
            return StageReport.of(result.summary().accounts(), result.summary().flagged())
                    .with(SECTION, result.summary());
        }
    }

    /**
     * {@code rows} (with an {@code account_id}) without the flagged accounts when
     * {@code flags.exclude} is on and the flags stage ran; {@code rows} otherwise, and null for null.
     */
    public static Dataset<Row> members(StageContext context, Dataset<Row> rows) {
        return rows == null || !context.config().flags().exclude()
                ? rows
                : AccountFlagging.withoutFlagged(
                        rows, context.readIfExists(context.layout().accountFlags()));
    }

    /**
     * {@code memberships} of the segmented accounts with their {@code flag} column, and the flagged
     * accounts left out under {@link io.needmap.pipeline.segment.SegmentEstimator#FLAGGED}
     * ({@link AccountFlagging#withFlags}); without {@code account_flags/}, a {@code flag} column of nulls.
     */
    public static Dataset<Row> withFlags(StageContext context, Dataset<Row> memberships) {
        Dataset<Row> flags = context.readIfExists(context.layout().accountFlags());
        return flags == null
                ? memberships.withColumn(Columns.FLAG, lit(null).cast("string"))
                : AccountFlagging.withFlags(
                        memberships, flags, context.config().flags().exclude());
    }
}
