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
 * @param restarts what happens when a run meets one of the stopping rules ({@code tolFun}, {@code tolFunRel},
 *                 {@code tolX}, no effect of the step, stagnation, an ill-conditioned covariance): the whole optimization
 *                 finishes ({@link Restarts#NONE}), or a new run starts from a new start point with a larger population
 *                 ({@link Restarts#IPOP}) or alternately a larger and a small one ({@link Restarts#BIPOP})
 * @param maxRestarts the largest number of restarts, {@code >= 0}
 * @param tolFun a run stops when the best values of its last {@code 10 + ceil(30 n / popSize)} generations and all
 *               values of its current generation lie within {@code tolFun} of each other; {@code >= 0}, 0 is off
 * @param tolFunRel the same test with the width {@code tolFunRel * |best value of that window|}; {@code >= 0}, 0 is off
 * @param tolX a run stops when {@code sigma * sqrt(C_jj)} and {@code sigma * |p_c,j|} are below {@code tolX} in every
 *             coordinate; {@code >= 0}, 0 is off
 */
public record CmaEsParameters(long seed, int popSize, double sigma0, double[] mean, int nIteration,
                              double stopCriterion, Restarts restarts, int maxRestarts, double tolFun, double tolFunRel,
                              double tolX) {
    /** What follows a run that meets a stopping rule. */
    public enum Restarts {
        /** The optimization finishes. */
        NONE,
        /**
         * IPOP (Auger and Hansen 2005): each restart doubles the population size and starts with {@code sigma0} from a
         * new start point.
         */
        IPOP,
        /**
         * BIPOP (Hansen 2009): restarts alternate between the IPOP regime (doubling population, {@code sigma0}) and
         * runs with a small population {@code floor(lambda_def (lambda_large / (2 lambda_def))^(u^2))} and step size
         * {@code sigma0 * 10^(-2u)}, {@code u} uniform in [0, 1); a small run starts whenever the small runs have used
         * fewer evaluations than the large ones.
         */
        BIPOP
    }

    /** A compact form with the defaults of the stopping and restart settings (no restarts). */
    public CmaEsParameters(long seed, int popSize, double sigma0, double[] mean, int nIteration, double stopCriterion) {
        this(seed, popSize, sigma0, mean, nIteration, stopCriterion, Restarts.NONE, Builder.DEFAULT_MAX_RESTARTS,
                Builder.DEFAULT_TOL_FUN, 0, Builder.DEFAULT_TOL_X);
    }

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
        Require.nonNull("restarts", restarts);
        if (maxRestarts < 0) throw new IllegalArgumentException("maxRestarts must be >= 0, but was " + maxRestarts);
        Require.nonNegative("tolFun", tolFun);
        Require.nonNegative("tolFunRel", tolFunRel);
        Require.nonNegative("tolX", tolX);
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
                && Double.compare(stopCriterion, p.stopCriterion) == 0 && restarts == p.restarts
                && maxRestarts == p.maxRestarts && Double.compare(tolFun, p.tolFun) == 0
                && Double.compare(tolFunRel, p.tolFunRel) == 0 && Double.compare(tolX, p.tolX) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {seed, popSize, sigma0, mean, nIteration, stopCriterion, restarts,
            maxRestarts, tolFun, tolFunRel, tolX});
    }

    @Override
    public String toString() {
        return "CmaEsParameters[seed=" + seed + ", popSize=" + popSize + ", sigma0=" + sigma0 + ", mean="
                + Arrays.toString(mean) + ", nIteration=" + nIteration + ", stopCriterion=" + stopCriterion + ", restarts="
                + restarts + ", maxRestarts=" + maxRestarts + ", tolFun=" + tolFun + ", tolFunRel=" + tolFunRel
                + ", tolX=" + tolX + "]";
    }

    /** A builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CmaEsParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        static final int DEFAULT_MAX_RESTARTS = 9;
        static final double DEFAULT_TOL_FUN = 1e-12;
        static final double DEFAULT_TOL_X = 1e-12;
        private Restarts restarts = Restarts.NONE;
        private int maxRestarts = DEFAULT_MAX_RESTARTS;
        private double tolFun = DEFAULT_TOL_FUN;
        private double tolFunRel = 0;
        private double tolX = DEFAULT_TOL_X;
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

        /** What follows a run that meets a stopping rule; {@link Restarts#NONE} (finish) by default. */
        public Builder restarts(Restarts restarts) {
            this.restarts = restarts;
            return this;
        }

        /** The largest number of restarts, {@code >= 0}; {@value #DEFAULT_MAX_RESTARTS} by default (Auger and Hansen). */
        public Builder maxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
            return this;
        }

        /** Absolute range of recent best values that stops a run, {@code >= 0} (0 is off); 1e-12 by default. */
        public Builder tolFun(double tolFun) {
            this.tolFun = tolFun;
            return this;
        }

        /** Range of recent best values, relative to the best, that stops a run, {@code >= 0}; 0 (off) by default. */
        public Builder tolFunRel(double tolFunRel) {
            this.tolFunRel = tolFunRel;
            return this;
        }

        /** Step length in every coordinate that stops a run, {@code >= 0} (0 is off); 1e-12 by default. */
        public Builder tolX(double tolX) {
            this.tolX = tolX;
            return this;
        }

        /** The validated parameters. */
        public CmaEsParameters build() {
            return new CmaEsParameters(seed, popSize, sigma0, mean, nIteration, stopCriterion, restarts, maxRestarts,
                    tolFun, tolFunRel, tolX);
        }
    }
}
