package io.needmap.pipeline.features;

import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.StageContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The features stage of {@code assign}: embeds the accounts with a saved model's vocabulary, weights
 * and basis ({@link FeatureModel#transform}); nothing is learnt and no model is written.
 */
public final class EmbedFeatures extends EmbeddingStage {
    private final FeatureModel model;

    public EmbedFeatures(FeatureModel model) {
        this.model = model;
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.embeddings());
    }

    @Override
    public String description() {
        return "Embed the accounts of OUTPUT/accepted with a saved model's vocabulary, weights and basis into "
                + "OUTPUT/features.";
    }

    @Override
    FeatureEstimator.Fitted embed(Dataset<Row> occurrences, Dataset<Row> accounts, StageContext context) {
        return new FeatureEstimator.Fitted(model, model.transform(occurrences, accounts));
    }
}
