package org.l2l.optimizers;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Optimizee;

/** The random walk under the asynchronous contract: each particle a lane. */
class RandomWalkAsyncContractTest extends AsyncOptimizerContractTest {
    @TempDir
    static Path root;

    @Override
    Optimizee optimizee() {
        return new TestRegion(0, 5, 1.5);
    }

    @Override
    AsyncOptimizer create(long seed) {
        return RandomWalkContractTest.walk(root, seed);
    }

    @Override
    int maxProposals() {
        return 4 * 9;
    }
}
