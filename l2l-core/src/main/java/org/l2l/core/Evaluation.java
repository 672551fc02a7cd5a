package org.l2l.core;

import java.util.Arrays;
import java.util.Map;

/**
 * The outcome of evaluating one individual.
 *
 * @param individual the evaluated individual
 * @param fitness raw fitness components; for a failed individual, NaN in each component
 * @param weightedFitness fitness times weights; for a failed individual, {@code -inf} in each component
 * @param extra extra data returned by {@code simulate}
 * @param failure {@code null} if evaluation succeeded, else the reason it failed after all retries
 */
public record Evaluation(Individual individual, double[] fitness, double[] weightedFitness,
                         Map<String, Object> extra, String failure) {
    /** Validates the fields. */
    public Evaluation {
        Require.nonNull("individual", individual);
        Require.nonNull("fitness", fitness);
        Require.nonNull("weightedFitness", weightedFitness);
        extra = extra == null ? Map.of() : extra;
    }

    /** A successful evaluation. */
    public static Evaluation success(Individual individual, SimulationResult result, FitnessWeights weights) {
        return new Evaluation(individual, result.fitness(), weights.weigh(result.fitness()), result.extra(), null);
    }

    /** A failed evaluation: worst possible weighted fitness. */
    public static Evaluation failed(Individual individual, FitnessWeights weights, String failure) {
        double[] nan = new double[weights.size()];
        Arrays.fill(nan, Double.NaN);
        return new Evaluation(individual, nan, weights.worstWeighted(), Map.of(), Require.nonBlank("failure", failure));
    }

    /** Whether the evaluation failed. */
    public boolean failed() {
        return failure != null;
    }

    /** The raw fitness components, a copy. */
    @Override
    public double[] fitness() {
        return fitness.clone();
    }

    /** The fitness times the weights, a copy. */
    @Override
    public double[] weightedFitness() {
        return weightedFitness.clone();
    }

    @Override
    public String toString() {
        return individual.label() + " " + individual.params() + " fitness=" + Arrays.toString(fitness)
                + (failed() ? " FAILED: " + failure : "");
    }
}
