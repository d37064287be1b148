package io.needmap.pipeline.output;

/**
 * Names of the columns the stages read and write and the output tables share, in one place (the input
 * tables' own columns are {@link io.needmap.pipeline.ingest.Table}'s).
 */
public final class Columns {
    public static final String ACCOUNT_ID = "account_id";
    public static final String SEGMENT_ID = "segment_id";
    public static final String TERM = "term";
    public static final String EMBEDDING = "embedding";
    /** The followed account: the key of {@code interests}, a column of {@code follows} and the profile tables. */
    public static final String FOLLOWED_ID = "followed_id";
    /** A segment's members, and their share of the segmented accounts, in {@code segments/}. */
    public static final String SIZE = "size";

    public static final String SHARE = "share";
    public static final String PREVIOUS_SEGMENT_ID = "previous_segment_id";
    public static final String TRANSITION = "transition";
    public static final String JACCARD = "jaccard";
    public static final String SIZE_BEFORE = "size_before";
    public static final String SIZE_AFTER = "size_after";
    public static final String LABEL = "label";
    public static final String LABEL_SOURCE = "label_source";
    public static final String USER_LABEL = "user_label";
    public static final String CENTROID = "centroid";
    /** Whether a segment's profile is withheld for being under the privacy floor, in {@code segments/}. */
    public static final String SUPPRESSED = "suppressed";
    /** The need a segment's label names, in {@code segments/}. */
    public static final String NEED = "need";
    /** A segment's clusterwise stability (mean bootstrap Jaccard), in {@code segments/} and the model. */
    public static final String STABILITY = "stability";
    /** A segment's mixing weight in the model (its share of the fit sample; the prior its scorer uses). */
    public static final String MIXING_WEIGHT = "mixing_weight";
    /** A term's concept, in the model's {@code term_concepts/}. */
    public static final String CONCEPT = "concept";
    /** A term's vector, in the model's {@code term_concepts/}. */
    public static final String TERM_VECTOR = "term_vector";

    /** {@code account_flags} and {@code memberships}: what a flagged account is taken for (bot, spam, inactive). */
    public static final String FLAG = "flag";
    /** {@code account_flags}: the names of the rules an account fired. */
    public static final String RULES = "rules";
    /** {@code account_flags}: the summed weights of its fired rules. */
    public static final String SCORE = "score";

    /** {@code label_source} of a label a team wrote ({@code --labels}), and of one needmap made. */
    public static final String USER = "user";

    public static final String AUTO = "auto";

    private Columns() {}
}
