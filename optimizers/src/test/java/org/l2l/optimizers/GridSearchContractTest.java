package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class GridSearchContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new GridSearch(OPTIMIZEE, FitnessWeights.of(-1),
                GridSearchParameters.builder().add("x", -2, 3, 4).add("coords", -1, 1, 2).build());
    }

    @Override
    int maxGenerations() {
        return 1;
    }

    @Override
    int maxPopulation() {
        return 5 * 3 * 3;
    }

    @Override
    boolean stochastic() {
        return false;
    }
}
