package org.l2l.runner;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
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

    /**
     * {@link SlowSphere} for the multi-optimizers: creates and bounds single sets of {@code coords} (2-d), and returns
     * one noisy sphere value per inner set of a multi-individual, taking {@code millis} per multi-individual.
     */
    record SlowMultiSphere(long millis, double noise) implements Optimizee {
        private static final Parameters SET = Parameters.builder().array("coords", 0, 0).build();

        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return new SlowSphere(millis, noise).createIndividual(r);
        }

        @Override
        public Parameters bound(Parameters p) {
            java.util.List<Parameters> sets = new java.util.ArrayList<>();
            for (Parameters set : MultiIndividual.unpack(p, SET)) sets.add(new SlowSphere(millis, noise).bound(set));
            return p.sameShape(SET) ? sets.get(0) : MultiIndividual.pack(sets);
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) throws InterruptedException {
            Thread.sleep(millis);
            java.util.List<Parameters> sets = MultiIndividual.unpack(ind.params(), SET);
            double[] f = new double[sets.size()];
            for (int i = 0; i < f.length; i++) {
                for (double c : sets.get(i).array("coords")) f[i] += c * c;
                f[i] += noise * ctx.random().nextGaussian();
            }
            return SimulationResult.of(f);
        }
    }
}
