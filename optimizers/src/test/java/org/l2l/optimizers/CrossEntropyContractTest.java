package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class CrossEntropyContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new CrossEntropy(OPTIMIZEE, FitnessWeights.of(-1),
                CrossEntropyParameters.builder().seed(seed).popSize(12).rho(0.5).tempDecay(0.9).nIteration(6).build());
    }

    @Override
    int maxGenerations() {
        return 6;
    }

    @Override
    int maxPopulation() {
        return 12;
    }
}
