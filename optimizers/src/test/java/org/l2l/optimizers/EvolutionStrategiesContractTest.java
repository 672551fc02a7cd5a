package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class EvolutionStrategiesContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new EvolutionStrategies(OPTIMIZEE, FitnessWeights.of(-1),
                EvolutionStrategiesParameters.builder().seed(seed).popSize(4).nIteration(8).build());
    }

    @Override
    int maxGenerations() {
        return 8;
    }

    @Override
    int maxPopulation() {
        return 9; // 4 perturbations, 4 mirrored, and the current individual
    }
}
