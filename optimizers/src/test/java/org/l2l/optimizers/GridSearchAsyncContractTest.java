package org.l2l.optimizers;

import org.l2l.core.AsyncOptimizer;
import org.l2l.core.FitnessWeights;

class GridSearchAsyncContractTest extends AsyncOptimizerContractTest {
    @Override
    AsyncOptimizer create(long seed) {
        return new GridSearch(OptimizerContractTest.OPTIMIZEE, FitnessWeights.of(-1),
                GridSearchParameters.builder().add("x", -2, 3, 4).add("coords", -1, 1, 2).build());
    }

    @Override
    int maxProposals() {
        return 5 * 3 * 3;
    }

    @Override
    boolean stochastic() {
        return false;
    }

    @Override
    boolean orderIndependent() {
        return true;
    }
}
