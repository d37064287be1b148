package io.needmap.pipeline.features;

/**
 * Hyper-parameters of the account features.
 *
 * @param minAccounts a feature used by fewer audience accounts is dropped: it links nobody
 * @param maxVocabulary the most widely used features kept (bounds memory of the SVD blocks)
 * @param dimensions size of the dense account embedding
 * @param oversampling extra random directions in the randomized SVD
 * @param powerIterations subspace iterations of the randomized SVD
 * @param seed seed of the random projection
 */
public record FeatureOptions(
        int minAccounts, int maxVocabulary, int dimensions, int oversampling, int powerIterations, long seed) {
    public FeatureOptions {
        if (minAccounts < 1 || maxVocabulary < 1 || dimensions < 2) {
            throw new IllegalArgumentException("features: min-accounts >= 1, max-vocabulary >= 1, dimensions >= 2");
        }
    }
}
