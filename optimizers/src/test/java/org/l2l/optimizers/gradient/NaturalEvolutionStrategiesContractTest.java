package org.l2l.optimizers.gradient;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class NaturalEvolutionStrategiesContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new NaturalEvolutionStrategies(OPTIMIZEE, FitnessWeights.of(-1),
                NaturalEvolutionStrategiesParameters.builder().mu(1, 2, -1).sigma(2).popSize(4).nIteration(8).seed(seed)
                        .build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 8; // 4 samples and their mirrors
    }
}
