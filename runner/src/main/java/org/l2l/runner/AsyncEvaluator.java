package org.l2l.runner;

import java.util.List;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;

/** Evaluates individuals as they are submitted, without a generation barrier. */
public interface AsyncEvaluator extends Evaluator {
    void submit(List<Individual> individuals, FitnessWeights weights); // any generations; (generation,index) unique per run; retries/timeouts/stopRun as in evaluate
    int freeSlots();   // how many more could be submitted now so that no worker idles; 0 when saturated
    int inFlight();    // submitted and not yet returned by poll
    List<Evaluation> poll(java.time.Duration maxWait); // final outcomes (success, or failed after all retries) in completion order; throws RunFailedException when the run must stop
}
