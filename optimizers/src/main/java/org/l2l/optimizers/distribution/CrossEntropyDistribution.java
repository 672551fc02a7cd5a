package org.l2l.optimizers.distribution;

import java.util.Arrays;
import java.util.Objects;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Require;
import org.l2l.optimizers.Described;

/**
 * The distribution family a {@link CrossEntropy} or {@link Face} optimizer fits to its elite individuals: one of
 * L2L's {@code Gaussian}, {@code NoisyGaussian}, {@code BayesianGaussianMixture} and
 * {@code NoisyBayesianGaussianMixture} ({@code l2l/optimizers/crossentropy/distribution.py}).
 *
 * <p>This is an immutable description; the fitted parameters live in the optimizer (and its checkpoints).
 *
 * <ul>
 *   <li>{@link #gaussian()}: the maximum-likelihood mean and covariance (divisor {@code n - 1}), smoothed as
 *       {@code smoothing * old + (1 - smoothing) * new}.</li>
 *   <li>{@link #noisyGaussian}: the same, and after every fit a diagonal noise {@code |N(0, m * scale_i)|} is added
 *       to the covariance used for sampling (not to the smoothed one), then {@code m *= noiseDecay}.</li>
 *   <li>{@link #gaussianMixture}: a mixture of {@code nComponents} Gaussians with full covariances, fitted from
 *       scratch each time by expectation maximisation (see {@link CrossEntropyModel}); as in L2L, where the
 *       smoothing reads the freshly refitted model, smoothing has no effect on mixtures.</li>
 *   <li>{@link #noisyGaussianMixture}: the same, with diagonal noise added to every component's covariance after
 *       each fit, then {@code m *= noiseDecay}.</li>
 * </ul>
 */
public final class CrossEntropyDistribution implements Described {
    /** The distribution families. */
    public enum Kind {
        /** L2L's {@code Gaussian}. */
        GAUSSIAN,
        /** L2L's {@code NoisyGaussian}. */
        NOISY_GAUSSIAN,
        /** L2L's {@code BayesianGaussianMixture} (fitted here by maximum-likelihood EM). */
        GAUSSIAN_MIXTURE,
        /** L2L's {@code NoisyBayesianGaussianMixture} (fitted here by maximum-likelihood EM). */
        NOISY_GAUSSIAN_MIXTURE
    }

    /** L2L's default number of mixture components. */
    public static final int DEFAULT_COMPONENTS = 2;
    /** L2L's default noise magnitude. */
    public static final double DEFAULT_NOISE_MAGNITUDE = 1.0;
    /** L2L's default noise decay. */
    public static final double DEFAULT_NOISE_DECAY = 0.95;

    private final Kind kind;
    private final int nComponents;
    private final double noiseMagnitude;
    private final double[] coordinateScale; // null: 1 for every coordinate
    private final double noiseDecay;

    private CrossEntropyDistribution(Kind kind, int nComponents, double noiseMagnitude, double[] coordinateScale,
                                     double noiseDecay) {
        this.kind = kind;
        this.nComponents = Require.positive("distribution nComponents", nComponents);
        this.noiseMagnitude = Require.nonNegative("distribution noiseMagnitude", noiseMagnitude);
        this.noiseDecay = Require.nonNegative("distribution noiseDecay", noiseDecay);
        if (coordinateScale != null) {
            coordinateScale = coordinateScale.clone();
            for (int i = 0; i < coordinateScale.length; i++) {
                Require.nonNegative("distribution coordinateScale[" + i + "]", coordinateScale[i]);
            }
        }
        this.coordinateScale = coordinateScale;
    }

    /** A Gaussian with full covariance. */
    public static CrossEntropyDistribution gaussian() {
        return new CrossEntropyDistribution(Kind.GAUSSIAN, 1, 0, null, 0);
    }

    /** A noisy Gaussian with L2L's defaults: noise magnitude 1, scale 1 per coordinate, decay 0.95. */
    public static CrossEntropyDistribution noisyGaussian() {
        return noisyGaussian(DEFAULT_NOISE_MAGNITUDE, null, DEFAULT_NOISE_DECAY);
    }

    /**
     * A noisy Gaussian.
     *
     * @param noiseMagnitude the initial noise scale, finite and {@code >= 0}
     * @param coordinateScale per-coordinate factors of the noise scale, or null for 1 everywhere
     * @param noiseDecay the factor applied to the noise magnitude after each fit, finite and {@code >= 0}
     */
    public static CrossEntropyDistribution noisyGaussian(double noiseMagnitude, double[] coordinateScale,
                                                         double noiseDecay) {
        return new CrossEntropyDistribution(Kind.NOISY_GAUSSIAN, 1, noiseMagnitude, coordinateScale, noiseDecay);
    }

    /** A Gaussian mixture of {@code nComponents} ({@code > 0}) components. */
    public static CrossEntropyDistribution gaussianMixture(int nComponents) {
        return new CrossEntropyDistribution(Kind.GAUSSIAN_MIXTURE, nComponents, 0, null, 0);
    }

    /** A noisy Gaussian mixture; the noise parameters are those of {@link #noisyGaussian(double, double[], double)}. */
    public static CrossEntropyDistribution noisyGaussianMixture(int nComponents, double noiseMagnitude,
                                                                double[] coordinateScale, double noiseDecay) {
        return new CrossEntropyDistribution(Kind.NOISY_GAUSSIAN_MIXTURE, nComponents, noiseMagnitude, coordinateScale,
                noiseDecay);
    }

    /** The family. */
    public Kind kind() {
        return kind;
    }

    /** The number of mixture components (1 for the Gaussians). */
    public int nComponents() {
        return nComponents;
    }

    /** The initial noise magnitude (0 for the noiseless families). */
    public double noiseMagnitude() {
        return noiseMagnitude;
    }

    /** A copy of the per-coordinate noise scale, or null for 1 everywhere. */
    public double[] coordinateScale() {
        return coordinateScale == null ? null : coordinateScale.clone();
    }

    /** The noise decay (0 for the noiseless families). */
    public double noiseDecay() {
        return noiseDecay;
    }

    /** Whether the family adds noise. */
    public boolean noisy() {
        return kind == Kind.NOISY_GAUSSIAN || kind == Kind.NOISY_GAUSSIAN_MIXTURE;
    }

    /** Whether the family is a mixture. */
    public boolean mixture() {
        return kind == Kind.GAUSSIAN_MIXTURE || kind == Kind.NOISY_GAUSSIAN_MIXTURE;
    }

    /** The noise scale of coordinate {@code i}. */
    double scale(int i) {
        return coordinateScale == null ? 1.0 : coordinateScale[i];
    }

    /** Fails unless the coordinate scale (if given) has one value per coordinate. */
    void checkDimension(int dimension) {
        if (coordinateScale != null && coordinateScale.length != dimension) {
            throw new IllegalArgumentException("distribution coordinateScale has " + coordinateScale.length
                    + " values, but the optimizee's individuals have " + dimension);
        }
    }

    /** Records the distribution's settings as {@code distribution*} entries of {@code g}. */
    @Override
    public void describe(ParameterGroup g) {
        g.add("distribution", kind.name());
        if (mixture()) g.add("distribution.nComponents", (long) nComponents);
        if (noisy()) {
            g.add("distribution.noiseMagnitude", noiseMagnitude);
            if (coordinateScale != null) g.add("distribution.coordinateScale", coordinateScale.clone());
            g.add("distribution.noiseDecay", noiseDecay);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossEntropyDistribution d && kind == d.kind && nComponents == d.nComponents
                && Double.compare(noiseMagnitude, d.noiseMagnitude) == 0 && Double.compare(noiseDecay, d.noiseDecay) == 0
                && Arrays.equals(coordinateScale, d.coordinateScale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, nComponents, noiseMagnitude, noiseDecay, Arrays.hashCode(coordinateScale));
    }

    @Override
    public String toString() {
        return kind + (mixture() ? "(nComponents=" + nComponents : "(")
                + (noisy() ? (mixture() ? ", " : "") + "noiseMagnitude=" + noiseMagnitude + ", coordinateScale="
                + (coordinateScale == null ? "1" : Arrays.toString(coordinateScale)) + ", noiseDecay=" + noiseDecay : "")
                + ")";
    }
}
