package org.l2l.optimizers.gradient;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class EvolutionStrategiesContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new EvolutionStrategies(OPTIMIZEE, FitnessWeights.of(-1),
                EvolutionStrategiesParameters.builder().seed(seed).popSize(4).nIteration(8).build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 9; // 4 perturbations, 4 mirrored, and the current individual
    }
}
