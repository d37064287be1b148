package io.needmap.pipeline.segment;

import static io.needmap.pipeline.output.Columns.ACCOUNT_ID;
import static io.needmap.pipeline.output.Columns.EMBEDDING;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import smile.math.MathEx;

/**
 * Fitted segments: centroids ordered by size in the fit sample (the mean of the members' unit
 * embeddings: direction and tightness, see {@link #assign}), each with its stable segment id and its
 * clusterwise stability, with how k was chosen. A fresh fit numbers segments 0..k-1 by size (0 is the
 * largest); matched against a previous run ({@link SegmentLineage}) a segment keeps the id it had
 * there, and a new one gets {@code nextSegmentId} onwards, so an id is never reused in a lineage.
 *
 * @param centroids one mean of unit vectors per segment (a unit vector in models saved before)
 * @param stability each segment's clusterwise stability ({@link ClusterStability}), in the same
 *     order; NaN where it could not be measured
 * @param weights each segment's mixing weight (its share of the fit sample, summing to 1), in the
 *     same order; equal in models saved before weights were kept
 * @param segmentIds the published id of each centroid, in the same order
 * @param nextSegmentId the smallest id never given to a segment in this model's lineage
 * @param candidates every k considered, with the score of each criterion (empty when k was given)
 * @param merges groups joined to another after the cut, and why (for the manifest)
 * @param criterion one sentence on how k was chosen, for the manifest
 */
public record SegmentModel(
        double[][] centroids,
        double[] stability,
        double[] weights,
        int[] segmentIds,
        int nextSegmentId,
        Map<Integer, Candidate> candidates,
        List<String> merges,
        String criterion)
        implements Serializable {

    /**
     * Scores of one candidate k: share of the sample in stable segments (chooses), how many segments
     * are stable, the least stable segment's Jaccard, the mean silhouette (reported for comparison),
     * the smallest group of the cut (sampled accounts) and whether no two neighbouring groups are one
     * group (null where it was not tested: the cut failed an earlier test): the last two say why a k
     * whose segments are all stable was not taken.
     */
    public record Candidate(
            double stableShare,
            int stableSegments,
            double minJaccard,
            double silhouette,
            int smallestGroup,
            Boolean separated)
            implements Serializable {}

    public SegmentModel {
        if (segmentIds.length != centroids.length
                || stability.length != centroids.length
                || weights.length != centroids.length) {
            throw new IllegalArgumentException(segmentIds.length + " segment ids, " + stability.length
                    + " stabilities and " + weights.length + " weights for " + centroids.length + " centroids");
        }
        candidates = Map.copyOf(candidates);
        merges = List.copyOf(merges);
    }

    /** A fresh fit with equal mixing weights: ids 0..k-1 in centroid order. */
    public SegmentModel(
            double[][] centroids,
            double[] stability,
            Map<Integer, Candidate> candidates,
            List<String> merges,
            String criterion) {
        this(centroids, stability, equalWeights(centroids.length), candidates, merges, criterion);
    }

    /** A fresh fit: ids 0..k-1 in centroid order. */
    public SegmentModel(
            double[][] centroids,
            double[] stability,
            double[] weights,
            Map<Integer, Candidate> candidates,
            List<String> merges,
            String criterion) {
        this(
                centroids,
                stability,
                weights,
                java.util.stream.IntStream.range(0, centroids.length).toArray(),
                centroids.length,
                candidates,
                merges,
                criterion);
    }

    /** The same segments under other ids (in centroid order). */
    public SegmentModel withIds(int[] ids, int next) {
        return new SegmentModel(centroids, stability, weights, ids, next, candidates, merges, criterion);
    }

    /** k equal mixing weights. */
    public static double[] equalWeights(int k) {
        double[] weights = new double[k];
        java.util.Arrays.fill(weights, 1.0 / Math.max(1, k));
        return weights;
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
        int[] kept = java.util.stream.IntStream.range(0, centroids.length)
                .filter(s -> !dropped[s])
                .toArray();
        List<String> notes = new java.util.ArrayList<>(merges);
        notes.add(why);
        return fresh(kept, notes);
    }

    /**
     * A fresh fit (ids 0..) of the segments at {@code positions}, in that order, their mixing weights
     * scaled to sum to 1 again.
     */
    private SegmentModel fresh(int[] positions, List<String> notes) {
        double kept =
                java.util.Arrays.stream(positions).mapToDouble(s -> weights[s]).sum();
        return new SegmentModel(
                java.util.Arrays.stream(positions).mapToObj(s -> centroids[s]).toArray(double[][]::new),
                java.util.Arrays.stream(positions)
                        .mapToDouble(s -> stability[s])
                        .toArray(),
                java.util.Arrays.stream(positions)
                        .mapToDouble(s -> kept > 0 ? weights[s] / kept : 1.0 / positions.length)
                        .toArray(),
                candidates,
                notes,
                criterion);
    }

    /**
     * This fresh fit with its segments renumbered 0..k-1 by {@code sizes} (accounts per segment id,
     * largest first, ties by id), or this model when that is already their order.
     */
    public SegmentModel numberedBySize(Map<Integer, Long> sizes) {
        int[] order = java.util.stream.IntStream.range(0, k())
                .boxed()
                .sorted(java.util.Comparator.comparingLong((Integer s) -> -sizes.getOrDefault(segmentIds[s], 0L))
                        .thenComparingInt(s -> segmentIds[s]))
                .mapToInt(Integer::intValue)
                .toArray();
        boolean ordered = true;
        for (int rank = 0; rank < order.length; rank++) {
            ordered &= segmentIds[order[rank]] == rank;
        }
        return ordered ? this : fresh(order, merges);
    }

    /**
     * The segment most likely to have produced a unit vector, the runner-up, and the vector's cosine
     * to the chosen segment's direction. Each segment is read as a von Mises-Fisher distribution on
     * the unit sphere (Banerjee, Dhillon, Ghosh &amp; Sra, "Clustering on the unit hypersphere using
     * von Mises-Fisher distributions", JMLR 6, 2005): its direction is the centroid's, its
     * concentration κ follows from the centroid's length R̄ (the members' mean cosine) as
     * R̄(d − R̄²)/(1 − R̄²), and the log posterior ln π + κ·cos + log C_d(κ) decides, π the segment's
     * mixing weight (its share of the fit sample: an account halfway between a need of a third of the
     * audience and one of a hundredth more likely belongs to the first). Why not the nearest
     * direction: a broad need's members sit further from its centre than a tight niche's members
     * from the niche's, so by raw cosine an account whose follows split 70/30 between a broad need and
     * a tight niche lands in the niche (20,000 generated accounts, 40 needs: ARI 0.937 by cosine);
     * why not cosine ÷ R̄: that favours every loose segment, so a need cut in two went wholly to its
     * looser half. A model whose centroids are unit vectors (saved before centroids kept their
     * length) scores by plain cosine.
     *
     * <p>Weakness: κ is one number per segment in every direction, while the embedding's variance
     * sits in a few directions; it ranks segments by spread well but is not a calibrated probability.
     */
    public Assignment assign(double[] embedding) {
        return scorer().assign(embedding);
    }

    /**
     * Every account's segment ({@link #assign}), as {@code memberships} rows; an account without an
     * embedding gets {@link SegmentEstimator#NO_SIGNAL}. The model's scorer (k centroids with their
     * concentrations, computed once here rather than per account) travels inside each task's closure:
     * at a few dozen kilobytes a broadcast would save nothing and would outlive the lazy dataset.
     */
    public Dataset<Row> transform(Dataset<Row> embeddings) {
        Scorer scorer = scorer();
        return embeddings
                .sparkSession()
                .createDataFrame(
                        embeddings.select(ACCOUNT_ID, EMBEDDING).toJavaRDD().map(row -> {
                            if (row.isNullAt(1)) {
                                return RowFactory.create(row.getString(0), SegmentEstimator.NO_SIGNAL, 0.0, null);
                            }
                            List<Double> values = row.getList(1);
                            Assignment a = scorer.assign(values.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray());
                            return RowFactory.create(row.getString(0), a.segment(), a.score(), a.secondSegment());
                        }),
                        SegmentEstimator.membershipSchema());
    }

    /**
     * {@link #assign} with what it needs of each segment (direction length, concentration,
     * normaliser) computed once: take one per task when assigning many vectors.
     */
    public Scorer scorer() {
        int k = centroids.length;
        int dimensions = k == 0 ? 0 : centroids[0].length;
        double[] lengths = new double[k];
        double[] kappas = new double[k];
        double[] logNormalisers = new double[k];
        double[] logWeights = new double[k];
        boolean unit = true;
        for (int s = 0; s < k; s++) {
            lengths[s] = MathEx.norm(centroids[s]);
            unit &= lengths[s] > VonMisesFisher.UNIT;
            kappas[s] = VonMisesFisher.concentration(lengths[s], dimensions);
            logNormalisers[s] = VonMisesFisher.logNormaliser(kappas[s], dimensions);
            logWeights[s] = Math.log(weights[s]);
        }
        return new Scorer(centroids, segmentIds, lengths, unit ? null : kappas, logNormalisers, logWeights);
    }

    /**
     * The leading {@code dimensions} components of an embedding scaled back to unit length (the
     * embedding itself when it has no more), the space a model's centroids live in: segments are
     * fitted in as many leading dimensions as their number calls for ({@link WardSegmenter}). A
     * vector whose leading components are all zero stays zero.
     */
    public static double[] leading(double[] embedding, int dimensions) {
        if (embedding.length <= dimensions) {
            return embedding;
        }
        double[] leading = java.util.Arrays.copyOf(embedding, dimensions);
        double norm = MathEx.norm(leading);
        if (norm > 0) {
            MathEx.scale(1 / norm, leading);
        }
        return leading;
    }

    /**
     * A model's segments ready to score vectors ({@link #scorer}).
     *
     * @param kappas each segment's von Mises-Fisher concentration, or null when every centroid is a
     *     unit vector (a model saved before centroids kept their length): then plain cosine decides
     * @param logNormalisers each segment's log C_d(κ)
     * @param logWeights each segment's log mixing weight
     */
    public record Scorer(
            double[][] centroids,
            int[] segmentIds,
            double[] lengths,
            double[] kappas,
            double[] logNormalisers,
            double[] logWeights)
            implements Serializable {
        /**
         * See {@link SegmentModel#assign}. The runner-up is the other segment most likely to have
         * produced the vector leaving the mixing weights out: the second need the account shows,
         * however small that need (with the weights, big segments crowd it out: 129 of 218 members
         * of a 60/40 split got their small need as runner-up).
         */
        public Assignment assign(double[] embedding) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            double bestCosine = 0;
            // The two segments of highest likelihood: the runner-up is the first unless it is the best.
            int likeliest = -1;
            int nextLikeliest = -1;
            double likeliestScore = Double.NEGATIVE_INFINITY;
            double nextLikeliestScore = Double.NEGATIVE_INFINITY;
            double[] point = centroids.length == 0 ? embedding : leading(embedding, centroids[0].length);
            for (int s = 0; s < centroids.length; s++) {
                double cosine = lengths[s] > 0 ? MathEx.dot(point, centroids[s]) / lengths[s] : -1;
                double likelihood = kappas == null ? cosine : kappas[s] * cosine + logNormalisers[s];
                double score = kappas == null ? cosine : likelihood + logWeights[s];
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                    bestCosine = cosine;
                }
                if (likelihood > likeliestScore) {
                    nextLikeliest = likeliest;
                    nextLikeliestScore = likeliestScore;
                    likeliest = s;
                    likeliestScore = likelihood;
                } else if (likelihood > nextLikeliestScore) {
                    nextLikeliest = s;
                    nextLikeliestScore = likelihood;
                }
            }
            int second = likeliest == best ? nextLikeliest : likeliest;
            return new Assignment(
                    segmentIds[best], Math.max(0, Math.min(1, bestCosine)), second < 0 ? null : segmentIds[second]);
        }
    }

    /** A segment, closeness to it in [0, 1] (cosine, floored at 0) and the runner-up segment. */
    public record Assignment(int segment, double score, Integer secondSegment) {}
}
