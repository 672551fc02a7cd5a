package org.l2l.core;

import java.util.List;

/**
 * The outer loop: proposes generations of individuals and learns from their fitness.
 *
 * <p>The runner calls {@link #firstGeneration()} once, then {@link #next(GenerationResult)} after every
 * evaluated generation until it returns {@link Step.Finished}, then {@link #end(Trajectory)}. An
 * optimizer draws its randomness from its own seeded {@link Rng}, never from a global generator.
 */
public interface Optimizer {
    /** The fitness weights: one per fitness component, negative to minimize. */
    FitnessWeights fitnessWeights();

    /** Records the optimizer's parameters in the trajectory; called once before the first generation. */
    default void describe(Trajectory trajectory) {}

    /** The individuals of generation 0. */
    List<Parameters> firstGeneration();

    /** Learns from a generation's evaluations and proposes the next generation, or finishes. */
    Step next(GenerationResult result);

    /** Called once when the run ends; may record final results in the trajectory. */
    default void end(Trajectory trajectory) {}
}
