package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.runner.exec.WorkerPool;
import org.l2l.runner.io.RunDirectory;

/** {@link AsyncEvaluatorContract} on real worker JVMs. */
class WorkerPoolAsyncIT extends AsyncEvaluatorContract {
    @TempDir
    Path root;
    private int runs;

    @AfterEach
    void noWorkerLeft() {
        ProcessAssertions.assertNoWorkerChildren();
    }

    /**
     * The transport's own claim: a real worker's replies reach the pool through the notices in the shared
     * notification file, so the pool reads a worker's {@code .out} file only for its {@code READY} (and its
     * {@code BYE}), not once per result; per result it reads the result record (or one span for a batch)
     * and writes new work (how many results share a poll or a dispatch round depends on timing, so only
     * the upper bound is checked).
     */
    @Test
    void resultsArriveThroughTheNoticesWithoutReadingOutFilesPerResult() {
        int n = 300;
        try (AsyncEvaluator ev = create(new Flaky(2), options().build())) {
            WorkerPool pool = (WorkerPool) ev;
            WorkerPool.PollCounts before = pool.pollCounts();
            List<Individual> inds = new ArrayList<>();
            for (int i = 0; i < n; i++) inds.add(ind(0, i, 1 + i));
            ev.submit(inds, FitnessWeights.of(-1));
            assertEquals(n, drain(ev, n).size());
            WorkerPool.PollCounts after = pool.pollCounts();
            long outReads = after.outReads() - before.outReads();
            assertTrue(outReads <= 6, ".out files read " + outReads + " times for " + n + " results (the sweep may read a few)");
            // at most one record read, one RUN write and one individuals write per result (fewer when batched)
            double perResult = (double) (after.dataReads() + after.writes() - before.dataReads() - before.writes()) / n;
            assertTrue(perResult <= 3.0, "data reads and writes per result: " + perResult);
        }
    }

    @Override
    AsyncEvaluator create(Flaky optimizee, RunnerOptions options) {
        RunDirectory dir = new RunDirectory(root.resolve("run" + runs++));
        dir.create(false);
        OptimizeeCodec.write(dir.optimizeeJson(), optimizee, 7);
        WorkerPool pool = new WorkerPool(dir, options);
        try {
            pool.start();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }
}
