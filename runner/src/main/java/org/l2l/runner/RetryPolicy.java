package org.l2l.runner;

import java.nio.file.Path;
import java.util.Arrays;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;

/**
 * The per-individual retry policy shared by the worker pool and the in-process evaluator, so both fail
 * the same way: a failed attempt is retried up to {@code maxRetries} times, on any worker; after that the
 * run stops ({@code stopRun}) naming the individual, or the individual gets the worst fitness. Internal to
 * the runner.
 */
public final class RetryPolicy {
    private final RunnerOptions options;

    /** The policy of {@code options} ({@code maxRetries}, {@code stopRun}). */
    public RetryPolicy(RunnerOptions options) {
        this.options = options;
    }

    /**
     * Checks a successful simulation. Returns null if the result is usable, else the failure text of that
     * attempt: a fitness with a NaN component counts as a failed attempt (retried, then the {@code stopRun}
     * policy), so a NaN never reaches the optimizer, the best individual or the CSV as a fitness.
     *
     * @throws OptimizeeContractException if the fitness vector's length is not the number of fitness weights:
     *     that is deterministic, so it is reported at once rather than retried
     */
    public static String check(Individual individual, SimulationResult result, FitnessWeights weights) {
        if (result == null) return "simulate returned null for " + individual.label();
        double[] fitness = result.fitness();
        if (fitness.length != weights.size()) {
            throw new OptimizeeContractException("simulate returned " + fitness.length + " fitness component"
                    + (fitness.length == 1 ? "" : "s") + " for " + individual.label() + ", but the experiment has "
                    + weights.size() + " fitness weight" + (weights.size() == 1 ? "" : "s") + " " + weights
                    + ": make fitnessWeights as long as the optimizee's fitness vector");
        }
        for (int c = 0; c < fitness.length; c++) {
            if (Double.isNaN(fitness[c])) {
                return "simulate returned NaN as fitness component " + c + " for " + individual.label() + " (fitness "
                        + Arrays.toString(fitness) + "); a NaN fitness counts as a failed attempt";
            }
        }
        return null;
    }

    /**
     * Decides about a failed attempt, the {@code failures}-th of this individual. Returns null if the
     * individual should be tried again; otherwise, with {@code stopRun}, throws naming the individual, the
     * failure and the log; without it, returns the individual's failed evaluation.
     *
     * @param log the log of the worker on which it failed, or null in-process
     * @throws RunFailedException when the run must stop
     */
    public Evaluation failure(Individual individual, FitnessWeights weights, int failures, String failure, Path log) {
        if (failures <= options.maxRetries()) return null;
        if (options.stopRun()) {
            throw new RunFailedException("generation " + individual.generation() + ", individual " + individual.index() + " "
                    + individual.params() + " failed " + failures + " times (maxRetries " + options.maxRetries()
                    + "); last failure: " + firstLines(failure, 12) + (log == null ? "" : "\nworker log: " + log));
        }
        return Evaluation.failed(individual, weights, firstLine(failure));
    }

    private static String firstLine(String s) {
        int n = s.indexOf('\n');
        return n < 0 ? s : s.substring(0, n);
    }

    private static String firstLines(String s, int count) {
        String[] lines = s.split("\n");
        if (lines.length <= count) return s.strip();
        return String.join("\n", Arrays.copyOf(lines, count)) + "\n\t... " + (lines.length - count) + " more lines";
    }
}
