package org.l2l.optimizers.gradient;

import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizers.OptimizerContractTest;

/** The stochastic variant, whose update also draws random numbers; the other variants are covered in GradientDescentTest. */
class GradientDescentContractTest extends OptimizerContractTest {
    @Override
    protected Optimizer create(long seed) {
        return new GradientDescent(OPTIMIZEE, FitnessWeights.of(-1), GradientDescentParameters.builder().seed(seed)
                .learningRate(0.1).explorationStepSize(0.1).nRandomSteps(4).nIteration(8).stochastic());
    }

    @Override
    protected int maxGenerations() {
        return 8;
    }

    @Override
    protected int maxPopulation() {
        return 5; // 4 random steps and the current individual
    }
}
