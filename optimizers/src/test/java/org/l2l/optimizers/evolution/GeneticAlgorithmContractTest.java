package org.l2l.optimizers.evolution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class GeneticAlgorithmContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new GeneticAlgorithm(OPTIMIZEE, FitnessWeights.of(-1),
                GeneticAlgorithmParameters.builder().seed(seed).popSize(16).nIteration(8).build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 16;
    }
}
