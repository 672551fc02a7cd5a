package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class CmaEsContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new CmaEs(OPTIMIZEE, FitnessWeights.of(-1), CmaEsParameters.builder().seed(seed).nIteration(8).build());
    }

    @Override
    int maxGenerations() {
        return 8;
    }

    @Override
    int maxPopulation() {
        return 7; // 4 + floor(3 ln 3) for the three values of the test sphere
    }
}
