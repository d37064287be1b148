package io.needmap.pipeline.features;

/**
 * Hyper-parameters of the account features.
 *
 * @param minAccounts a feature used by fewer audience accounts is dropped: it links nobody
 * @param maxVocabulary the most widely used features kept (bounds memory of the SVD blocks)
 * @param backboneShare a feature used by more than this share of the audience (the popular backbone,
 *     boilerplate words) is damped; rarer ones all weigh 1 (see {@link FeatureEstimator#backboneWeight})
 * @param boilerplateShare a term used by more than this share of the accounts with terms is profile
 *     boilerplate and gets no term concept ({@link TermConcepts})
 * @param followedTermWeight weight of a term of a followed account's interest description, against
 *     a follow, in the account features ({@link FeatureSources#followedTerms}); 0 leaves them out
 * @param dimensions size of the dense account embedding
 * @param oversampling extra random directions in the randomized SVD
 * @param powerIterations subspace iterations of the randomized SVD
 * @param termConcepts whether term vectors are learnt from the audience's texts and related terms
 *     grouped into concepts ({@link TermConcepts}), each an extra feature, so that short bios sharing
 *     no exact word but related words get close
 * @param termVectorWeight weight of an account's term vector (the weighted sum of its terms' vectors,
 *     {@link TermConceptModel}) against its exact features; 0 leaves the vectors out (concepts only)
 * @param conceptDimensions size of the term vectors the concepts are clustered from
 * @param termsPerConcept terms with a vector per concept, on average (sets the number of concepts)
 * @param maxConcepts at most this many concepts
 * @param conceptSample at most this many accounts with terms are read to learn the term vectors
 * @param seed seed of the random projection
 */
public record FeatureOptions(
        int minAccounts,
        int maxVocabulary,
        double backboneShare,
        double boilerplateShare,
        double followedTermWeight,
        int dimensions,
        int oversampling,
        int powerIterations,
        boolean termConcepts,
        double termVectorWeight,
        int conceptDimensions,
        int termsPerConcept,
        int maxConcepts,
        int conceptSample,
        long seed) {
    public FeatureOptions {
        if (minAccounts < 1
                || maxVocabulary < 1
                || dimensions < 2
                || !(backboneShare > 0 && backboneShare <= 1)
                || !(boilerplateShare > 0 && boilerplateShare <= 1)
                || !(followedTermWeight >= 0)) {
            throw new IllegalArgumentException(
                    "features: min-accounts >= 1, max-vocabulary >= 1, backbone-share and boilerplate-share in (0, 1],"
                            + " followed-term-weight >= 0, dimensions >= 2");
        }
        if (!(termVectorWeight >= 0)) {
            throw new IllegalArgumentException("features: term-vector-weight >= 0");
        }
        if (conceptDimensions < 2 || termsPerConcept < 1 || maxConcepts < 1 || conceptSample < 2) {
            throw new IllegalArgumentException("features: concept-dimensions >= 2, terms-per-concept >= 1,"
                    + " max-concepts >= 1, concept-sample >= 2");
        }
    }
}
