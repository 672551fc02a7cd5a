package org.l2l.optimizers.distribution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class CrossEntropyContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new CrossEntropy(OPTIMIZEE, FitnessWeights.of(-1),
                CrossEntropyParameters.builder().seed(seed).popSize(12).rho(0.5).tempDecay(0.9).nIteration(6).build());
    }

    @Override
    protected int maxGenerations() {
        return 6;
    }

    @Override
    protected int maxPopulation() {
        return 12;
    }
}
