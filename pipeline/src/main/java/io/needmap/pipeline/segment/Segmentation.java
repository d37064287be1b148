package io.needmap.pipeline.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code segmentation} section: k and how it was chosen; for a fit also the sample
 * it was fitted on, every candidate k's scores, the merges after the cut and each segment's
 * stability (null where it could not be measured); the accounts that had no embedding.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Segmentation(
        int k,
        String criterion,
        Integer fitSample,
        Map<String, Scores> candidates,
        List<String> merges,
        Map<Integer, Double> stability,
        long accountsWithoutSignal) {
    static final String SECTION = "segmentation";

    /** One candidate k's scores, rounded to 4 decimals (see {@link SegmentModel.Candidate}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scores(
            double stableShare,
            int stableSegments,
            double minJaccard,
            double silhouette,
            int smallestGroup,
            Boolean separated) {}

    /** The section of a model placed into, not fitted. */
    static Segmentation placed(int k, long accountsWithoutSignal) {
        return new Segmentation(
                k,
                "placed into the segments of a saved model, not refitted",
                null,
                null,
                null,
                null,
                accountsWithoutSignal);
    }

    static double rounded(double value) {
        return Math.round(value * 1e4) / 1e4;
    }
}
