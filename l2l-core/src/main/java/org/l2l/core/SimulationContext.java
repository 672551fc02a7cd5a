package org.l2l.core;

import java.util.random.RandomGenerator;

/**
 * What an optimizee's {@code simulate} may know about the evaluation it is doing.
 *
 * @param generation the generation of the individual
 * @param index the individual's index
 * @param attempt 0 for the first attempt, 1 for the first retry, ...
 * @param random this individual's own random stream, derived from the run's seed, the generation and the
 *     index; the same for every attempt and whichever worker runs it
 * @param workerId the worker evaluating it, or -1 in-process
 */
public record SimulationContext(int generation, int index, int attempt, RandomGenerator random, int workerId) {
    /** The stream for an individual: a pure function of the run's optimizee seed, generation and index. */
    public static RandomGenerator randomFor(long optimizeeSeed, int generation, int index) {
        return Rng.derive(optimizeeSeed, "simulate", generation, index);
    }
}
