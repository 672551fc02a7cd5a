package org.l2l.optimizers;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A tiny optimizee for the tests: the sphere {@code x^2 + sum(coords^2)} over a scalar {@code x} and an array
 * {@code coords}; individuals are created uniformly in [-5, 5] and bounded by clipping to [lo, hi].
 */
public record TestSphere(int coordsLength, double lo, double hi) implements Optimizee {
    /** Two coordinates, bounded to [-5, 5]. */
    public TestSphere() {
        this(2, -5, 5);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        double x = random.nextDouble(-5, 5);
        double[] coords = new double[coordsLength];
        for (int i = 0; i < coordsLength; i++) coords[i] = random.nextDouble(-5, 5);
        return Parameters.builder().scalar("x", x).array("coords", coords).build();
    }

    @Override
    public Parameters bound(Parameters params) {
        double[] coords = params.array("coords");
        for (int i = 0; i < coords.length; i++) coords[i] = clip(coords[i]);
        // deliberately rebuilt in the other name order: the optimizers must map by name, not position
        return Parameters.builder().array("coords", coords).scalar("x", clip(params.scalar("x"))).build();
    }

    private double clip(double v) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        return SimulationResult.of(value(individual.params()));
    }

    /** The sphere's value at {@code p}. */
    public static double value(Parameters p) {
        double s = p.scalar("x") * p.scalar("x");
        for (double c : p.array("coords")) s += c * c;
        return s;
    }
}
