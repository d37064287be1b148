package io.needmap.pipeline.segment;

/**
 * Hyper-parameters of segmentation.
 *
 * @param segments the number of segments, or 0 to choose it from the data
 * @param minSegments smallest k considered when choosing (2 lets a weakly structured audience say so)
 * @param maxSegments largest k considered when choosing; the audience lowers it further to
 *     accounts with signal ÷ {@code minSegmentSize}
 * @param minSegmentSize no chosen segment holds fewer accounts (the profile's privacy floor, so that
 *     every segment found can be published); smaller groups join their nearest segment
 * @param minStability a segment whose clusterwise stability ({@link ClusterStability}: mean Jaccard
 *     with its best match when half the audience is clustered again) reaches this is stable (Hennig: 0.75)
 * @param minStableShare k is the largest whose stable segments hold at least this share of the
 *     accounts with signal
 * @param blendLimit a segment whose centre is within this share of its length of a non-negative blend
 *     of at most two other segments' centres is members of those segments, not a need of its own, and
 *     joins the segment of the one that explains more of it ({@link Blends}); 0 keeps every segment
 * @param refine seek k segments in the embedding's k-or-so leading dimensions, refine Ward's cut by
 *     k-means in the fit and in every half the stability is measured on, and take a k only if no two
 *     neighbouring segments are one group ({@link WardSegmenter}): finer stable segments on graded
 *     audiences; false cuts Ward's tree in every dimension (stable only at a coarse level there)
 * @param fitSample accounts sampled to the driver to fit the segments (bounds driver memory:
 *     Ward's method keeps fitSample² / 2 floats)
 * @param silhouetteSample accounts of the fit sample whose mean silhouette is computed for each k
 * @param seed seed of the sample and of the resampling
 */
public record SegmentOptions(
        int segments,
        int minSegments,
        int maxSegments,
        int minSegmentSize,
        double minStability,
        double minStableShare,
        double blendLimit,
        boolean refine,
        int fitSample,
        int silhouetteSample,
        long seed) {
    public SegmentOptions {
        if (segments < 0 || minSegments < 2 || maxSegments < minSegments) {
            throw new IllegalArgumentException(
                    "segments must be 0 (auto) or positive, and 2 <= min-segments <= max-segments");
        }
        if (minSegmentSize < 1
                || !(minStability > 0 && minStability <= 1)
                || !(minStableShare > 0 && minStableShare <= 1)
                || !(blendLimit >= 0 && blendLimit < 1)) {
            throw new IllegalArgumentException("min segment size must be >= 1, min-stability and min-stable-share in"
                    + " (0, 1], blend-limit in [0, 1)");
        }
        if (fitSample < 10 || silhouetteSample < 10) {
            throw new IllegalArgumentException("fit-sample and silhouette-sample must be at least 10");
        }
    }
}
