package org.l2l.optimizers.gradient;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.MultiTestSphere;
import org.l2l.optimizers.OptimizerContractTest;

class MultiGradientDescentContractTest extends OptimizerContractTest {
    private static final MultiTestSphere MULTI = new MultiTestSphere(OPTIMIZEE);

    @Override
    protected Optimizee optimizee() {
        return MULTI;
    }

    @Override
    protected Optimizer create(long seed) {
        return new MultiGradientDescent(MULTI, FitnessWeights.of(-1), MultiGradientDescentParameters.builder()
                .seed(seed).nRandomSteps(3).nInnerParams(2).nIteration(6).learningRate(0.1).adam());
    }

    @Override
    protected int maxGenerations() {
        return 6;
    }

    @Override
    protected int maxPopulation() {
        return 3;
    }
}
