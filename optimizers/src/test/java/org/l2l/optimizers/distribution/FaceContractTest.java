package org.l2l.optimizers.distribution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class FaceContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new Face(OPTIMIZEE, FitnessWeights.of(-1), FaceParameters.builder().seed(seed).minPopSize(10)
                .maxPopSize(20).nElite(4).tempDecay(0.9).nExpand(5).nIteration(6).build());
    }

    @Override
    protected int maxGenerations() {
        return 7; // generations 0..nIteration, as in L2L
    }

    @Override
    protected int maxPopulation() {
        return 20;
    }
}
