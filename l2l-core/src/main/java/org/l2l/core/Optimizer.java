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

    /**
     * Called once by the runner, before {@link #firstGeneration()} or {@link #restoreState}, with the run's
     * directory. An optimizer that keeps files of its own (the random walk's particle tables) writes them
     * under it; the others ignore it.
     */
    default void useRunDirectory(java.nio.file.Path runDirectory) {}

    /** The individuals of generation 0. */
    List<Parameters> firstGeneration();

    /** Learns from a generation's evaluations and proposes the next generation, or finishes. */
    Step next(GenerationResult result);

    /**
     * The optimizer's complete state after its last {@link #next} (its random generator included), as
     * bytes it can read back with {@link #restoreState}; stored with each generation so that a resumed
     * run continues without replaying earlier generations. Null (the default) if this optimizer does not
     * checkpoint; its runs are then resumed by replaying the stored generations through {@link #next}.
     */
    default byte[] saveState() {
        return null;
    }

    /**
     * Continues from a state written by {@link #saveState()} of an optimizer built with the same
     * parameters. Returns the individuals of the next generation, or null if that optimizer had finished.
     *
     * @throws UnsupportedOperationException if this optimizer does not checkpoint
     */
    default List<Parameters> restoreState(byte[] state) {
        throw new UnsupportedOperationException(getClass().getName() + " does not restore checkpoints");
    }

    /**
     * Starts a new run from the state an earlier run ended with (L2L's {@code checkpoint} option), with
     * this optimizer's possibly different settings (for example more iterations). Returns the first
     * generation of the new run, or null if there is nothing left to do.
     *
     * @throws UnsupportedOperationException if this optimizer cannot continue earlier runs
     * @throws IllegalArgumentException if the earlier run does not fit these settings
     */
    default List<Parameters> continueFrom(byte[] state) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot continue an earlier run");
    }

    /** Called once when the run ends; may record final results in the trajectory. */
    default void end(Trajectory trajectory) {}
}
