package io.needmap.pipeline.features;

import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.ingest.TableCounts;
import io.needmap.pipeline.model.NeedmapModel;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.StageContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The features stage of {@code run}: learns the vocabulary, weights and basis from this audience
 * ({@link FeatureEstimator#fit}) and starts this run's model with them and its provenance (the
 * settings, and the fingerprint of each accepted input table).
 */
public final class FitFeatures extends EmbeddingStage {
    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.embeddings(), layout.model());
    }

    @Override
    public String description() {
        return "Build TF-IDF account features and their SVD embedding from OUTPUT/accepted into OUTPUT/features.";
    }

    @Override
    FeatureEstimator.Fitted embed(Dataset<Row> occurrences, Dataset<Row> accounts, StageContext context) {
        FeatureEstimator.Fitted fitted = new FeatureEstimator(context.config().features()).fit(occurrences, accounts);
        context.model(new NeedmapModel(
                fitted.model(),
                null,
                Map.of(),
                NeedmapModel.Metadata.of(context.run(), context.config().seed(), inputFingerprints(context))));
        return fitted;
    }

    /**
     * The fingerprint of each accepted input table, as ingest recorded it in the manifest; computed
     * here (one pass per table) only for an output whose ingest did not record it.
     */
    private static Map<String, NeedmapModel.Fingerprint> inputFingerprints(StageContext context) {
        Map<String, TableCounts> recorded = TableCounts.of(context.manifest());
        Map<String, NeedmapModel.Fingerprint> inputs = new TreeMap<>();
        for (Table table : Table.values()) {
            TableCounts counts = recorded.get(table.fileName());
            String accepted = context.layout().accepted(table);
            if (counts != null && counts.contentHash() != null) {
                inputs.put(table.fileName(), new NeedmapModel.Fingerprint(counts.accepted(), counts.contentHash()));
            } else if (context.exists(accepted)) {
                inputs.put(table.fileName(), NeedmapModel.Fingerprint.of(context.read(accepted)));
            }
        }
        return inputs;
    }
}
