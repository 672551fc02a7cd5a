package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class ParallelTemperingContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new ParallelTempering(OPTIMIZEE, FitnessWeights.of(-1), ParallelTemperingParameters.builder().seed(seed)
                .noisyStep(0.5).nIteration(6).build());
    }

    @Override
    int maxGenerations() {
        return 6;
    }

    @Override
    int maxPopulation() {
        return 5;
    }
}
