package org.l2l.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.Individual;
import org.l2l.core.Trajectory;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunLog;

/**
 * The runner's loop for an {@link AsyncOptimizer}, without a generation barrier: whenever the evaluator has free
 * slots the optimizer is asked for that many proposals, and every result is told to it as soon as it arrives, so
 * no worker idles while the optimizer could propose.
 *
 * <p>Results are stored append-only in batch files ({@code batches/batch-N.kryo}): a batch is written when
 * {@code batchInterval} has passed since the previous one or {@code batchSize} results are waiting, and at the
 * end. Each batch holds its results in completion order with their arrival times, the proposals still in flight,
 * and the optimizer's state after them, so a resumed run continues from the last batch alone: it restores the
 * optimizer and evaluates the proposals in flight again, with the same identifiers and so the same random
 * streams. Results that arrived after the last batch are evaluated again; nothing is told twice.
 */
final class AsyncRun {
    /** What the experiment learns after each stored batch. */
    interface Progress {
        /** Batch {@code batch} is stored; {@code evaluations} results so far in the run. */
        void stored(int batch, long evaluations);
    }

    private final RunDirectory dir;
    private final RunLog log;
    private final Trajectory trajectory;
    private final RunnerOptions options;
    private final KryoCodec codec = new KryoCodec();
    private final Progress progress;

    /** In flight, by (generation, index), in submission order. */
    private final Map<Long, Individual> inFlight = new LinkedHashMap<>();
    private final Set<Integer> busyLanes = new HashSet<>();
    private final List<Evaluation> pending = new ArrayList<>();
    private final List<Long> pendingMillis = new ArrayList<>();
    private int nextBatch;
    private long ordinal;
    private long evaluations;
    private long lastBatchNanos = System.nanoTime();
    /** The evaluator while {@link #run} runs, for its logs. */
    private AsyncEvaluator evaluator;

    AsyncRun(RunDirectory dir, RunLog log, Trajectory trajectory, RunnerOptions options, Progress progress) {
        this.dir = dir;
        this.log = log;
        this.trajectory = trajectory;
        this.options = options;
        this.progress = progress;
    }

    /** The number of batch files of an asynchronous run in {@code dir} (they are numbered from 0 without gaps). */
    static int storedBatches(RunDirectory dir) {
        int n = 0;
        while (java.nio.file.Files.exists(dir.batchFile(n))) n++;
        return n;
    }

    /** The evaluations stored so far (after {@link #run}). */
    long evaluations() {
        return evaluations;
    }

    /** The batches stored so far. */
    int batches() {
        return nextBatch;
    }

    /**
     * Runs {@code optimizer} on {@code evaluator} until it finishes and every proposal is told: from its start, or
     * from {@code checkpoint}, the last stored batch of a resumed run.
     *
     * @throws RunFailedException if the run must stop (the evaluator's verdict, the timeout, a broken contract);
     *     results told so far are stored first
     */
    void run(AsyncOptimizer optimizer, AsyncEvaluator evaluator, KryoCodec.BatchRecord checkpoint, Instant deadline) {
        boolean perLane = optimizer.ordering() == AsyncOptimizer.Ordering.PER_LANE;
        this.evaluator = evaluator;
        if (checkpoint != null) {
            if (checkpoint.optimizerState() == null) {
                throw new RunFailedException("cannot resume " + dir.root() + ": its last batch (" + dir.batchFile(checkpoint.batch())
                        + ") holds no optimizer state (the optimizer does not checkpoint, or it failed)");
            }
            optimizer.restore(checkpoint.optimizerState());
            nextBatch = checkpoint.batch() + 1;
            ordinal = checkpoint.firstOrdinal() + checkpoint.evaluations().size();
            evaluations = checkpoint.evaluationsSoFar();
            if (checkpoint.bestSoFar() != null) trajectory.addEvaluation(checkpoint.bestSoFar());
            submit(evaluator, optimizer, checkpoint.inFlight(), perLane);
            log.info("restored the optimizer's state after batch " + checkpoint.batch() + " (" + evaluations
                    + " evaluations); evaluating its " + checkpoint.inFlight().size() + " proposals in flight again");
        } else {
            optimizer.start();
        }
        try {
            while (true) {
                if (!optimizer.isFinished()) {
                    int free = evaluator.freeSlots();
                    if (free <= 0 && evaluator.inFlight() == 0) free = 1;
                    if (free > 0) submit(evaluator, optimizer, optimizer.ask(free), perLane);
                }
                if (inFlight.isEmpty()) {
                    if (optimizer.isFinished()) break;
                    throw new RunFailedException("the optimizer " + optimizer.getClass().getName() + " is not finished but "
                            + "proposes nothing while nothing is in flight; an asynchronous optimizer must propose when it "
                            + "has no result to wait for");
                }
                long sinceBatch = System.nanoTime() - lastBatchNanos;
                long wait = Math.max(1, options.batchInterval().toNanos() - sinceBatch);
                List<Evaluation> done = evaluator.poll(Duration.ofNanos(Math.min(wait, 200_000_000L)));
                long now = System.currentTimeMillis();
                for (Evaluation e : done) {
                    Individual ind = e.individual();
                    if (inFlight.remove(key(ind)) == null) {
                        throw new IllegalStateException("the evaluator returned " + ind.label() + ", which is not in flight");
                    }
                    busyLanes.remove(ind.index());
                    pending.add(e);
                    pendingMillis.add(now);
                    trajectory.addEvaluation(e);
                    try {
                        optimizer.tell(e);
                    } catch (RuntimeException ex) {
                        store(null); // keep what was computed; the optimizer's state is unknown
                        throw ex;
                    }
                    if (pending.size() >= options.batchSize()) store(optimizer.saveState());
                }
                if (!pending.isEmpty() && System.nanoTime() - lastBatchNanos >= options.batchInterval().toNanos()) {
                    store(optimizer.saveState());
                }
                if (deadline != null && Instant.now().isAfter(deadline)) {
                    store(optimizer.saveState());
                    throw new RunFailedException("the run exceeded its timeout of " + options.timeout() + " after " + evaluations
                            + " evaluations; they are stored in " + dir.batchesDir());
                }
            }
        } catch (RunFailedException e) {
            if (!pending.isEmpty()) store(optimizer.saveState()); // what was told, with the proposals in flight
            throw e;
        }
        if (!pending.isEmpty() || nextBatch == 0) store(optimizer.saveState());
    }

    private void submit(AsyncEvaluator evaluator, AsyncOptimizer optimizer, List<Individual> proposals, boolean perLane) {
        if (proposals.isEmpty()) return;
        for (Individual ind : proposals) {
            if (inFlight.containsKey(key(ind))) {
                throw new RunFailedException("the optimizer " + optimizer.getClass().getName() + " proposed " + ind.label()
                        + " while it is in flight; every (generation, index) must be unique within a run");
            }
            if (perLane && !busyLanes.add(ind.index())) {
                throw new RunFailedException("the per-lane optimizer " + optimizer.getClass().getName() + " proposed "
                        + ind.label() + " while lane " + ind.index() + " has a proposal in flight");
            }
            inFlight.put(key(ind), ind);
        }
        evaluator.submit(proposals, optimizer.fitnessWeights());
    }

    private static long key(Individual ind) {
        return ((long) ind.generation() << 32) | (ind.index() & 0xffffffffL);
    }

    /** Writes the waiting results as the next batch, with {@code state} and the proposals in flight. */
    private void store(byte[] state) {
        long[] millis = new long[pendingMillis.size()];
        for (int i = 0; i < millis.length; i++) millis[i] = pendingMillis.get(i);
        evaluations += pending.size();
        int b = nextBatch++;
        try {
            java.nio.file.Files.createDirectories(dir.batchesDir());
        } catch (java.io.IOException e) {
            throw new org.l2l.runner.io.RunFileException(dir.batchesDir(), "cannot be created", e);
        }
        codec.write(dir.batchFile(b), new KryoCodec.BatchRecord(b, ordinal, pending, millis, List.copyOf(inFlight.values()),
                state, trajectory.best().orElse(null), evaluations));
        long failed = pending.stream().filter(Evaluation::failed).count();
        log.info(String.format("batch %d: %d results (%d failed), %d in flight, %d evaluations so far", b, pending.size(), failed,
                inFlight.size(), evaluations));
        ordinal += pending.size();
        pending.clear();
        pendingMillis.clear();
        lastBatchNanos = System.nanoTime();
        // what the workers logged meanwhile goes into logs/gen-B.zip, B the batch
        if (evaluator instanceof org.l2l.runner.exec.WorkerPool pool) pool.archiveLogs(b);
        progress.stored(b, evaluations);
    }
}
