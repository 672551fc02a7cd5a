package org.l2l.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;
import org.l2l.runner.progress.ProgressListener;

/**
 * Gathers exactly one evaluation per individual of a generation and applies the retry policy. Shared by
 * the worker pool and the in-process evaluator so both fail the same way. Internal to the runner.
 */
public final class GenerationCollector {
    private final int generation;
    private final List<Individual> individuals;
    private final FitnessWeights weights;
    private final RunnerOptions options;
    private final Evaluation[] evaluations;
    private final int[] failures;
    private final ProgressListener progress;
    private int done;

    /** A collector for one generation's individuals, reporting no progress. */
    public GenerationCollector(int generation, List<Individual> individuals, FitnessWeights weights, RunnerOptions options) {
        this(generation, individuals, weights, options, ProgressListener.NONE);
    }

    /** A collector that tells {@code progress} about each final evaluation and each retry as it is recorded. */
    public GenerationCollector(int generation, List<Individual> individuals, FitnessWeights weights, RunnerOptions options,
                               ProgressListener progress) {
        this.progress = progress;
        this.generation = generation;
        this.individuals = individuals;
        this.weights = weights;
        this.options = options;
        this.evaluations = new Evaluation[individuals.size()];
        this.failures = new int[individuals.size()];
    }

    /** Whether every individual has its evaluation. */
    public boolean isComplete() {
        return done == evaluations.length;
    }

    /** The number of evaluations still missing. */
    public int remaining() {
        return evaluations.length - done;
    }

    /**
     * Records a successful simulation. A fitness vector of the wrong length counts as a failure of that
     * attempt; returns null on success, else the failure text.
     */
    public String success(int i, SimulationResult r) {
        if (evaluations[i] != null) throw new IllegalStateException(label(i) + " already has a result");
        if (r.fitness().length != weights.size()) {
            return "simulate returned " + r.fitness().length + " fitness components for " + label(i) + ", but there are "
                    + weights.size() + " fitness weights " + weights;
        }
        evaluations[i] = Evaluation.success(individuals.get(i), r, weights);
        done++;
        progress.evaluationFinished(generation, evaluations[i]);
        return null;
    }

    /**
     * Records a failed attempt. Returns true if the individual should be tried again; otherwise, with
     * {@code stopRun}, throws naming the individual, the failure and the log; without it, records the
     * individual as failed.
     */
    public boolean failure(int i, String failure, Path log) {
        failures[i]++;
        if (failures[i] <= options.maxRetries()) {
            progress.evaluationRetried(generation, i, firstLine(failure));
            return true;
        }
        if (options.stopRun()) {
            throw new RunFailedException("generation " + generation + ", individual " + i + " "
                    + individuals.get(i).params() + " failed " + failures[i] + " times (maxRetries "
                    + options.maxRetries() + "); last failure: " + firstLines(failure, 12)
                    + (log == null ? "" : "\nworker log: " + log));
        }
        evaluations[i] = Evaluation.failed(individuals.get(i), weights, firstLine(failure));
        done++;
        progress.evaluationFinished(generation, evaluations[i]);
        return false;
    }

    /** The finished generation; every individual must have its evaluation. */
    public GenerationResult result() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < evaluations.length; i++) if (evaluations[i] == null) missing.add(i);
        if (!missing.isEmpty()) throw new IllegalStateException("generation " + generation + " lacks results for " + missing);
        return new GenerationResult(generation, Arrays.asList(evaluations));
    }

    private String label(int i) {
        return "g" + generation + "/i" + i;
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
