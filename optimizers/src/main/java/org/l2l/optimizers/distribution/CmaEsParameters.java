package org.l2l.optimizers.distribution;

import java.util.Arrays;
import org.l2l.core.Require;

/**
 * Settings of {@link CmaEs}. L2L has no CMA-ES; every strategy parameter (weights, learning rates, damping) is the
 * default of Hansen's "The CMA Evolution Strategy: A Tutorial" (2016) and is derived from the dimension and
 * {@code popSize}, so only these are settable. The {@link #builder() builder}'s defaults are documented on its
 * setters.
 *
 * <pre>{@code
 * CmaEsParameters p = CmaEsParameters.builder().seed(42).sigma0(0.5).nIteration(200).build();
 * }</pre>
 *
 * @param seed seed of the optimizer's own random generator
 * @param popSize the number of samples per generation (lambda), {@code >= 2}; 0 means Hansen's default
 *                {@code 4 + floor(3 ln n)} for individuals of {@code n} values
 * @param sigma0 the initial step size, finite and {@code > 0}: about a quarter of the width of the region where the
 *               optimum is expected
 * @param mean the initial mean, one finite value per value of the flattened individual, or null to start from one
 *             {@code optimizee.createIndividual}
 * @param nIteration the number of generations to run, {@code > 0}
 * @param stopCriterion stop once the best fitness of a generation reaches this value; {@code +inf} never stops
 */
public record CmaEsParameters(long seed, int popSize, double sigma0, double[] mean, int nIteration,
                              double stopCriterion) {
    /** Validates and copies every field; a message names the field and its bad value. */
    public CmaEsParameters {
        if (popSize != 0 && popSize < 2) {
            throw new IllegalArgumentException("popSize must be >= 2 (or 0 for the default), but was " + popSize);
        }
        if (popSize != 0) Require.generationSize("popSize", popSize);
        Require.positive("sigma0", sigma0);
        if (mean != null) {
            if (mean.length == 0) throw new IllegalArgumentException("mean must have at least one value, but was empty");
            mean = mean.clone();
            for (int i = 0; i < mean.length; i++) Require.finite("mean[" + i + "]", mean[i]);
        }
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) {
            throw new IllegalArgumentException("stopCriterion must be a number (Infinity never stops), but was NaN");
        }
    }

    /** Hansen's default population size for dimension {@code n}: {@code 4 + floor(3 ln n)}. */
    public static int defaultPopSize(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    /** The population size for individuals of {@code n} values: {@link #popSize()}, or the default if it is 0. */
    public int popSizeFor(int n) {
        return popSize == 0 ? defaultPopSize(n) : popSize;
    }

    /** A copy of the initial mean, or null. */
    @Override
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** Equal settings, the mean compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CmaEsParameters p && seed == p.seed && popSize == p.popSize
                && Double.compare(sigma0, p.sigma0) == 0 && Arrays.equals(mean, p.mean) && nIteration == p.nIteration
                && Double.compare(stopCriterion, p.stopCriterion) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {seed, popSize, sigma0, mean, nIteration, stopCriterion});
    }

    @Override
    public String toString() {
        return "CmaEsParameters[seed=" + seed + ", popSize=" + popSize + ", sigma0=" + sigma0 + ", mean="
                + Arrays.toString(mean) + ", nIteration=" + nIteration + ", stopCriterion=" + stopCriterion + "]";
    }

    /** A builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CmaEsParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private long seed = 0;
        private int popSize = 0;
        private double sigma0 = 1.0;
        private double[] mean;
        private int nIteration = 100;
        private double stopCriterion = Double.POSITIVE_INFINITY;

        private Builder() {}

        /** Seed of the optimizer's random generator; 0 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Samples per generation (lambda), {@code >= 2}; by default (0) {@code 4 + floor(3 ln n)}. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Initial step size, finite and {@code > 0}; 1 by default. */
        public Builder sigma0(double sigma0) {
            this.sigma0 = sigma0;
            return this;
        }

        /** Initial mean, one value per dimension; by default (null) one {@code optimizee.createIndividual}. */
        public Builder mean(double... mean) {
            this.mean = mean == null ? null : mean.clone();
            return this;
        }

        /** Number of generations, {@code > 0}; 100 by default. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Fitness at which to stop, not NaN; {@code +inf} (never stop early) by default. */
        public Builder stopCriterion(double stopCriterion) {
            this.stopCriterion = stopCriterion;
            return this;
        }

        /** The validated parameters. */
        public CmaEsParameters build() {
            return new CmaEsParameters(seed, popSize, sigma0, mean, nIteration, stopCriterion);
        }
    }
}
