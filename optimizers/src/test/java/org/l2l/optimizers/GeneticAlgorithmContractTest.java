package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class GeneticAlgorithmContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new GeneticAlgorithm(OPTIMIZEE, FitnessWeights.of(-1),
                GeneticAlgorithmParameters.builder().seed(seed).popSize(16).nIteration(8).build());
    }

    @Override
    int maxGenerations() {
        return 8;
    }

    @Override
    int maxPopulation() {
        return 16;
    }
}
