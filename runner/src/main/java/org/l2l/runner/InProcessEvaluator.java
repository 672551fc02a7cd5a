package org.l2l.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * Evaluates individuals on threads of the driver, with the same seeds and retry policy as the worker
 * pool (L2L's {@code multiprocessing=False}). For debugging and fast tests: a crash or a hang in
 * {@code simulate} takes the driver with it. A failed attempt is retried at once on the same thread.
 */
public final class InProcessEvaluator implements AsyncEvaluator {
    private final Optimizee optimizee;
    private final long seed;
    private final RunnerOptions options;
    private final RetryPolicy policy;
    private final ExecutorService threads;
    /** Final outcomes not yet polled: an {@link Evaluation}, or the {@link RunFailedException} that stops the run. */
    private final LinkedBlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    /** (generation, index) of every individual submitted and not yet polled. */
    private final Set<Long> inFlight = new HashSet<>();
    /** Individuals submitted whose outcome is not final yet (running or waiting for a thread). */
    private int unfinished;

    /** Told of retries from the evaluating threads and of final outcomes from {@link #poll}'s thread. */
    private volatile org.l2l.runner.progress.ProgressListener progress = org.l2l.runner.progress.ProgressListener.NONE;

    /** Threads for {@code options.maxWorkers()} concurrent evaluations. */
    public InProcessEvaluator(Optimizee optimizee, long optimizeeSeed, RunnerOptions options) {
        this.optimizee = optimizee;
        this.seed = optimizeeSeed;
        this.options = options;
        this.policy = new RetryPolicy(options);
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
        return GenerationCollector.evaluate(this, generation, individuals, weights);
    }

    @Override
    public void submit(List<Individual> individuals, FitnessWeights weights) {
        for (Individual ind : individuals) {
            if (inFlight.contains(key(ind))) throw new IllegalArgumentException(ind.label() + " is already in flight");
        }
        for (Individual ind : individuals) {
            inFlight.add(key(ind));
            unfinished++;
            threads.execute(() -> {
                Object outcome;
                try {
                    outcome = evaluateWithRetries(ind, weights);
                } catch (RuntimeException | Error e) { // a bug of the runner: stop the run rather than wait forever
                    outcome = new RunFailedException("evaluating " + ind.label() + " failed in the driver: " + e, e);
                }
                outcomes.add(outcome);
            });
        }
    }

    private Object evaluateWithRetries(Individual ind, FitnessWeights weights) {
        try {
            for (int attempt = 0; ; attempt++) {
                String failure;
                try {
                    SimulationResult r = optimizee.simulate(ind, new SimulationContext(ind.generation(), ind.index(), attempt,
                            SimulationContext.randomFor(seed, ind.generation(), ind.index()), -1));
                    failure = RetryPolicy.check(ind, r, weights);
                    if (failure == null) return Evaluation.success(ind, r, weights);
                } catch (OptimizeeContractException e) {
                    throw e; // deterministic: never retried
                } catch (Exception | Error e) { // as the worker pool would retry a crashed worker's individual
                    failure = stackTrace(e);
                }
                Evaluation failed = policy.failure(ind, weights, attempt + 1, failure, null);
                if (failed != null) return failed;
                progress.evaluationRetried(ind.generation(), ind.index(), failure.lines().findFirst().orElse(""));
            }
        } catch (RunFailedException e) {
            return e;
        }
    }

    @Override
    public int freeSlots() {
        return Math.max(0, options.maxWorkers() - unfinished);
    }

    @Override
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public List<Evaluation> poll(Duration maxWait) {
        List<Object> ready = new ArrayList<>();
        if (!inFlight.isEmpty()) {
            try {
                Object first = outcomes.poll(Math.min(maxWait.toMillis(), Long.MAX_VALUE / 2), TimeUnit.MILLISECONDS);
                if (first != null) ready.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while waiting for evaluations", e);
            }
            outcomes.drainTo(ready);
        }
        List<Evaluation> done = new ArrayList<>(ready.size());
        for (Object o : ready) {
            unfinished--;
            if (o instanceof OptimizeeContractException e) {
                OptimizeeContractException again = new OptimizeeContractException(e.getMessage());
                again.initCause(e);
                throw again;
            }
            if (o instanceof RunFailedException e) throw new RunFailedException(e.getMessage(), e);
            Evaluation e = (Evaluation) o;
            inFlight.remove(key(e.individual()));
            done.add(e);
            progress.evaluationFinished(e.individual().generation(), e);
        }
        return done;
    }

    private static long key(Individual ind) {
        return ((long) ind.generation() << 32) | ind.index();
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
