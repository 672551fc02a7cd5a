package org.l2l.optimizers.search;

import org.l2l.optimizers.AsyncOptimizerContractTest;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.TestRegion;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

/** Random search driven generation by generation, under the common contract. */
class RandomSearchContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new RandomSearch(OPTIMIZEE, FitnessWeights.of(-1),
                RandomSearchParameters.builder().seed(seed).nSamples(45).popSize(10).build());
    }

    @Override
    protected int maxGenerations() {
        return 5;
    }

    @Override
    protected int maxPopulation() {
        return 10;
    }
}
