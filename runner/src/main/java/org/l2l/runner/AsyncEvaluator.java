package org.l2l.runner;

import java.util.List;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;

/** Evaluates individuals as they are submitted, without a generation barrier. */
public interface AsyncEvaluator extends Evaluator {
    /** Queues individuals (any generations; (generation,index) unique per run) for evaluation, ranked with weights. Retries, timeouts, restarts and the stopRun/maxRetries policy apply per individual exactly as in evaluate. */
    void submit(List<Individual> individuals, FitnessWeights weights);

    /** How many more individuals could be submitted now so that no worker idles (free worker slots plus the work-ahead queue room); 0 when the pool is saturated. */
    int freeSlots();

    /** Individuals submitted and not yet returned by poll. */
    int inFlight();

    /** Waits at most maxWait for final outcomes (success, or failed after all retries) and returns every outcome that is final now, in completion order (possibly empty). @throws RunFailedException when the run must stop (stopRun policy, run timeout, start-up failure) */
    List<Evaluation> poll(java.time.Duration maxWait);
}
