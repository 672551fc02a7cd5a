package org.l2l.optimizees;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * Burns {@code millis} milliseconds of the evaluating thread's CPU time per individual, then returns
 * {@code x^2}. For parallel-efficiency benchmarks: the CPU time spent is returned as extra data
 * {@code cpuNanos}.
 *
 * @param millis CPU milliseconds per individual, {@code >= 0}
 */
public record BurnCpuOptimizee(double millis) implements Optimizee {
    /** Validates {@code millis}. */
    public BurnCpuOptimizee {
        Require.nonNegative("millis", millis);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar("x", random.nextDouble(-1, 1)).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long target = start + (long) (millis * 1e6);
        double acc = 0;
        long now = start;
        while (now < target) {
            for (int i = 0; i < 2000; i++) acc += Math.sqrt(i + acc % 7);
            now = mx.getCurrentThreadCpuTime();
        }
        double x = individual.params().scalar("x");
        return new SimulationResult(new double[] {x * x + (acc < 0 ? 1 : 0)},
                java.util.Map.of("cpuNanos", now - start));
    }
}
