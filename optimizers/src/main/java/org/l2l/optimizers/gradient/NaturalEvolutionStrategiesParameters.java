package org.l2l.optimizers.gradient;

import java.util.Arrays;
import org.l2l.core.Require;

/**
 * Settings of {@link NaturalEvolutionStrategies}: L2L's {@code NaturalEvolutionStrategiesParameters}, with the names
 * in Java casing ({@code learning_rate_mu} is {@link #learningRateMu()}, {@code mirrored_sampling_enabled} is
 * {@link #mirroredSampling()}, and so on).
 *
 * <p>L2L lets {@code learning_rate_mu}, {@code learning_rate_sigma} and {@code pop_size} be {@code None}, meaning
 * the defaults of Wierstra et al. (2014) for dimension {@code d = len(mu)}; the {@link #builder() builder} resolves
 * them the same way when they are not set: {@code learningRateMu = 1},
 * {@code learningRateSigma = (3 + ln d) / (5 sqrt d)}, {@code popSize = 4 + floor(3 ln d)}. {@code mu} and
 * {@code sigma} have no default. L2L ships no example script for this optimizer; the other builder defaults follow
 * its evolution-strategies example ({@code bin/l2l-fun-es.py}: mirrored sampling and fitness shaping on, never stop
 * early), with 100 iterations and seed 0.
 *
 * <pre>{@code
 * NaturalEvolutionStrategiesParameters p = NaturalEvolutionStrategiesParameters.builder()
 *         .mu(0, 0, 0).sigma(1, 1, 1).seed(42).nIteration(50).build();
 * }</pre>
 *
 * @param learningRateMu learning rate of the mean, finite and {@code > 0}
 * @param learningRateSigma learning rate of the standard deviations, finite and {@code > 0}
 * @param mu the initial mean of the search distribution, one finite value per dimension of the flattened individual
 * @param sigma the initial standard deviations, finite and {@code > 0}, one per dimension (a single value is
 *              used for every dimension)
 * @param mirroredSampling whether each sample {@code s} is also used as {@code -s}
 * @param fitnessShaping whether the update uses rank-based utilities instead of the raw fitness values
 * @param popSize the number of samples drawn per generation ({@code > 0}); with mirrored sampling a generation
 *                evaluates {@code 2 popSize} individuals
 * @param nIteration the number of generations to run, {@code > 0}
 * @param stopCriterion stop once the best fitness of a generation reaches this value; {@code +inf} never stops
 * @param seed seed of the optimizer's own random generator
 */
public record NaturalEvolutionStrategiesParameters(double learningRateMu, double learningRateSigma, double[] mu,
                                                   double[] sigma, boolean mirroredSampling, boolean fitnessShaping,
                                                   int popSize, int nIteration, double stopCriterion, long seed) {
    /** Validates and copies every field; a message names the field and its bad value. */
    public NaturalEvolutionStrategiesParameters {
        Require.positive("learningRateMu", learningRateMu);
        Require.positive("learningRateSigma", learningRateSigma);
        if (mu == null || mu.length == 0) {
            throw new IllegalArgumentException("mu must have at least one value, but was "
                    + (mu == null ? "null" : "empty"));
        }
        mu = mu.clone();
        for (int i = 0; i < mu.length; i++) Require.finite("mu[" + i + "]", mu[i]);
        if (sigma == null || (sigma.length != 1 && sigma.length != mu.length)) {
            throw new IllegalArgumentException("sigma must have 1 or " + mu.length + " values (one per value of mu), but "
                    + (sigma == null ? "was null" : "has " + sigma.length));
        }
        double[] s = new double[mu.length];
        for (int i = 0; i < s.length; i++) s[i] = Require.positive("sigma[" + i + "]", sigma[sigma.length == 1 ? 0 : i]);
        sigma = s;
        Require.positive("popSize", popSize);
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) {
            throw new IllegalArgumentException("stopCriterion must be a number (Infinity never stops), but was NaN");
        }
    }

    /** A copy of the initial mean. */
    @Override
    public double[] mu() {
        return mu.clone();
    }

    /** A copy of the initial standard deviations, one per dimension. */
    @Override
    public double[] sigma() {
        return sigma.clone();
    }

    /** Equal settings, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NaturalEvolutionStrategiesParameters p
                && Double.compare(learningRateMu, p.learningRateMu) == 0
                && Double.compare(learningRateSigma, p.learningRateSigma) == 0 && Arrays.equals(mu, p.mu)
                && Arrays.equals(sigma, p.sigma) && mirroredSampling == p.mirroredSampling
                && fitnessShaping == p.fitnessShaping && popSize == p.popSize && nIteration == p.nIteration
                && Double.compare(stopCriterion, p.stopCriterion) == 0 && seed == p.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {learningRateMu, learningRateSigma, mu, sigma, mirroredSampling,
            fitnessShaping, popSize, nIteration, stopCriterion, seed});
    }

    @Override
    public String toString() {
        return "NaturalEvolutionStrategiesParameters[learningRateMu=" + learningRateMu + ", learningRateSigma="
                + learningRateSigma + ", mu=" + Arrays.toString(mu) + ", sigma=" + Arrays.toString(sigma)
                + ", mirroredSampling=" + mirroredSampling + ", fitnessShaping=" + fitnessShaping + ", popSize="
                + popSize + ", nIteration=" + nIteration + ", stopCriterion=" + stopCriterion + ", seed=" + seed + "]";
    }

    /** L2L's default learning rate of sigma for dimension {@code d}: {@code (3 + ln d) / (5 sqrt d)}. */
    public static double defaultLearningRateSigma(int d) {
        return (3 + Math.log(d)) / (5.0 * Math.sqrt(d));
    }

    /** L2L's default population size for dimension {@code d}: {@code 4 + floor(3 ln d)}. */
    public static int defaultPopSize(int d) {
        return 4 + (int) Math.floor(3 * Math.log(d));
    }

    /** A builder; see the class comment for its defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link NaturalEvolutionStrategiesParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private Double learningRateMu;
        private Double learningRateSigma;
        private double[] mu;
        private double[] sigma;
        private boolean mirroredSampling = true;
        private boolean fitnessShaping = true;
        private Integer popSize;
        private int nIteration = 100;
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 0;

        private Builder() {}

        /** Learning rate of the mean, finite and {@code > 0}; unset means L2L's default 1. */
        public Builder learningRateMu(double learningRateMu) {
            this.learningRateMu = learningRateMu;
            return this;
        }

        /** Learning rate of sigma, finite and {@code > 0}; unset means {@code (3 + ln d) / (5 sqrt d)}. */
        public Builder learningRateSigma(double learningRateSigma) {
            this.learningRateSigma = learningRateSigma;
            return this;
        }

        /** The initial mean, one value per dimension; required. */
        public Builder mu(double... mu) {
            this.mu = mu == null ? null : mu.clone();
            return this;
        }

        /** The initial standard deviations, one per dimension or one for all; required. */
        public Builder sigma(double... sigma) {
            this.sigma = sigma == null ? null : sigma.clone();
            return this;
        }

        /** Mirrored sampling; on by default. */
        public Builder mirroredSampling(boolean mirroredSampling) {
            this.mirroredSampling = mirroredSampling;
            return this;
        }

        /** Fitness shaping; on by default. */
        public Builder fitnessShaping(boolean fitnessShaping) {
            this.fitnessShaping = fitnessShaping;
            return this;
        }

        /** Samples per generation, {@code > 0}; unset means {@code 4 + floor(3 ln d)}. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
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

        /** Seed of the optimizer's random generator; 0 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The validated parameters, with unset rates and population size resolved from {@code mu}'s length. */
        public NaturalEvolutionStrategiesParameters build() {
            if (mu == null || mu.length == 0) {
                throw new IllegalArgumentException("mu must have at least one value, but was "
                        + (mu == null ? "null" : "empty"));
            }
            int d = mu.length;
            return new NaturalEvolutionStrategiesParameters(
                    learningRateMu == null ? 1.0 : learningRateMu,
                    learningRateSigma == null ? defaultLearningRateSigma(d) : learningRateSigma,
                    mu, sigma, mirroredSampling, fitnessShaping,
                    popSize == null ? defaultPopSize(d) : popSize, nIteration, stopCriterion, seed);
        }
    }
}
