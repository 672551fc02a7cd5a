package org.l2l.optimizers.evolution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class Nsga2ContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new Nsga2(OPTIMIZEE, FitnessWeights.of(-1), Nsga2Parameters.builder().seed(seed).popSize(8).nIteration(8).build());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 8;
    }
}
