package org.l2l.optimizers.gradient;

import org.l2l.core.Require;

/**
 * Settings of {@link MultiGradientDescent}: L2L's {@code MultiClassicGDParameters}, {@code MultiStochasticGDParameters},
 * {@code MultiAdamParameters} and {@code MultiRMSPropParameters}, which are the {@link GradientDescentParameters} of
 * the chosen variant plus {@code n_inner_params}, the number of inner parameter sets per multi-individual.
 *
 * <p>The {@link #builder() builder} is the gradient descent's (flat, L2L's field names in Java casing, the same
 * defaults, which are those of L2L's example {@code bin/l2l-fun-mgd.py} too: learning rate 0.01, exploration step
 * size 0.01, momentum decay 0.5, seed 99, never stop early; 5 random steps and 100 iterations as in the example's
 * classic, stochastic and Adam settings (its RMSProp line, the one it runs, uses 2 and 2, a smoke test), stochastic
 * deviation 1 and decay 0.99, Adam decays 0.8 and 0.8) plus {@code nInnerParams}, 2 inner sets.
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
        Require.generationSize("nRandomSteps * nInnerParams (the inner parameter sets of a generation)",
                (long) gradientDescent.nRandomSteps() * nInnerParams);
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
     * Builds any variant: the gradient descent's settings ({@link GradientDescentParameters.Settings}) and
     * {@code nInnerParams}; set the fields, then call {@link #classic()}, {@link #stochastic()}, {@link #adam()} or
     * {@link #rmsProp()}; fields of other variants are ignored. Validation happens in those calls.
     */
    public static final class Builder extends GradientDescentParameters.Settings<Builder> {
        private int nInnerParams = 2;

        private Builder() {}

        /** Inner parameter sets per multi-individual, {@code > 0}; L2L's example uses 2. */
        public Builder nInnerParams(int v) {
            nInnerParams = v;
            return this;
        }

        /** Classic gradient descent. */
        public MultiGradientDescentParameters classic() {
            return new MultiGradientDescentParameters(classicParameters(), nInnerParams);
        }

        /** Stochastic gradient descent. */
        public MultiGradientDescentParameters stochastic() {
            return new MultiGradientDescentParameters(stochasticParameters(), nInnerParams);
        }

        /** Adam. */
        public MultiGradientDescentParameters adam() {
            return new MultiGradientDescentParameters(adamParameters(), nInnerParams);
        }

        /** RMSProp (the variant L2L's example runs). */
        public MultiGradientDescentParameters rmsProp() {
            return new MultiGradientDescentParameters(rmsPropParameters(), nInnerParams);
        }
    }
}
