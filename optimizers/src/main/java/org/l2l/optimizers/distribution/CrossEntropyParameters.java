package org.l2l.optimizers.distribution;

import org.l2l.core.Require;

/**
 * Settings of the {@link CrossEntropy} optimizer: L2L's {@code CrossEntropyParameters}, in Java casing.
 *
 * <p>L2L's named tuple has no defaults; the {@link #builder() builder} starts from L2L's example
 * {@code bin/l2l-fun-ce.py} (10 individuals, rho 0.9, no smoothing, no temperature, 1000 iterations, a noisy Gaussian
 * with noise decay 0.99, no stop criterion, seed 102).
 *
 * @param popSize the number of individuals per generation, {@code > 0}
 * @param rho the fraction of each generation that is elite; {@code nElite = (int) (rho * popSize)} must be
 *     {@code >= 1}, and rho is in (0, 1]
 * @param smoothing the weight of the previous distribution parameters in each fit, in [0, 1)
 * @param tempDecay the factor by which the temperature (starting at 1) decays each generation, in [0, 1]; with 0,
 *     no non-elite individual is ever fitted
 * @param nIteration the number of generations, {@code > 0}
 * @param distribution the distribution family
 * @param stopCriterion the run stops once a generation's best weighted fitness is {@code >= stopCriterion}; not NaN
 *     ({@code +inf}: never)
 * @param seed seed of the optimizer's own random generator
 */
public record CrossEntropyParameters(int popSize, double rho, double smoothing, double tempDecay, int nIteration,
                                     CrossEntropyDistribution distribution, double stopCriterion, long seed) {
    /** Validates every field; a message names the field and its bad value. */
    public CrossEntropyParameters {
        Require.positive("popSize", popSize);
        if (!(rho > 0 && rho <= 1)) throw new IllegalArgumentException("rho must be in (0, 1], but was " + rho);
        if ((int) (rho * popSize) < 1) {
            throw new IllegalArgumentException("rho * popSize (the number of elite individuals) must be >= 1, but was "
                    + rho + " * " + popSize + " = " + rho * popSize);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), but was " + smoothing);
        }
        Require.probability("tempDecay", tempDecay);
        Require.positive("nIteration", nIteration);
        Require.nonNull("distribution", distribution);
        if (Double.isNaN(stopCriterion)) throw new IllegalArgumentException("stopCriterion must not be NaN");
    }

    /** The number of elite individuals per generation, {@code (int) (rho * popSize)} as in L2L. */
    public int nElite() {
        return (int) (rho * popSize);
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-ce.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CrossEntropyParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int popSize = 10;
        private double rho = 0.9;
        private double smoothing = 0.0;
        private double tempDecay = 0.0;
        private int nIteration = 1000;
        private CrossEntropyDistribution distribution = CrossEntropyDistribution.noisyGaussian(1.0, null, 0.99);
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 102;

        private Builder() {}

        /** Individuals per generation, {@code > 0}; L2L's example uses 10. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Elite fraction, in (0, 1]; L2L's example uses 0.9. */
        public Builder rho(double rho) {
            this.rho = rho;
            return this;
        }

        /** Weight of the old distribution parameters, in [0, 1); L2L's example uses 0. */
        public Builder smoothing(double smoothing) {
            this.smoothing = smoothing;
            return this;
        }

        /** Temperature decay, in [0, 1]; L2L's example uses 0 (elite only). */
        public Builder tempDecay(double tempDecay) {
            this.tempDecay = tempDecay;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 1000. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Distribution family; L2L's example uses a noisy Gaussian (magnitude 1, decay 0.99). */
        public Builder distribution(CrossEntropyDistribution distribution) {
            this.distribution = distribution;
            return this;
        }

        /** Stop once a generation's best weighted fitness reaches this; L2L's example uses {@code +inf}. */
        public Builder stopCriterion(double stopCriterion) {
            this.stopCriterion = stopCriterion;
            return this;
        }

        /** Seed of the optimizer's random generator; L2L's example uses 102. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The validated parameters. */
        public CrossEntropyParameters build() {
            return new CrossEntropyParameters(popSize, rho, smoothing, tempDecay, nIteration, distribution,
                    stopCriterion, seed);
        }
    }
}
