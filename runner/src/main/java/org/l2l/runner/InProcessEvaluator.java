package org.l2l.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * Evaluates individuals on threads of the driver, with the same seeds and retry policy as the worker
 * pool (L2L's {@code multiprocessing=False}). For debugging and fast tests: a crash or a hang in
 * {@code simulate} takes the driver with it.
 */
public final class InProcessEvaluator implements Evaluator {
    private final Optimizee optimizee;
    private final long seed;
    private final RunnerOptions options;
    private final ExecutorService threads;

    private org.l2l.runner.progress.ProgressListener progress = org.l2l.runner.progress.ProgressListener.NONE;

    /** Threads for {@code options.maxWorkers()} concurrent evaluations. */
    public InProcessEvaluator(Optimizee optimizee, long optimizeeSeed, RunnerOptions options) {
        this.optimizee = optimizee;
        this.seed = optimizeeSeed;
        this.options = options;
        this.threads = Executors.newFixedThreadPool(options.maxWorkers(), r -> {
            Thread t = new Thread(r, "l2l-in-process");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void progress(org.l2l.runner.progress.ProgressListener listener) {
        progress = listener;
    }

    @Override
    public GenerationResult evaluate(int generation, List<Individual> individuals, FitnessWeights weights) {
        GenerationCollector collector = new GenerationCollector(generation, individuals, weights, options, progress);
        int[] attempt = new int[individuals.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < individuals.size(); i++) pending.add(i);
        while (!pending.isEmpty()) {
            List<Future<SimulationResult>> futures = new ArrayList<>();
            for (int i : pending) {
                Individual ind = individuals.get(i);
                int a = attempt[i];
                futures.add(threads.submit(() -> optimizee.simulate(ind, new SimulationContext(generation, ind.index(), a,
                        SimulationContext.randomFor(seed, generation, ind.index()), -1))));
            }
            List<Integer> again = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                int i = pending.get(k);
                String failure;
                try {
                    SimulationResult r = futures.get(k).get();
                    failure = r == null ? "simulate returned null" : collector.success(i, r);
                } catch (ExecutionException e) {
                    failure = stackTrace(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunFailedException("interrupted while evaluating generation " + generation, e);
                }
                if (failure != null && collector.failure(i, failure, null)) {
                    attempt[i]++;
                    again.add(i);
                }
            }
            pending = again;
        }
        return collector.result();
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
