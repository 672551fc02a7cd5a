package org.l2l.optimizers.gradient;

import org.l2l.core.Require;

/**
 * Settings of {@link GradientDescent}. L2L selects the variant by the type of its parameter named tuple
 * ({@code ClassicGDParameters}, {@code StochasticGDParameters}, {@code AdamParameters}, {@code RMSPropParameters});
 * here the variants are the four records of this sealed interface, with L2L's fields in Java casing. All share
 * {@link #learningRate()}, {@link #explorationStepSize()}, {@link #nRandomSteps()}, {@link #nIteration()},
 * {@link #stopCriterion()} and {@link #seed()}.
 *
 * <p>L2L's named tuples have no defaults; the {@link #builder() builder} starts from the (commented-out) settings
 * of L2L's example {@code bin/l2l-fun-gd.py}: learning rate 0.01, exploration step size 0.01, 5 random steps,
 * 100 iterations, never stop early, stochastic deviation 1 and decay 0.99, Adam decays 0.8 and 0.8, RMSProp momentum
 * decay 0.5 and seed 99 (the only seed the example gives; it is used for every variant).
 *
 * <pre>{@code
 * GradientDescentParameters p = GradientDescentParameters.builder().learningRate(0.1).seed(7).adam();
 * }</pre>
 */
public sealed interface GradientDescentParameters {
    /** The rate of learning per step of gradient descent, finite and {@code > 0}. */
    double learningRate();

    /** The standard deviation of the random steps of the finite-difference gradient estimate, finite and {@code > 0}. */
    double explorationStepSize();

    /** The number of random steps used to estimate the gradient, {@code > 0}. */
    int nRandomSteps();

    /** The number of generations to run, {@code > 0}. */
    int nIteration();

    /** Stop once the current individual's fitness reaches this value; {@code +inf} never stops. */
    double stopCriterion();

    /** Seed of the optimizer's own random generator. */
    long seed();

    /** The variant's name as recorded in the trajectory: {@code classic}, {@code stochastic}, {@code adam}, {@code rmsprop}. */
    String variant();

    /**
     * The learning rate after {@link #annealGenerations()}, finite and {@code > 0}; equal to {@link #learningRate()}
     * unless set.
     */
    double learningRateEnd();

    /**
     * The exploration step size after {@link #annealGenerations()}, finite and {@code > 0}; equal to
     * {@link #explorationStepSize()} unless set.
     */
    double explorationStepSizeEnd();

    /**
     * Over how many generations the learning rate and the exploration step size move geometrically from their start
     * to their end values, {@code >= 0}; 0 (the default, L2L's behaviour) keeps them constant.
     */
    int annealGenerations();

    /** The learning rate of the update after evaluating generation {@code g} (from 0). */
    default double learningRateAt(int g) {
        return annealed(learningRate(), learningRateEnd(), annealGenerations(), g);
    }

    /** The exploration step size of the random steps proposed in generation {@code g} (from 0). */
    default double explorationStepSizeAt(int g) {
        return annealed(explorationStepSize(), explorationStepSizeEnd(), annealGenerations(), g);
    }

    /** {@code start (end/start)^(min(g, n)/n)}; {@code start} itself when {@code n == 0} or {@code g == 0}. */
    private static double annealed(double start, double end, int n, int g) {
        if (n == 0 || g <= 0 || start == end) return start;
        if (g >= n) return end;
        return start * Math.pow(end / start, g / (double) n);
    }

    /** L2L's {@code ClassicGDParameters}: {@code x += learningRate * gradient}. */
    record Classic(double learningRate, double explorationStepSize, int nRandomSteps, int nIteration,
                   double stopCriterion, long seed, double learningRateEnd, double explorationStepSizeEnd,
                   int annealGenerations) implements GradientDescentParameters {
        /** Without annealing: both rates constant, as in L2L. */
        public Classic(double learningRate, double explorationStepSize, int nRandomSteps, int nIteration,
                       double stopCriterion, long seed) {
            this(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion, seed, learningRate,
                    explorationStepSize, 0);
        }

        /** Validates every field; a message names the field and its bad value. */
        public Classic {
            checkCommon(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion);
            checkAnnealing(learningRateEnd, explorationStepSizeEnd, annealGenerations);
        }

        @Override
        public String variant() {
            return "classic";
        }
    }

    /**
     * L2L's {@code StochasticGDParameters}: the gradient gets {@code N(0, stochasticDeviation^2)} noise scaled by
     * {@code stochasticDecay^(g+1)} before {@code x += learningRate * gradient}.
     *
     * @param stochasticDeviation the standard deviation of the noise added to the gradient, finite and {@code >= 0}
     * @param stochasticDecay the decay of the noise per generation, finite and {@code >= 0} (0 disables the noise)
     */
    record Stochastic(double learningRate, double stochasticDeviation, double stochasticDecay,
                      double explorationStepSize, int nRandomSteps, int nIteration, double stopCriterion, long seed,
                      double learningRateEnd, double explorationStepSizeEnd, int annealGenerations)
            implements GradientDescentParameters {
        /** Without annealing: both rates constant, as in L2L. */
        public Stochastic(double learningRate, double stochasticDeviation, double stochasticDecay,
                          double explorationStepSize, int nRandomSteps, int nIteration, double stopCriterion, long seed) {
            this(learningRate, stochasticDeviation, stochasticDecay, explorationStepSize, nRandomSteps, nIteration,
                    stopCriterion, seed, learningRate, explorationStepSize, 0);
        }

        /** Validates every field; a message names the field and its bad value. */
        public Stochastic {
            checkCommon(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion);
            checkAnnealing(learningRateEnd, explorationStepSizeEnd, annealGenerations);
            Require.nonNegative("stochasticDeviation", stochasticDeviation);
            Require.nonNegative("stochasticDecay", stochasticDecay);
        }

        @Override
        public String variant() {
            return "stochastic";
        }
    }

    /**
     * L2L's {@code AdamParameters}: Adam with bias-corrected moments and {@code delta = 1e-8}.
     *
     * @param firstOrderDecay the decay of the first moment per step, in [0, 1)
     * @param secondOrderDecay the decay of the second moment per step, in [0, 1)
     */
    record Adam(double learningRate, double explorationStepSize, int nRandomSteps, double firstOrderDecay,
                double secondOrderDecay, int nIteration, double stopCriterion, long seed,
                double learningRateEnd, double explorationStepSizeEnd, int annealGenerations)
            implements GradientDescentParameters {
        /** Without annealing: both rates constant, as in L2L. */
        public Adam(double learningRate, double explorationStepSize, int nRandomSteps, double firstOrderDecay,
                    double secondOrderDecay, int nIteration, double stopCriterion, long seed) {
            this(learningRate, explorationStepSize, nRandomSteps, firstOrderDecay, secondOrderDecay, nIteration,
                    stopCriterion, seed, learningRate, explorationStepSize, 0);
        }

        /** Validates every field; a message names the field and its bad value. */
        public Adam {
            checkCommon(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion);
            checkAnnealing(learningRateEnd, explorationStepSizeEnd, annealGenerations);
            checkDecay("firstOrderDecay", firstOrderDecay);
            checkDecay("secondOrderDecay", secondOrderDecay);
        }

        @Override
        public String variant() {
            return "adam";
        }
    }

    /**
     * L2L's {@code RMSPropParameters}: RMSProp with {@code delta = 1e-6}.
     *
     * @param momentumDecay the decay of the second moment per step, in [0, 1]
     */
    record RMSProp(double learningRate, double explorationStepSize, int nRandomSteps, double momentumDecay,
                   int nIteration, double stopCriterion, long seed, double learningRateEnd,
                   double explorationStepSizeEnd, int annealGenerations) implements GradientDescentParameters {
        /** Without annealing: both rates constant, as in L2L. */
        public RMSProp(double learningRate, double explorationStepSize, int nRandomSteps, double momentumDecay,
                       int nIteration, double stopCriterion, long seed) {
            this(learningRate, explorationStepSize, nRandomSteps, momentumDecay, nIteration, stopCriterion, seed,
                    learningRate, explorationStepSize, 0);
        }

        /** Validates every field; a message names the field and its bad value. */
        public RMSProp {
            checkCommon(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion);
            checkAnnealing(learningRateEnd, explorationStepSizeEnd, annealGenerations);
            Require.probability("momentumDecay", momentumDecay);
        }

        @Override
        public String variant() {
            return "rmsprop";
        }
    }

    private static void checkCommon(double learningRate, double explorationStepSize, int nRandomSteps, int nIteration,
                                    double stopCriterion) {
        Require.positive("learningRate", learningRate);
        Require.positive("explorationStepSize", explorationStepSize);
        Require.generationSize("nRandomSteps", nRandomSteps);
        Require.positive("nIteration", nIteration);
        if (Double.isNaN(stopCriterion)) {
            throw new IllegalArgumentException("stopCriterion must be a number (Infinity never stops), but was NaN");
        }
    }

    private static void checkAnnealing(double learningRateEnd, double explorationStepSizeEnd, int annealGenerations) {
        Require.positive("learningRateEnd", learningRateEnd);
        Require.positive("explorationStepSizeEnd", explorationStepSizeEnd);
        Require.nonNegative("annealGenerations", annealGenerations);
    }

    private static void checkDecay(String name, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), but was " + decay);
        }
    }

    /** A builder for every variant, preset with the settings of L2L's example {@code bin/l2l-fun-gd.py}. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds any variant: set the fields, then call {@link #classic()}, {@link #stochastic()}, {@link #adam()} or
     * {@link #rmsProp()}; fields of other variants are ignored. Validation happens in those calls.
     */
    final class Builder extends Settings<Builder> {
        private Builder() {}

        /** Classic gradient descent. */
        public Classic classic() {
            return classicParameters();
        }

        /** Stochastic gradient descent. */
        public Stochastic stochastic() {
            return stochasticParameters();
        }

        /** Adam. */
        public Adam adam() {
            return adamParameters();
        }

        /** RMSProp. */
        public RMSProp rmsProp() {
            return rmsPropParameters();
        }
    }

    /**
     * The settings of every variant with their defaults and setters, once: {@link Builder} and the builders of
     * optimizers that run a gradient descent inside ({@link MultiGradientDescentParameters.Builder}) extend it, so an
     * experiment file sets the same flat fields on either.
     *
     * @param <B> the builder, which each setter returns
     */
    abstract class Settings<B extends Settings<B>> {
        private double learningRate = 0.01;
        private double explorationStepSize = 0.01;
        private int nRandomSteps = 5;
        private int nIteration = 100;
        private double stopCriterion = Double.POSITIVE_INFINITY;
        private long seed = 99;
        private double stochasticDeviation = 1;
        private double stochasticDecay = 0.99;
        private double firstOrderDecay = 0.8;
        private double secondOrderDecay = 0.8;
        private double momentumDecay = 0.5;
        private Double learningRateEnd;
        private Double explorationStepSizeEnd;
        private int annealGenerations;

        /** Settings preset with the values of L2L's example {@code bin/l2l-fun-gd.py}. */
        protected Settings() {}

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Learning rate, finite and {@code > 0}; L2L's example uses 0.01. */
        public B learningRate(double v) {
            learningRate = v;
            return self();
        }

        /** Exploration step size, finite and {@code > 0}; L2L's example uses 0.01. */
        public B explorationStepSize(double v) {
            explorationStepSize = v;
            return self();
        }

        /** Random steps per gradient estimate, {@code > 0}; L2L's example uses 5. */
        public B nRandomSteps(int v) {
            nRandomSteps = v;
            return self();
        }

        /** Number of generations, {@code > 0}; L2L's example uses 100. */
        public B nIteration(int v) {
            nIteration = v;
            return self();
        }

        /** Fitness at which to stop, not NaN; L2L's example uses {@code np.inf}. */
        public B stopCriterion(double v) {
            stopCriterion = v;
            return self();
        }

        /** Seed; L2L's example uses 99. */
        public B seed(long v) {
            seed = v;
            return self();
        }

        /** Stochastic variant: gradient noise deviation, finite and {@code >= 0}; L2L's example uses 1. */
        public B stochasticDeviation(double v) {
            stochasticDeviation = v;
            return self();
        }

        /** Stochastic variant: gradient noise decay, finite and {@code >= 0}; L2L's example uses 0.99. */
        public B stochasticDecay(double v) {
            stochasticDecay = v;
            return self();
        }

        /** Adam: first moment decay, in [0, 1); L2L's example uses 0.8. */
        public B firstOrderDecay(double v) {
            firstOrderDecay = v;
            return self();
        }

        /** Adam: second moment decay, in [0, 1); L2L's example uses 0.8. */
        public B secondOrderDecay(double v) {
            secondOrderDecay = v;
            return self();
        }

        /** RMSProp: momentum decay, in [0, 1]; L2L's example uses 0.5. */
        public B momentumDecay(double v) {
            momentumDecay = v;
            return self();
        }

        /**
         * The learning rate reached after {@code annealGenerations}, finite and {@code > 0}; unset means
         * {@code learningRate} (no annealing).
         */
        public B learningRateEnd(double v) {
            learningRateEnd = v;
            return self();
        }

        /**
         * The exploration step size reached after {@code annealGenerations}, finite and {@code > 0}; unset means
         * {@code explorationStepSize} (no annealing).
         */
        public B explorationStepSizeEnd(double v) {
            explorationStepSizeEnd = v;
            return self();
        }

        /**
         * Generations over which the learning rate and the exploration step size move geometrically to their end
         * values, {@code >= 0}; 0 (the default, as in L2L) keeps them constant.
         */
        public B annealGenerations(int v) {
            annealGenerations = v;
            return self();
        }

        private double lrEnd() {
            return learningRateEnd == null ? learningRate : learningRateEnd;
        }

        private double stepEnd() {
            return explorationStepSizeEnd == null ? explorationStepSize : explorationStepSizeEnd;
        }

        /** The classic variant's validated parameters. */
        protected final Classic classicParameters() {
            return new Classic(learningRate, explorationStepSize, nRandomSteps, nIteration, stopCriterion, seed, lrEnd(),
                    stepEnd(), annealGenerations);
        }

        /** The stochastic variant's validated parameters. */
        protected final Stochastic stochasticParameters() {
            return new Stochastic(learningRate, stochasticDeviation, stochasticDecay, explorationStepSize, nRandomSteps,
                    nIteration, stopCriterion, seed, lrEnd(), stepEnd(), annealGenerations);
        }

        /** Adam's validated parameters. */
        protected final Adam adamParameters() {
            return new Adam(learningRate, explorationStepSize, nRandomSteps, firstOrderDecay, secondOrderDecay,
                    nIteration, stopCriterion, seed, lrEnd(), stepEnd(), annealGenerations);
        }

        /** RMSProp's validated parameters. */
        protected final RMSProp rmsPropParameters() {
            return new RMSProp(learningRate, explorationStepSize, nRandomSteps, momentumDecay, nIteration,
                    stopCriterion, seed, lrEnd(), stepEnd(), annealGenerations);
        }
    }
}
