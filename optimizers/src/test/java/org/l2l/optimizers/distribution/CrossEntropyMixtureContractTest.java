package org.l2l.optimizers.distribution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

class CrossEntropyMixtureContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new CrossEntropy(OPTIMIZEE, FitnessWeights.of(-1), CrossEntropyParameters.builder().seed(seed).popSize(20)
                .rho(0.5).nIteration(5).distribution(CrossEntropyDistribution.noisyGaussianMixture(2, 0.5, null, 0.9))
                .build());
    }

    @Override
    protected int maxGenerations() {
        return 5;
    }

    @Override
    protected int maxPopulation() {
        return 20;
    }
}
