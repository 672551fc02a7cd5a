package org.l2l.optimizers.gradient;

import org.l2l.core.Require;

/**
 * Settings of {@link MultiGradientDescent}: L2L's {@code MultiClassicGDParameters}, {@code MultiStochasticGDParameters},
 * {@code MultiAdamParameters} and {@code MultiRMSPropParameters}, which are the {@link GradientDescentParameters} of
 * the chosen variant plus {@code n_inner_params}, the number of inner parameter sets per multi-individual.
 *
 * <p>The {@link #builder() builder} is flat, with L2L's field names in Java casing, and starts from L2L's example
 * {@code bin/l2l-fun-mgd.py}: learning rate 0.01, exploration step size 0.01, momentum decay 0.5, seed 99, never stop
 * early, 2 inner sets; 5 random steps and 100 iterations as in the example's classic, stochastic and Adam settings
 * (its RMSProp line, the one it runs, uses 2 and 2, a smoke test), stochastic deviation 1 and decay 0.99, Adam decays
 * 0.8 and 0.8.
 *
 * <pre>{@code
 * MultiGradientDescentParameters p = MultiGradientDescentParameters.builder().nInnerParams(4).rmsProp();
 * }</pre>
 *
 * @param gradientDescent the variant and its settings; {@code nRandomSteps} is the number of multi-individuals per
 *     generation
 * @param nInnerParams the number of inner parameter sets per multi-individual, {@code > 0}; a generation evaluates
 *     {@code nRandomSteps * nInnerParams} sets, which must be at least 2
 */
public record MultiGradientDescentParameters(GradientDescentParameters gradientDescent, int nInnerParams) {
    /** Validates every field; a message names the field and its bad value. */
    public MultiGradientDescentParameters {
        Require.nonNull("gradientDescent", gradientDescent);
        Require.positive("nInnerParams", nInnerParams);
        if ((long) gradientDescent.nRandomSteps() * nInnerParams < 2) {
            throw new IllegalArgumentException("nRandomSteps * nInnerParams must be >= 2 (one current individual and at "
                    + "least one random step), but was " + gradientDescent.nRandomSteps() + " * " + nInnerParams);
        }
        if ((long) gradientDescent.nRandomSteps() * nInnerParams > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("nRandomSteps * nInnerParams is too large: " + gradientDescent.nRandomSteps()
                    + " * " + nInnerParams);
        }
    }

    /**
     * The settings of the {@link GradientDescent} that does the work: the same variant and values, with
     * {@code nRandomSteps * nInnerParams - 1} random steps, so that with the current individual a generation has
     * {@code nRandomSteps * nInnerParams} sets, as in L2L.
     */
    public GradientDescentParameters singleSetParameters() {
        GradientDescentParameters p = gradientDescent;
        int steps = p.nRandomSteps() * nInnerParams - 1;
        if (p instanceof GradientDescentParameters.Stochastic s) {
            return new GradientDescentParameters.Stochastic(s.learningRate(), s.stochasticDeviation(),
                    s.stochasticDecay(), s.explorationStepSize(), steps, s.nIteration(), s.stopCriterion(), s.seed());
        } else if (p instanceof GradientDescentParameters.Adam a) {
            return new GradientDescentParameters.Adam(a.learningRate(), a.explorationStepSize(), steps,
                    a.firstOrderDecay(), a.secondOrderDecay(), a.nIteration(), a.stopCriterion(), a.seed());
        } else if (p instanceof GradientDescentParameters.RMSProp r) {
            return new GradientDescentParameters.RMSProp(r.learningRate(), r.explorationStepSize(), steps,
                    r.momentumDecay(), r.nIteration(), r.stopCriterion(), r.seed());
        }
        return new GradientDescentParameters.Classic(p.learningRate(), p.explorationStepSize(), steps, p.nIteration(),
                p.stopCriterion(), p.seed());
    }

    /** A builder for every variant, preset with the settings of L2L's example {@code bin/l2l-fun-mgd.py}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds any variant: set the fields, then call {@link #classic()}, {@link #stochastic()}, {@link #adam()} or
     * {@link #rmsProp()}; fields of other variants are ignored. Validation happens in those calls.
     */
    public static final class Builder {
        private final GradientDescentParameters.Builder gd = GradientDescentParameters.builder();
        private int nInnerParams = 2;

        private Builder() {}

        /** Learning rate, finite and {@code > 0}; L2L's example uses 0.01. */
        public Builder learningRate(double v) {
            gd.learningRate(v);
            return this;
        }

        /** Exploration step size, finite and {@code > 0}; L2L's example uses 0.01. */
        public Builder explorationStepSize(double v) {
            gd.explorationStepSize(v);
            return this;
        }

        /** Multi-individuals per generation, {@code > 0}; L2L's example uses 5 (2 in its RMSProp line). */
        public Builder nRandomSteps(int v) {
            gd.nRandomSteps(v);
            return this;
        }

        /** Number of generations, {@code > 0}; L2L's example uses 100 (2 in its RMSProp line). */
        public Builder nIteration(int v) {
            gd.nIteration(v);
            return this;
        }

        /** Fitness at which to stop, not NaN; L2L's example uses {@code np.inf}. */
        public Builder stopCriterion(double v) {
            gd.stopCriterion(v);
            return this;
        }

        /** Seed; L2L's example uses 99. */
        public Builder seed(long v) {
            gd.seed(v);
            return this;
        }

        /** Stochastic variant: gradient noise deviation, finite and {@code >= 0}; L2L's example uses 1. */
        public Builder stochasticDeviation(double v) {
            gd.stochasticDeviation(v);
            return this;
        }

        /** Stochastic variant: gradient noise decay, finite and {@code >= 0}; L2L's example uses 0.99. */
        public Builder stochasticDecay(double v) {
            gd.stochasticDecay(v);
            return this;
        }

        /** Adam: first moment decay, in [0, 1); L2L's example uses 0.8. */
        public Builder firstOrderDecay(double v) {
            gd.firstOrderDecay(v);
            return this;
        }

        /** Adam: second moment decay, in [0, 1); L2L's example uses 0.8. */
        public Builder secondOrderDecay(double v) {
            gd.secondOrderDecay(v);
            return this;
        }

        /** RMSProp: momentum decay, in [0, 1]; L2L's example uses 0.5. */
        public Builder momentumDecay(double v) {
            gd.momentumDecay(v);
            return this;
        }

        /** Inner parameter sets per multi-individual, {@code > 0}; L2L's example uses 2. */
        public Builder nInnerParams(int v) {
            nInnerParams = v;
            return this;
        }

        /** Classic gradient descent. */
        public MultiGradientDescentParameters classic() {
            return new MultiGradientDescentParameters(gd.classic(), nInnerParams);
        }

        /** Stochastic gradient descent. */
        public MultiGradientDescentParameters stochastic() {
            return new MultiGradientDescentParameters(gd.stochastic(), nInnerParams);
        }

        /** Adam. */
        public MultiGradientDescentParameters adam() {
            return new MultiGradientDescentParameters(gd.adam(), nInnerParams);
        }

        /** RMSProp (the variant L2L's example runs). */
        public MultiGradientDescentParameters rmsProp() {
            return new MultiGradientDescentParameters(gd.rmsProp(), nInnerParams);
        }
    }
}
