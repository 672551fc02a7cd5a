package org.l2l.optimizers;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;

class MultiGradientDescentContractTest extends OptimizerContractTest {
    private static final MultiTestSphere MULTI = new MultiTestSphere(OPTIMIZEE);

    @Override
    Optimizee optimizee() {
        return MULTI;
    }

    @Override
    Optimizer create(long seed) {
        return new MultiGradientDescent(MULTI, FitnessWeights.of(-1), MultiGradientDescentParameters.builder()
                .seed(seed).nRandomSteps(3).nInnerParams(2).nIteration(6).learningRate(0.1).adam());
    }

    @Override
    int maxGenerations() {
        return 6;
    }

    @Override
    int maxPopulation() {
        return 3;
    }
}
