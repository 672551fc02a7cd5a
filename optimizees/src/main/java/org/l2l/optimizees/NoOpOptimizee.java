package org.l2l.optimizees;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An optimizee that does nothing: one scalar {@code x} in [0, 1), fitness {@code x}. It measures the
 * framework's own overhead.
 */
public record NoOpOptimizee() implements Optimizee {
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar("x", random.nextDouble()).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        return SimulationResult.of(individual.params().scalar("x"));
    }
}
