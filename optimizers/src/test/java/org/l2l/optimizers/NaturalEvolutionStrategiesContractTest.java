package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class NaturalEvolutionStrategiesContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new NaturalEvolutionStrategies(OPTIMIZEE, FitnessWeights.of(-1),
                NaturalEvolutionStrategiesParameters.builder().mu(1, 2, -1).sigma(2).popSize(4).nIteration(8).seed(seed)
                        .build());
    }

    @Override
    int maxGenerations() {
        return 8;
    }

    @Override
    int maxPopulation() {
        return 8; // 4 samples and their mirrors
    }
}
