package org.l2l.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;

/**
 * Gathers exactly one evaluation per individual of a generation, like Jenetics' {@code Engine.eval}: a
 * missing, foreign or second evaluation is an error naming the generation and index. The generational
 * {@link Evaluator#evaluate} of an {@link AsyncEvaluator} is {@link #evaluate} over it. Internal to the runner.
 */
public final class GenerationCollector {
    private final int generation;
    private final Evaluation[] evaluations;
    private int done;

    /**
     * A collector for {@code individuals}, the whole generation {@code generation}: individual {@code i}
     * of the list must be {@code g<generation>/i<i>}.
     *
     * @throws IllegalArgumentException naming the first individual that does not fit
     */
    public GenerationCollector(int generation, List<Individual> individuals) {
        this.generation = generation;
        for (int i = 0; i < individuals.size(); i++) {
            Individual ind = individuals.get(i);
            if (ind.generation() != generation || ind.index() != i) {
                throw new IllegalArgumentException("individual " + i + " of generation " + generation + " is " + ind.label());
            }
        }
        this.evaluations = new Evaluation[individuals.size()];
    }

    /**
     * The generational evaluation over an asynchronous evaluator: submits the whole generation and
     * collects its outcomes. Nothing else may be in flight.
     *
     * @throws IllegalStateException if other individuals are in flight
     * @throws RunFailedException if the run must stop
     */
    public static GenerationResult evaluate(AsyncEvaluator evaluator, int generation, List<Individual> individuals,
                                            FitnessWeights weights) {
        if (evaluator.inFlight() != 0) {
            throw new IllegalStateException("cannot evaluate generation " + generation + " while " + evaluator.inFlight()
                    + " submitted individuals are in flight");
        }
        GenerationCollector collector = new GenerationCollector(generation, individuals);
        evaluator.submit(individuals, weights);
        while (!collector.isComplete()) {
            for (Evaluation e : evaluator.poll(Duration.ofDays(1))) collector.add(e);
        }
        return collector.result();
    }

    /** Records an individual's final evaluation. */
    public void add(Evaluation e) {
        Individual ind = e.individual();
        if (ind.generation() != generation || ind.index() >= evaluations.length) {
            throw new IllegalStateException("generation " + generation + " of " + evaluations.length
                    + " individuals got an evaluation of " + ind.label());
        }
        if (evaluations[ind.index()] != null) throw new IllegalStateException(ind.label() + " already has a result");
        evaluations[ind.index()] = e;
        done++;
    }

    /** Whether every individual has its evaluation. */
    public boolean isComplete() {
        return done == evaluations.length;
    }

    /** The number of evaluations still missing. */
    public int remaining() {
        return evaluations.length - done;
    }

    /** The finished generation; every individual must have its evaluation. */
    public GenerationResult result() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < evaluations.length; i++) if (evaluations[i] == null) missing.add(i);
        if (!missing.isEmpty()) throw new IllegalStateException("generation " + generation + " lacks results for " + missing);
        return new GenerationResult(generation, Arrays.asList(evaluations));
    }
}
