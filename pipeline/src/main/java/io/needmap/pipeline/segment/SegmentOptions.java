package io.needmap.pipeline.segment;

/**
 * Hyper-parameters of segmentation.
 *
 * @param segments the number of segments, or 0 to choose it in [minSegments, maxSegments]
 * @param minSegments smallest k considered when choosing
 * @param maxSegments largest k considered when choosing
 * @param fitSample accounts sampled to the driver to fit the segments (bounds driver memory:
 *     Ward's method keeps fitSample² / 2 floats)
 * @param silhouetteSample accounts of the fit sample used to score each candidate k
 * @param seed seed of the sample
 */
public record SegmentOptions(int segments, int minSegments, int maxSegments, int fitSample, int silhouetteSample,
                             long seed) {
    public SegmentOptions {
        if (segments < 0 || minSegments < 2 || maxSegments < minSegments) {
            throw new IllegalArgumentException(
                    "segments must be 0 (auto) or positive, and 2 <= min-segments <= max-segments");
        }
        if (fitSample < 10 || silhouetteSample < 10) {
            throw new IllegalArgumentException("fit-sample and silhouette-sample must be at least 10");
        }
    }
}
