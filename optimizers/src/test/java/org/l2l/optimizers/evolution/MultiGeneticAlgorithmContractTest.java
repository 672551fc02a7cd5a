package org.l2l.optimizers.evolution;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.MultiTestSphere;
import org.l2l.optimizers.OptimizerContractTest;

class MultiGeneticAlgorithmContractTest extends OptimizerContractTest {
    private static final MultiTestSphere MULTI = new MultiTestSphere(OPTIMIZEE);

    @Override
    protected Optimizee optimizee() {
        return MULTI;
    }

    @Override
    protected Optimizer create(long seed) {
        return new MultiGeneticAlgorithm(MULTI, FitnessWeights.of(-1), MultiGeneticAlgorithmParameters.builder()
                .seed(seed).popSize(10).nIteration(6).nInnerParams(3).mutProb(0.5).build());
    }

    @Override
    protected int maxGenerations() {
        return 6;
    }

    @Override
    protected int maxPopulation() {
        return 4;
    }
}
