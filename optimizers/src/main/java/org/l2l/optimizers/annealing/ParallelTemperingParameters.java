package org.l2l.optimizers.annealing;

import java.util.Arrays;
import java.util.List;
import org.l2l.core.Require;
import org.l2l.optimizers.Vectors;

/**
 * Settings of {@link ParallelTempering}: L2L's {@code ParallelTemperingParameters} in Java casing, plus
 * {@code swapInterval} (L2L's optimizer never exchanges replicas, so it has no such setting).
 *
 * <p>Each of the {@code nParallelRuns} replicas has its own cooling schedule, temperature bounds and decay parameter.
 * The per-run settings may be given once for all runs (one schedule, one pair of bounds, one decay) or once per run.
 * The {@link #builder() builder} starts from L2L's example {@code bin/l2l-fun-pt.py}: 5 runs, step 0.03, 1000
 * iterations, never stop early, schedules exponential additive (3 runs) and linear additive (2 runs), temperature
 * bounds {@code [0.8, 0], [0.7, 0], [0.6, 0], [1, 0.1], [0.9, 0.2]}, decay 0.99 for every run; the example's seed is
 * random, ours defaults to 0; replicas are exchanged after every generation ({@code swapInterval} 1).
 *
 * <pre>{@code
 * ParallelTemperingParameters p = ParallelTemperingParameters.builder().nParallelRuns(8).nIteration(100)
 *         .coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL).temperatureBounds(new double[][] {{1, 0}})
 *         .decayParameters(0.97).build();
 * }</pre>
 *
 * @param nParallelRuns the number of replicas (individuals per generation), {@code > 0}
 * @param noisyStep the scale of the random steps, finite and {@code >= 0}
 * @param nIteration the number of generations, {@code > 0}
 * @param stopCriterion stop once the best current weighted fitness is {@code >= stopCriterion}; not NaN
 * @param seed seed of the optimizer's own random generator
 * @param coolingSchedules the cooling schedule of each run (one for all, or one per run)
 * @param temperatureBounds each run's {@code [start, end]} temperature (one pair for all, or one per run), finite,
 *     {@code start > 0}, {@code 0 <= end <= start}, and {@code end < start} for the exponential additive schedule
 *     (its formula takes {@code ln(start - end)})
 * @param decayParameters each run's decay parameter {@code alpha} (one for all, or one per run), finite and
 *     {@code >= 0}; used by the {@code DEFAULT}, {@code EXPONENTIAL}, {@code LINEAR_MULTIPLICATIVE} and
 *     {@code QUADRATIC_MULTIPLICATIVE} schedules
 * @param swapInterval replicas at neighbouring temperatures are offered an exchange after every
 *     {@code swapInterval}-th generation, {@code > 0}; a value above {@code nIteration} never exchanges, as L2L
 */
public record ParallelTemperingParameters(int nParallelRuns, double noisyStep, int nIteration, double stopCriterion,
                                          long seed, List<SimulatedAnnealingSchedule> coolingSchedules,
                                          double[][] temperatureBounds, double[] decayParameters, int swapInterval) {
    /** Validates every field and expands per-run settings given once to one per run; messages name the field. */
    public ParallelTemperingParameters {
        Require.positive("nParallelRuns", nParallelRuns);
        Require.nonNegative("noisyStep", noisyStep);
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) throw new IllegalArgumentException("stopCriterion must not be NaN");
        Require.positive("swapInterval", swapInterval);
        int n = nParallelRuns;
        Require.nonNull("coolingSchedules", coolingSchedules);
        checkCount("coolingSchedules", coolingSchedules.size(), n);
        SimulatedAnnealingSchedule[] schedules = new SimulatedAnnealingSchedule[n];
        for (int i = 0; i < n; i++) {
            schedules[i] = Require.nonNull("coolingSchedules[" + i + "]",
                    coolingSchedules.get(coolingSchedules.size() == 1 ? 0 : i));
        }
        coolingSchedules = List.of(schedules);
        Require.nonNull("temperatureBounds", temperatureBounds);
        checkCount("temperatureBounds", temperatureBounds.length, n);
        double[][] bounds = new double[n][];
        for (int i = 0; i < n; i++) {
            int from = temperatureBounds.length == 1 ? 0 : i;
            double[] b = temperatureBounds[from];
            String name = "temperatureBounds[" + from + "]";
            if (b == null || b.length != 2) {
                throw new IllegalArgumentException(name + " must be [start, end], but was " + Arrays.toString(b));
            }
            Require.positive(name + ".start", b[0]);
            Require.nonNegative(name + ".end", b[1]);
            if (b[1] > b[0]) {
                throw new IllegalArgumentException(name + " must have end <= start, but was " + Arrays.toString(b));
            }
            if (b[1] == b[0] && schedules[i] == SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE) {
                throw new IllegalArgumentException(name + " must have end < start for the EXPONENTIAL_ADDITIVE schedule "
                        + "of run " + i + ", but was " + Arrays.toString(b));
            }
            bounds[i] = b.clone();
        }
        temperatureBounds = bounds;
        Require.nonNull("decayParameters", decayParameters);
        checkCount("decayParameters", decayParameters.length, n);
        double[] decay = new double[n];
        for (int i = 0; i < n; i++) {
            int from = decayParameters.length == 1 ? 0 : i;
            decay[i] = Require.nonNegative("decayParameters[" + from + "]", decayParameters[from]);
        }
        decayParameters = decay;
    }

    private static void checkCount(String name, int count, int n) {
        if (count != 1 && count != n) {
            throw new IllegalArgumentException(name + " must have 1 entry (for every run) or " + n
                    + " (one per run, nParallelRuns=" + n + "), but has " + count);
        }
    }

    /** A copy of the temperature bounds, one {@code [start, end]} per run. */
    @Override
    public double[][] temperatureBounds() {
        return Vectors.copy(temperatureBounds);
    }

    /** A copy of the decay parameters, one per run. */
    @Override
    public double[] decayParameters() {
        return decayParameters.clone();
    }

    /** Equal settings, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ParallelTemperingParameters p && nParallelRuns == p.nParallelRuns
                && Double.compare(noisyStep, p.noisyStep) == 0 && nIteration == p.nIteration
                && Double.compare(stopCriterion, p.stopCriterion) == 0 && seed == p.seed
                && coolingSchedules.equals(p.coolingSchedules) && Arrays.deepEquals(temperatureBounds, p.temperatureBounds)
                && Arrays.equals(decayParameters, p.decayParameters) && swapInterval == p.swapInterval;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {nParallelRuns, noisyStep, nIteration, stopCriterion, seed,
            coolingSchedules, temperatureBounds, decayParameters, swapInterval});
    }

    @Override
    public String toString() {
        return "ParallelTemperingParameters[nParallelRuns=" + nParallelRuns + ", noisyStep=" + noisyStep + ", nIteration="
                + nIteration + ", stopCriterion=" + stopCriterion + ", seed=" + seed + ", coolingSchedules="
                + coolingSchedules + ", temperatureBounds=" + Arrays.deepToString(temperatureBounds)
                + ", decayParameters=" + Arrays.toString(decayParameters) + ", swapInterval=" + swapInterval + "]";
    }

    /** A builder preset with the values of L2L's example {@code bin/l2l-fun-pt.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ParallelTemperingParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int nParallelRuns = 5;
        private double noisyStep = 0.03;
        private int nIteration = 1000;
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 0;
        private SimulatedAnnealingSchedule[] coolingSchedules = {
            SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE, SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE,
            SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE, SimulatedAnnealingSchedule.LINEAR_ADDITIVE,
            SimulatedAnnealingSchedule.LINEAR_ADDITIVE};
        private double[][] temperatureBounds = {{0.8, 0}, {0.7, 0}, {0.6, 0}, {1, 0.1}, {0.9, 0.2}};
        private double[] decayParameters = {0.99};
        private int swapInterval = 1;

        private Builder() {}

        /**
         * Number of replicas, {@code > 0}; L2L's example uses 5. Per-run settings given per run must then have this
         * many entries.
         */
        public Builder nParallelRuns(int v) {
            this.nParallelRuns = v;
            return this;
        }

        /** Step scale, {@code >= 0}; L2L's example uses 0.03. */
        public Builder noisyStep(double v) {
            this.noisyStep = v;
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 1000. */
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

        /**
         * Cooling schedules, one for all runs or one per run; L2L's example uses {@code EXPONENTIAL_ADDITIVE} three
         * times, then {@code LINEAR_ADDITIVE} twice.
         */
        public Builder coolingSchedules(SimulatedAnnealingSchedule... v) {
            this.coolingSchedules = Require.nonNull("coolingSchedules", v).clone();
            return this;
        }

        /**
         * Temperature bounds {@code [start, end]}, one pair for all runs or one per run; L2L's example uses
         * {@code [0.8, 0], [0.7, 0], [0.6, 0], [1, 0.1], [0.9, 0.2]}.
         */
        public Builder temperatureBounds(double[][] v) {
            this.temperatureBounds = Vectors.copy(Require.nonNull("temperatureBounds", v));
            return this;
        }

        /** Decay parameters, one for all runs or one per run, {@code >= 0}; L2L's example uses 0.99 for every run. */
        public Builder decayParameters(double... v) {
            this.decayParameters = Require.nonNull("decayParameters", v).clone();
            return this;
        }

        /** Generations between replica exchanges, {@code > 0}; 1 (every generation) by default. */
        public Builder swapInterval(int v) {
            this.swapInterval = v;
            return this;
        }

        /** The validated parameters. */
        public ParallelTemperingParameters build() {
            return new ParallelTemperingParameters(nParallelRuns, noisyStep, nIteration, stopCriterion, seed,
                    Arrays.asList(coolingSchedules), temperatureBounds, decayParameters, swapInterval);
        }
    }
}
