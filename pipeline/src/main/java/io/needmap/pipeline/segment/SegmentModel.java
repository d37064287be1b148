package io.needmap.pipeline.segment;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import smile.math.MathEx;

/**
 * Fitted segments: unit-length centroids ordered by size in the fit sample (segment 0 is the
 * largest), with how k was chosen.
 *
 * @param centroids one unit vector per segment
 * @param candidates every k considered, with the score of each criterion (empty when k was given)
 * @param merges groups joined to another after the cut, and why (for the manifest)
 * @param criterion one sentence on how k was chosen, for the manifest
 */
public record SegmentModel(double[][] centroids, Map<Integer, Candidate> candidates, List<String> merges,
                           String criterion) implements Serializable {

    /** Scores of one candidate k: prediction strength (the criterion) and mean silhouette (reported). */
    public record Candidate(double predictionStrength, double silhouette) implements Serializable {
    }

    public SegmentModel {
        candidates = Map.copyOf(candidates);
        merges = List.copyOf(merges);
    }

    public int k() {
        return centroids.length;
    }

    /** The same model without the given segments (ids renumbered in order), with a note on why. */
    public SegmentModel without(boolean[] dropped, String why) {
        List<double[]> kept = new java.util.ArrayList<>();
        for (int s = 0; s < centroids.length; s++) {
            if (!dropped[s]) {
                kept.add(centroids[s]);
            }
        }
        List<String> notes = new java.util.ArrayList<>(merges);
        notes.add(why);
        return new SegmentModel(kept.toArray(double[][]::new), candidates, notes, criterion);
    }

    /** Nearest and second-nearest segment of a unit vector, with its cosine to the nearest. */
    public Assignment assign(double[] embedding) {
        int best = -1;
        int second = -1;
        double bestCos = Double.NEGATIVE_INFINITY;
        double secondCos = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < centroids.length; s++) {
            double cos = MathEx.dot(embedding, centroids[s]);
            if (cos > bestCos) {
                second = best;
                secondCos = bestCos;
                best = s;
                bestCos = cos;
            } else if (cos > secondCos) {
                second = s;
                secondCos = cos;
            }
        }
        return new Assignment(best, Math.max(0, Math.min(1, bestCos)), second < 0 ? null : second);
    }

    /** A segment, closeness to it in [0, 1] (cosine, floored at 0) and the runner-up segment. */
    public record Assignment(int segment, double score, Integer secondSegment) {
    }
}
