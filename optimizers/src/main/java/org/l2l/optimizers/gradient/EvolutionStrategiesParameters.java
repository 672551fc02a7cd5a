package org.l2l.optimizers.gradient;

import org.l2l.core.Require;

/**
 * Settings of {@link EvolutionStrategies}: L2L's {@code EvolutionStrategiesParameters}, with the names in Java casing
 * ({@code mirrored_sampling_enabled} is {@link #mirroredSampling()}, {@code fitness_shaping_enabled} is
 * {@link #fitnessShaping()}, and so on).
 *
 * <p>L2L's named tuple has no defaults; the {@link #builder() builder} starts from the values of L2L's example
 * script {@code bin/l2l-fun-es.py}, each documented on its setter.
 *
 * <pre>{@code
 * EvolutionStrategiesParameters p = EvolutionStrategiesParameters.builder().seed(42).popSize(10).nIteration(50).build();
 * }</pre>
 *
 * @param learningRate the step size of the update of the current individual, finite and {@code > 0}
 * @param noiseStd the standard deviation of the Gaussian perturbations, finite and {@code > 0} (L2L also accepts a
 *                 per-dimension array; this port takes one value for all dimensions)
 * @param mirroredSampling whether each perturbation {@code e} is also evaluated as {@code -e}
 * @param fitnessShaping whether the update uses rank-based utilities instead of the raw fitness values
 * @param popSize the number of perturbations drawn per generation ({@code > 0}); a generation evaluates
 *                {@code popSize + 1} individuals, or {@code 2 popSize + 1} with mirrored sampling
 * @param nIteration the number of generations to run, {@code > 0}
 * @param stopCriterion stop once the best perturbed individual's fitness reaches this value; {@code +inf} never stops
 * @param seed seed of the optimizer's own random generator
 */
public record EvolutionStrategiesParameters(double learningRate, double noiseStd, boolean mirroredSampling,
                                            boolean fitnessShaping, int popSize, int nIteration, double stopCriterion,
                                            long seed) {
    /** Validates every field; a message names the field and its bad value. */
    public EvolutionStrategiesParameters {
        Require.positive("learningRate", learningRate);
        Require.positive("noiseStd", noiseStd);
        Require.positive("popSize", popSize);
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) {
            throw new IllegalArgumentException("stopCriterion must be a number (Infinity never stops), but was NaN");
        }
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-es.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EvolutionStrategiesParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private double learningRate = 0.1;
        private double noiseStd = 1.0;
        private boolean mirroredSampling = true;
        private boolean fitnessShaping = true;
        private int popSize = 20;
        private int nIteration = 1000;
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 1234;

        private Builder() {}

        /** Learning rate, finite and {@code > 0}; L2L's example uses 0.1. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Perturbation standard deviation, finite and {@code > 0}; L2L's example uses 1. */
        public Builder noiseStd(double noiseStd) {
            this.noiseStd = noiseStd;
            return this;
        }

        /** Mirrored sampling; L2L's example enables it. */
        public Builder mirroredSampling(boolean mirroredSampling) {
            this.mirroredSampling = mirroredSampling;
            return this;
        }

        /** Fitness shaping; L2L's example enables it. */
        public Builder fitnessShaping(boolean fitnessShaping) {
            this.fitnessShaping = fitnessShaping;
            return this;
        }

        /** Perturbations per generation, {@code > 0}; L2L's example uses 20. */
        public Builder popSize(int popSize) {
            this.popSize = popSize;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 1000. */
        public Builder nIteration(int nIteration) {
            this.nIteration = nIteration;
            return this;
        }

        /** Fitness at which to stop, not NaN; L2L's example uses {@code np.inf} (never stop early). */
        public Builder stopCriterion(double stopCriterion) {
            this.stopCriterion = stopCriterion;
            return this;
        }

        /** Seed of the optimizer's random generator; L2L's example uses 1234. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The validated parameters. */
        public EvolutionStrategiesParameters build() {
            return new EvolutionStrategiesParameters(learningRate, noiseStd, mirroredSampling, fitnessShaping, popSize,
                    nIteration, stopCriterion, seed);
        }
    }
}
