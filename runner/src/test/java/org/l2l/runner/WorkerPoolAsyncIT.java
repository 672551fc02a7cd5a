package org.l2l.runner;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
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
