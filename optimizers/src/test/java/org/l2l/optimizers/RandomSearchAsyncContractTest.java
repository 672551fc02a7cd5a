package org.l2l.optimizers;

import org.l2l.core.AsyncOptimizer;
import org.l2l.core.FitnessWeights;
import org.l2l.optimizers.search.RandomSearch;
import org.l2l.optimizers.search.RandomSearchParameters;

class RandomSearchAsyncContractTest extends AsyncOptimizerContractTest {
    @Override
    AsyncOptimizer create(long seed) {
        return new RandomSearch(OptimizerContractTest.OPTIMIZEE, FitnessWeights.of(-1),
                RandomSearchParameters.builder().seed(seed).nSamples(37).popSize(8).build());
    }

    @Override
    int maxProposals() {
        return 37;
    }

    @Override
    boolean orderIndependent() {
        return true;
    }
}
