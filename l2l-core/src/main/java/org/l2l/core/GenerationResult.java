package org.l2l.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The evaluations of one generation, exactly one per individual, in index order.
 *
 * @param generation the generation number
 * @param evaluations one evaluation per individual, index {@code i} at position {@code i}
 */
public record GenerationResult(int generation, List<Evaluation> evaluations) {
    /** Checks that there is exactly one evaluation per index and all belong to {@code generation}. */
    public GenerationResult {
        Require.nonNegative("generation", generation);
        evaluations = List.copyOf(evaluations);
        for (int i = 0; i < evaluations.size(); i++) {
            Individual ind = evaluations.get(i).individual();
            if (ind.generation() != generation || ind.index() != i) {
                throw new IllegalArgumentException("generation " + generation + ": position " + i
                        + " holds the result of " + ind.label() + "; expected g" + generation + "/i" + i);
            }
        }
    }

    /** The number of evaluations. */
    public int size() {
        return evaluations.size();
    }

    /** The evaluations that failed after all retries. */
    public List<Evaluation> failures() {
        List<Evaluation> out = new ArrayList<>();
        for (Evaluation e : evaluations) if (e.failed()) out.add(e);
        return out;
    }

    /** The best evaluation by weighted fitness ({@link FitnessWeights#WEIGHTED_ORDER}, the first of equals), if any succeeded. */
    public Optional<Evaluation> best() {
        return best(FitnessWeights.WEIGHTED_ORDER);
    }

    /** The best evaluation by {@code order} of the weighted fitness ({@link FitnessWeights#order()}), the first of equals. */
    public Optional<Evaluation> best(Comparator<double[]> order) {
        return evaluations.stream().filter(e -> !e.failed())
                .max(Comparator.comparing(Evaluation::weightedFitness, order)
                        .thenComparing(e -> -e.individual().index()));
    }
}
