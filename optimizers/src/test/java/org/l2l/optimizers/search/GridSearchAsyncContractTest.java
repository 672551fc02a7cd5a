package org.l2l.optimizers.search;

import org.l2l.optimizers.AsyncOptimizerContractTest;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.TestRegion;

import org.l2l.core.AsyncOptimizer;
import org.l2l.core.FitnessWeights;

class GridSearchAsyncContractTest extends AsyncOptimizerContractTest {
    @Override
    protected AsyncOptimizer create(long seed) {
        return new GridSearch(OptimizerContractTest.OPTIMIZEE, FitnessWeights.of(-1),
                GridSearchParameters.builder().add("x", -2, 3, 4).add("coords", -1, 1, 2).build());
    }

    @Override
    protected int maxProposals() {
        return 5 * 3 * 3;
    }

    @Override
    protected boolean stochastic() {
        return false;
    }

    @Override
    protected boolean orderIndependent() {
        return true;
    }
}
