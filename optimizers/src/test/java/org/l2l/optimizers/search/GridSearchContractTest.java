package org.l2l.optimizers.search;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class GridSearchContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new GridSearch(OPTIMIZEE, FitnessWeights.of(-1),
                GridSearchParameters.builder().add("x", -2, 3, 4).add("coords", -1, 1, 2).build());
    }

    @Override
    protected int maxGenerations() {
        return 1;
    }

    @Override
    protected int maxPopulation() {
        return 5 * 3 * 3;
    }

    @Override
    protected boolean stochastic() {
        return false;
    }
}
