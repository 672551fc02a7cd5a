package org.l2l.optimizers.distribution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class CmaEsContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new CmaEs(OPTIMIZEE, FitnessWeights.of(-1), CmaEsParameters.builder().seed(seed).nIteration(8).build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 7; // 4 + floor(3 ln 3) for the three values of the test sphere
    }
}
