package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class Nsga2ContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new Nsga2(OPTIMIZEE, FitnessWeights.of(-1), Nsga2Parameters.builder().seed(seed).popSize(8).nIteration(8).build());
    }

    @Override
    int maxGenerations() {
        return 8;
    }

    @Override
    int maxPopulation() {
        return 8;
    }
}
