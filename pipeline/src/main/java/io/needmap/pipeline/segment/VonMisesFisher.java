package io.needmap.pipeline.segment;

/**
 * The von Mises-Fisher distribution on the unit sphere of R^d, as far as {@link SegmentModel#assign}
 * needs it: a segment's log-likelihood of a unit vector at cosine c to the segment's direction is
 * κ·c + log C_d(κ), κ from the segment's mean resultant length R̄ (the length of the mean of its
 * members' unit vectors); {@link SegmentModel#scorer} computes κ and log C_d(κ) once per segment.
 *
 * <p>Concentration κ ≈ R̄(d − R̄²)/(1 − R̄²) (Banerjee, Dhillon, Ghosh &amp; Sra, JMLR 6, 2005, §4).
 * The normaliser log C_d(κ) = (d/2 − 1) ln κ − (d/2) ln 2π − ln I_{d/2−1}(κ) needs the modified Bessel
 * function of the first kind, which none of the project's libraries provides (Smile 3 dropped its
 * special functions, commons-math has only J); ln I_ν(κ) is taken from its uniform asymptotic
 * (Debye) expansion, ln I_ν(x) ≈ √(ν² + x²) + ν ln(x / (ν + √(ν² + x²))) − ½ ln(2π) − ¼ ln(ν² + x²)
 * (Abramowitz &amp; Stegun 9.7.7, first term), whose relative error is under 1% for ν ≥ 10, i.e. for
 * embeddings of 22 dimensions and more (needmap's default is 64).
 *
 * <p>Weakness: below ~20 dimensions the expansion is coarse, and a segment whose members all
 * coincide (R̄ = 1) has no finite κ; R̄ is capped just under 1.
 */
final class VonMisesFisher {
    /** Centroid length from which a model is taken to hold unit directions only (saved before lengths were kept). */
    static final double UNIT = 1 - 1e-9;

    /** Dimensions from which the normaliser's expansion is accurate to 1% (ν = d/2 − 1 ≥ 10). */
    static final int ACCURATE_DIMENSIONS = 22;

    private static final double MAX_LENGTH = 0.999;
    private static final double MIN_LENGTH = 1e-6;

    private VonMisesFisher() {}

    static double concentration(double length, int dimensions) {
        double r = Math.max(MIN_LENGTH, Math.min(MAX_LENGTH, length));
        return r * (dimensions - r * r) / (1 - r * r);
    }

    static double logNormaliser(double kappa, int dimensions) {
        double nu = dimensions / 2.0 - 1;
        return nu * Math.log(kappa) - dimensions / 2.0 * Math.log(2 * Math.PI) - logBesselI(nu, kappa);
    }

    /** ln I_ν(x), uniform asymptotic expansion (first term). */
    static double logBesselI(double nu, double x) {
        double root = Math.sqrt(nu * nu + x * x);
        return root + nu * Math.log(x / (nu + root)) - 0.5 * Math.log(2 * Math.PI) - 0.25 * Math.log(nu * nu + x * x);
    }
}
