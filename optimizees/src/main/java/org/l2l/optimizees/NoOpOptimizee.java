package org.l2l.optimizees;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An optimizee that does no work, for measuring the overhead of the outer loop: an individual is one
 * scalar {@value #PARAM} drawn from {@code [0, 1)}, and {@link #simulate} returns {@code {x}} at once.
 * It has no settings.
 */
public record NoOpOptimizee() implements Optimizee {
    /** The name of the individual's only parameter. */
    public static final String PARAM = "x";

    /** {@value #PARAM} drawn uniformly from {@code [0, 1)}. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar(PARAM, random.nextDouble()).build();
    }

    /** Fitness {@code {x}}. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        return SimulationResult.of(individual.params().scalar(PARAM));
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NoOpOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {

        private Builder() {}

        /** Builds and validates; a message names the setting at fault. */
        public NoOpOptimizee build() {
            return new NoOpOptimizee();
        }
    }
}
