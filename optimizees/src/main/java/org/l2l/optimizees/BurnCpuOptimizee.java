package org.l2l.optimizees;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An optimizee whose every evaluation keeps one CPU core busy for a fixed amount of CPU time, for
 * measuring parallel efficiency: with perfect scaling, {@code n} workers finish {@code n} evaluations in
 * the time of one.
 *
 * <p>The time is the evaluating thread's CPU time (from {@link ThreadMXBean}), so an evaluation that
 * has to share its core simply takes longer in wall-clock time. Where the JVM cannot measure thread CPU
 * time, wall-clock time is used instead. An individual is one scalar {@value #PARAM} drawn from
 * {@code [-1, 1)}; the fitness is the sum of squares of all parameter values (minimum 0), and the CPU
 * time actually spent is returned as extra data {@value #CPU_MILLIS}.
 *
 * @param millis the CPU time to spend per evaluation, in milliseconds; finite and {@code >= 0}
 */
public record BurnCpuOptimizee(double millis) implements Optimizee {
    /** The name of the individual's parameter. */
    public static final String PARAM = "x";

    /** The key of the extra data holding the CPU milliseconds spent. */
    public static final String CPU_MILLIS = "cpuMillis";

    /** Work done between two clock readings, small enough to overshoot the target by microseconds only. */
    private static final int CHUNK = 2_000;

    /** Receives the spin loop's result so that the loop cannot be optimized away. */
    private static volatile double sink;

    /** Validates {@code millis}. */
    public BurnCpuOptimizee {
        Require.nonNegative("millis", millis);
    }

    /** {@value #PARAM} drawn uniformly from {@code [-1, 1)}. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar(PARAM, random.nextDouble() * 2 - 1).build();
    }

    /** Spins for {@code millis} of CPU time, then returns the sum of squares of the parameters. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        double spent = burn((long) (millis * 1e6)) / 1e6;
        double sum = 0;
        for (double v : individual.params().toVector()) sum += v * v;
        return new SimulationResult(new double[] {sum}, Map.of(CPU_MILLIS, spent));
    }

    /** Busy-spins for at least {@code nanos} of this thread's CPU time; returns the nanoseconds spent. */
    private static long burn(long nanos) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        boolean cpuClock = bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
        long start = cpuClock ? bean.getCurrentThreadCpuTime() : System.nanoTime();
        long elapsed = 0;
        double acc = 1;
        while (elapsed < nanos) {
            for (int i = 0; i < CHUNK; i++) acc = acc * 1.000000001 + 1e-9;
            elapsed = (cpuClock ? bean.getCurrentThreadCpuTime() : System.nanoTime()) - start;
        }
        sink = acc;
        return elapsed;
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BurnCpuOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private Double millis;

        private Builder() {}

        /** CPU milliseconds to burn per evaluation; required. */
        public Builder millis(double v) {
            millis = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public BurnCpuOptimizee build() {
            if (millis == null) throw new IllegalArgumentException("millis is required");
            return new BurnCpuOptimizee(millis);
        }
    }
}
