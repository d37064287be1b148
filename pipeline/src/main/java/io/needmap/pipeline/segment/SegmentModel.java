package io.needmap.pipeline.segment;

import java.io.Serializable;
import java.util.Map;
import smile.math.MathEx;

/**
 * Fitted segments: unit-length centroids ordered by size in the fit sample (segment 0 is the
 * largest), with how k was chosen.
 *
 * @param centroids one unit vector per segment
 * @param silhouetteByK the silhouette of every k considered (empty when k was given)
 * @param criterion one sentence on how k was chosen, for the manifest
 */
public record SegmentModel(double[][] centroids, Map<Integer, Double> silhouetteByK, String criterion)
        implements Serializable {

    public int k() {
        return centroids.length;
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
