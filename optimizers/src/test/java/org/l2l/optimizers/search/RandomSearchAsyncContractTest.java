package org.l2l.optimizers.search;

import org.l2l.optimizers.AsyncOptimizerContractTest;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.TestRegion;

import org.l2l.core.AsyncOptimizer;
import org.l2l.core.FitnessWeights;

class RandomSearchAsyncContractTest extends AsyncOptimizerContractTest {
    @Override
    protected AsyncOptimizer create(long seed) {
        return new RandomSearch(OptimizerContractTest.OPTIMIZEE, FitnessWeights.of(-1),
                RandomSearchParameters.builder().seed(seed).nSamples(37).popSize(8).build());
    }

    @Override
    protected int maxProposals() {
        return 37;
    }

    @Override
    protected boolean orderIndependent() {
        return true;
    }
}
