package org.l2l.optimizers.walk;

import org.l2l.optimizers.AsyncOptimizerContractTest;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.TestRegion;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Optimizee;

/** The random walk under the asynchronous contract: each particle a lane. */
class RandomWalkAsyncContractTest extends AsyncOptimizerContractTest {
    @TempDir
    static Path root;

    @Override
    protected Optimizee optimizee() {
        return new TestRegion(0, 5, 1.5);
    }

    @Override
    protected AsyncOptimizer create(long seed) {
        return RandomWalkContractTest.walk(root, seed);
    }

    @Override
    protected int maxProposals() {
        return 4 * 9;
    }
}
