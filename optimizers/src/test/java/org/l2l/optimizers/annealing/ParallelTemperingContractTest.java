package org.l2l.optimizers.annealing;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class ParallelTemperingContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new ParallelTempering(OPTIMIZEE, FitnessWeights.of(-1), ParallelTemperingParameters.builder().seed(seed)
                .noisyStep(0.5).nIteration(6).build());
    }

    @Override
    protected int maxGenerations() {
        return 6;
    }

    @Override
    protected int maxPopulation() {
        return 5;
    }
}
