package io.needmap.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import io.needmap.pipeline.flags.Flags;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import io.needmap.pipeline.spark.ObservedMetrics;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * The features stage, whichever {@link FeatureModel} it embeds with: builds the occurrences (follows,
 * and with their weights the account's own terms and the terms of what it follows, see
 * {@link FeatureSources}) of the members ({@link Flags#members}), writes {@code features/embeddings} and records the vocabulary size and
 * the accounts that have an embedding. {@link FitFeatures} learns the model; {@link EmbedFeatures}
 * applies a saved one.
 */
abstract sealed class EmbeddingStage implements Stage permits FitFeatures, EmbedFeatures {
    static final String NAME = "features";
    /** How long to wait for the observed count of embedded accounts; without it, a pass of its own. */
    private static final Duration OBSERVED_WITHIN = Duration.ofSeconds(30);

    /** The manifest's {@code features} section. */
    record Section(long vocabulary, long accountsWithFeatures) {}

    /** The model and the embeddings of {@code accounts}, from their {@code occurrences}. */
    abstract FeatureEstimator.Fitted embed(Dataset<Row> occurrences, Dataset<Row> accounts, StageContext context);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.accepted(Table.ACCOUNTS), layout.accepted(Table.FOLLOWS));
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        Dataset<Row> follows = Flags.members(context, context.read(layout.accepted(Table.FOLLOWS)));
        Dataset<Row> accounts = Flags.members(context, context.read(layout.accepted(Table.ACCOUNTS)));
        Dataset<Row> occurrences = FeatureSources.of(context, follows);
        FeatureModel model;
        Observation embedded = new Observation("embedded");
        try (FeatureEstimator.Fitted fitted = embed(occurrences, accounts, context)) {
            model = fitted.model();
            Dataset<Row> embeddings = fitted.embeddings().accounts();
            context.write(
                    embeddings.observe(embedded, count(col(Columns.EMBEDDING)).as("with_signal")), layout.embeddings());
        }
        context.spark().catalog().clearCache();
        long withSignal = ObservedMetrics.arrived(embedded, OBSERVED_WITHIN)
                .map(metrics -> ((Number) metrics.get("with_signal")).longValue())
                .orElseGet(() -> context.read(layout.embeddings())
                        .filter(col(Columns.EMBEDDING).isNotNull())
                        .count());
        return StageReport.of(follows.count(), withSignal)
                .with(NAME, new Section(model.features().size(), withSignal));
    }
}
