package org.l2l.optimizers.distribution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

/** The contract with BIPOP restarts after every generation (tolX 10 is met at once): populations change mid-run. */
class CmaEsRestartsContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new CmaEs(OPTIMIZEE, FitnessWeights.of(-1), CmaEsParameters.builder().seed(seed).nIteration(8)
                .restarts(CmaEsParameters.Restarts.BIPOP).maxRestarts(4).tolX(10).build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 7 * 16; // at most 4 restarts, each at most doubling 4 + floor(3 ln 3)
    }
}
