package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class SimulatedAnnealingContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new SimulatedAnnealing(OPTIMIZEE, FitnessWeights.of(-1), SimulatedAnnealingParameters.builder().seed(seed)
                .nParallelRuns(8).noisyStep(0.5).nIteration(6).build());
    }

    @Override
    int maxGenerations() {
        return 6;
    }

    @Override
    int maxPopulation() {
        return 8;
    }
}
