package org.l2l.runner;

import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;

/** Evaluates generations: a pool of worker JVMs, or threads in the driver. */
public interface Evaluator extends AutoCloseable {
    /**
     * Evaluates every individual of one generation, applying the retry policy.
     *
     * @throws RunFailedException if the run must stop; the message names the culprit
     */
    GenerationResult evaluate(int generation, List<Individual> individuals, FitnessWeights weights);

    /**
     * Tells {@code listener} about each evaluation as its result comes back, each retry, and each worker
     * restart, from now on. By default the events are not reported.
     */
    default void progress(org.l2l.runner.progress.ProgressListener listener) {}

    /** Stops every worker; afterwards no process started by this evaluator is running. */
    @Override
    void close();
}
