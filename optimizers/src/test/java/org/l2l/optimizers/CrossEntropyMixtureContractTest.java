package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;

class CrossEntropyMixtureContractTest extends OptimizerContractTest {
    @Override
    Optimizer create(long seed) {
        return new CrossEntropy(OPTIMIZEE, FitnessWeights.of(-1), CrossEntropyParameters.builder().seed(seed).popSize(20)
                .rho(0.5).nIteration(5).distribution(CrossEntropyDistribution.noisyGaussianMixture(2, 0.5, null, 0.9))
                .build());
    }

    @Override
    int maxGenerations() {
        return 5;
    }

    @Override
    int maxPopulation() {
        return 20;
    }
}
