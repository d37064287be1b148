package io.needmap.pipeline.segment;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import smile.math.MathEx;

/**
 * Fitted segments: unit-length centroids ordered by size in the fit sample, each with its stable
 * segment id, with how k was chosen. A fresh fit numbers segments 0..k-1 by size (0 is the
 * largest); matched against a previous run ({@link SegmentLineage}) a segment keeps the id it had
 * there, and a new one gets {@code nextSegmentId} onwards, so an id is never reused in a lineage.
 *
 * @param centroids one unit vector per segment
 * @param segmentIds the published id of each centroid, in the same order
 * @param nextSegmentId the smallest id never given to a segment in this model's lineage
 * @param candidates every k considered, with the score of each criterion (empty when k was given)
 * @param merges groups joined to another after the cut, and why (for the manifest)
 * @param criterion one sentence on how k was chosen, for the manifest
 */
public record SegmentModel(
        double[][] centroids,
        int[] segmentIds,
        int nextSegmentId,
        Map<Integer, Candidate> candidates,
        List<String> merges,
        String criterion)
        implements Serializable {

    /** Scores of one candidate k: prediction strength (reproducibility, reported) and mean silhouette (its peak chooses). */
    public record Candidate(double predictionStrength, double silhouette) implements Serializable {}

    public SegmentModel {
        if (segmentIds.length != centroids.length) {
            throw new IllegalArgumentException(
                    segmentIds.length + " segment ids for " + centroids.length + " centroids");
        }
        candidates = Map.copyOf(candidates);
        merges = List.copyOf(merges);
    }

    /** A fresh fit: ids 0..k-1 in centroid order. */
    public SegmentModel(
            double[][] centroids, Map<Integer, Candidate> candidates, List<String> merges, String criterion) {
        this(
                centroids,
                java.util.stream.IntStream.range(0, centroids.length).toArray(),
                centroids.length,
                candidates,
                merges,
                criterion);
    }

    /** The same segments under other ids (in centroid order). */
    public SegmentModel withIds(int[] ids, int next) {
        return new SegmentModel(centroids, ids, next, candidates, merges, criterion);
    }

    /** Position of the segment with this id among the centroids, or -1. */
    public int indexOf(int segmentId) {
        for (int s = 0; s < segmentIds.length; s++) {
            if (segmentIds[s] == segmentId) {
                return s;
            }
        }
        return -1;
    }

    public int k() {
        return centroids.length;
    }

    /**
     * The same model without the given segments (by position), with a note on why; a fresh fit's
     * ids are renumbered 0..k-1 in order.
     */
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

    /** Nearest and second-nearest segment (their ids) of a unit vector, with its cosine to the nearest. */
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
        return new Assignment(
                segmentIds[best], Math.max(0, Math.min(1, bestCos)), second < 0 ? null : segmentIds[second]);
    }

    /** A segment, closeness to it in [0, 1] (cosine, floored at 0) and the runner-up segment. */
    public record Assignment(int segment, double score, Integer secondSegment) {}
}
