package org.l2l.runner;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/** Small optimizees for runner tests; they run inside real worker JVMs. */
final class TestOptimizees {
    private TestOptimizees() {}

    /** Sphere plus noise from the individual's own stream, with extra data. */
    record NoisySphere(double noise) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", r.nextDouble(-2, 2)).array("coords", r.nextDouble(-2, 2), r.nextDouble(-2, 2)).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            double s = ind.params().scalar("x") * ind.params().scalar("x");
            for (double c : ind.params().array("coords")) s += c * c;
            return new SimulationResult(new double[] {s + noise * ctx.random().nextGaussian()},
                    Map.of("worker", (long) ctx.workerId(), "attempt", (long) ctx.attempt()));
        }
    }

    /** Sleeps {@code millis} per individual. */
    record Slow(long millis) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", r.nextDouble()).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) throws InterruptedException {
            Thread.sleep(millis);
            return SimulationResult.of(ind.params().scalar("x"));
        }
    }

    /** Sphere on {@code coords} (2-d, in [-5, 5]) with noise from the individual's stream, taking {@code millis}. */
    record SlowSphere(long millis, double noise) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().array("coords", r.nextDouble(-5, 5), r.nextDouble(-5, 5)).build();
        }

        @Override
        public Parameters bound(Parameters p) {
            double[] c = p.array("coords");
            for (int i = 0; i < c.length; i++) c[i] = Math.max(-5, Math.min(5, c[i]));
            return Parameters.builder().array("coords", c).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) throws InterruptedException {
            Thread.sleep(millis);
            double s = 0;
            for (double c : ind.params().array("coords")) s += c * c;
            return SimulationResult.of(s + noise * ctx.random().nextGaussian());
        }
    }
}
