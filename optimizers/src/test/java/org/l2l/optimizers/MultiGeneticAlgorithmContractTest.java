package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;

class MultiGeneticAlgorithmContractTest extends OptimizerContractTest {
    private static final MultiTestSphere MULTI = new MultiTestSphere(OPTIMIZEE);

    @Override
    Optimizee optimizee() {
        return MULTI;
    }

    @Override
    Optimizer create(long seed) {
        return new MultiGeneticAlgorithm(MULTI, FitnessWeights.of(-1), MultiGeneticAlgorithmParameters.builder()
                .seed(seed).popSize(10).nIteration(6).nInnerParams(3).mutProb(0.5).build());
    }

    @Override
    int maxGenerations() {
        return 6;
    }

    @Override
    int maxPopulation() {
        return 4;
    }
}
