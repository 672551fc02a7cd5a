package org.l2l.optimizers.distribution;

import org.l2l.core.Require;

/**
 * Settings of the {@link Face} optimizer (fully adaptive cross entropy): L2L's {@code FACEParameters}, in Java casing.
 *
 * <p>L2L's named tuple has no defaults; the {@link #builder() builder} starts from L2L's example
 * {@code bin/l2l-fun-face.py} (population 20 to 50, 10 elite, smoothing 0.2, no temperature, 1 iteration, a
 * Gaussian, growth by 5, no stop criterion, seed 109).
 *
 * @param minPopSize the population size after an improving generation (and of generation 0), {@code > 0}
 * @param maxPopSize the largest population, {@code >= minPopSize}
 * @param nElite the number of elite individuals, in [1, minPopSize]
 * @param smoothing the weight of the previous distribution parameters in each fit, in [0, 1)
 * @param tempDecay the factor by which the temperature (starting at 1) decays each generation, in [0, 1]
 * @param nExpand how many individuals are added when a generation does not improve, {@code > 0}
 * @param nIteration the last generation number: as in L2L, generations 0 to {@code nIteration} (that is,
 *     {@code nIteration + 1} generations) are run at most; {@code >= 0}
 * @param distribution the distribution family
 * @param stopCriterion the run stops once a generation's best weighted fitness is {@code >= stopCriterion}; not NaN
 * @param seed seed of the optimizer's own random generator
 * @param restartOnDivergence what happens when a generation does not improve and the population cannot grow: false
 *     (L2L's behaviour) ends the run ("possibly diverged"); true starts afresh from {@code minPopSize} new individuals
 *     of {@code optimizee.createIndividual}, as generation 0 did, so the rest of {@code nIteration} is spent
 */
public record FaceParameters(int minPopSize, int maxPopSize, int nElite, double smoothing, double tempDecay,
                             int nExpand, int nIteration, CrossEntropyDistribution distribution, double stopCriterion,
                             long seed, boolean restartOnDivergence) {
    /** L2L's settings: a run that cannot improve ends. */
    public FaceParameters(int minPopSize, int maxPopSize, int nElite, double smoothing, double tempDecay, int nExpand,
                          int nIteration, CrossEntropyDistribution distribution, double stopCriterion, long seed) {
        this(minPopSize, maxPopSize, nElite, smoothing, tempDecay, nExpand, nIteration, distribution, stopCriterion, seed,
                false);
    }

    /** Validates every field; a message names the field and its bad value. */
    public FaceParameters {
        Require.generationSize("minPopSize", minPopSize);
        Require.generationSize("maxPopSize", maxPopSize);
        if (maxPopSize < minPopSize) {
            throw new IllegalArgumentException("maxPopSize must be >= minPopSize (" + minPopSize + "), but was "
                    + maxPopSize);
        }
        Require.positive("nElite", nElite);
        if (nElite > minPopSize) {
            throw new IllegalArgumentException("nElite must be <= minPopSize (" + minPopSize + "), but was " + nElite);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), but was " + smoothing);
        }
        Require.probability("tempDecay", tempDecay);
        Require.generationSize("nExpand", nExpand);
        Require.nonNegative("nIteration", nIteration);
        Require.nonNull("distribution", distribution);
        if (Double.isNaN(stopCriterion)) throw new IllegalArgumentException("stopCriterion must not be NaN");
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-face.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FaceParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int minPopSize = 20;
        private int maxPopSize = 50;
        private int nElite = 10;
        private double smoothing = 0.2;
        private double tempDecay = 0;
        private int nExpand = 5;
        private int nIteration = 1;
        private CrossEntropyDistribution distribution = CrossEntropyDistribution.gaussian();
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 109;
        private boolean restartOnDivergence;

        private Builder() {}

        /** Smallest population, {@code > 0}; L2L's example uses 20. */
        public Builder minPopSize(int v) {
            this.minPopSize = v;
            return this;
        }

        /** Largest population, {@code >= minPopSize}; L2L's example uses 50. */
        public Builder maxPopSize(int v) {
            this.maxPopSize = v;
            return this;
        }

        /** Elite count, in [1, minPopSize]; L2L's example uses 10. */
        public Builder nElite(int v) {
            this.nElite = v;
            return this;
        }

        /** Weight of the old distribution parameters, in [0, 1); L2L's example uses 0.2. */
        public Builder smoothing(double v) {
            this.smoothing = v;
            return this;
        }

        /** Temperature decay, in [0, 1]; L2L's example uses 0. */
        public Builder tempDecay(double v) {
            this.tempDecay = v;
            return this;
        }

        /** Growth of the population after a generation without improvement, {@code > 0}; L2L's example uses 5. */
        public Builder nExpand(int v) {
            this.nExpand = v;
            return this;
        }

        /** Last generation number, {@code >= 0}; L2L's example uses 1. */
        public Builder nIteration(int v) {
            this.nIteration = v;
            return this;
        }

        /** Distribution family; L2L's example uses a Gaussian. */
        public Builder distribution(CrossEntropyDistribution v) {
            this.distribution = v;
            return this;
        }

        /** Stop once a generation's best weighted fitness reaches this; L2L's example uses {@code +inf}. */
        public Builder stopCriterion(double v) {
            this.stopCriterion = v;
            return this;
        }

        /** Seed of the optimizer's random generator; L2L's example uses 109. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /**
         * Whether a run that cannot improve within {@code maxPopSize} starts afresh instead of ending; L2L ends it
         * (false).
         */
        public Builder restartOnDivergence(boolean v) {
            this.restartOnDivergence = v;
            return this;
        }

        /** The validated parameters. */
        public FaceParameters build() {
            return new FaceParameters(minPopSize, maxPopSize, nElite, smoothing, tempDecay, nExpand, nIteration,
                    distribution, stopCriterion, seed, restartOnDivergence);
        }
    }
}
