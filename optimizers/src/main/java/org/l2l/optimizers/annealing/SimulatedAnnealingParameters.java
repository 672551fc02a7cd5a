package org.l2l.optimizers.annealing;

import org.l2l.core.Require;

/**
 * Settings of {@link SimulatedAnnealing}: L2L's {@code SimulatedAnnealingParameters}, in Java casing. The builder
 * starts from L2L's example {@code bin/l2l-fun-sa.py} (50 runs, step 0.03, decay 0.99, 100 iterations, no stop
 * criterion, quadratic additive cooling; the example's seed is random, ours defaults to 0).
 *
 * @param nParallelRuns the number of independent annealing runs (individuals per generation), {@code > 0}
 * @param noisyStep the scale of the random steps, finite and {@code >= 0}
 * @param tempDecay the decay of the {@link SimulatedAnnealingSchedule#DEFAULT} schedule, finite and {@code >= 0}
 * @param nIteration the number of generations, {@code > 0}
 * @param stopCriterion stop once the best current weighted fitness is {@code >= stopCriterion}; not NaN
 * @param seed seed of the optimizer's own random generator
 * @param coolingSchedule the cooling schedule
 */
public record SimulatedAnnealingParameters(int nParallelRuns, double noisyStep, double tempDecay, int nIteration,
                                           double stopCriterion, long seed, SimulatedAnnealingSchedule coolingSchedule) {
    /** Validates every field; a message names the field and its bad value. */
    public SimulatedAnnealingParameters {
        Require.positive("nParallelRuns", nParallelRuns);
        Require.nonNegative("noisyStep", noisyStep);
        Require.nonNegative("tempDecay", tempDecay);
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) throw new IllegalArgumentException("stopCriterion must not be NaN");
        Require.nonNull("coolingSchedule", coolingSchedule);
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-sa.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SimulatedAnnealingParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int nParallelRuns = 50;
        private double noisyStep = 0.03;
        private double tempDecay = 0.99;
        private int nIteration = 100;
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 0;
        private SimulatedAnnealingSchedule coolingSchedule = SimulatedAnnealingSchedule.QUADRATIC_ADDITIVE;

        private Builder() {}

        /** Parallel runs, {@code > 0}; L2L's example uses 50. */
        public Builder nParallelRuns(int v) {
            this.nParallelRuns = v;
            return this;
        }

        /** Step scale, {@code >= 0}; L2L's example uses 0.03. */
        public Builder noisyStep(double v) {
            this.noisyStep = v;
            return this;
        }

        /** Decay of the DEFAULT schedule, {@code >= 0}; L2L's example uses 0.99. */
        public Builder tempDecay(double v) {
            this.tempDecay = v;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 100. */
        public Builder nIteration(int v) {
            this.nIteration = v;
            return this;
        }

        /** Stop once the best current fitness reaches this; L2L's example uses {@code +inf}. */
        public Builder stopCriterion(double v) {
            this.stopCriterion = v;
            return this;
        }

        /** Seed; L2L's example draws a random one, we default to 0. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Cooling schedule; L2L's example uses quadratic additive. */
        public Builder coolingSchedule(SimulatedAnnealingSchedule v) {
            this.coolingSchedule = v;
            return this;
        }

        /** The validated parameters. */
        public SimulatedAnnealingParameters build() {
            return new SimulatedAnnealingParameters(nParallelRuns, noisyStep, tempDecay, nIteration, stopCriterion, seed,
                    coolingSchedule);
        }
    }
}
