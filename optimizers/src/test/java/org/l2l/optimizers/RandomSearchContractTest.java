package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.search.RandomSearch;
import org.l2l.optimizers.search.RandomSearchParameters;

/** Random search driven generation by generation, under the common contract. */
class RandomSearchContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new RandomSearch(OPTIMIZEE, FitnessWeights.of(-1),
                RandomSearchParameters.builder().seed(seed).nSamples(45).popSize(10).build());
    }

    @Override
    int maxGenerations() {
        return 5;
    }

    @Override
    int maxPopulation() {
        return 10;
    }
}
