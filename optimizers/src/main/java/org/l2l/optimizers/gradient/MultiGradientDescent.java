package org.l2l.optimizers.gradient;

import org.l2l.core.FitnessWeights;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizee;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.optimizers.MultiSetOptimizer;

/**
 * L2L's {@code MultiGradientDescentOptimizer}: {@link GradientDescent} whose generation of
 * {@code nRandomSteps * nInnerParams} parameter sets is evaluated as {@code nRandomSteps}
 * {@linkplain MultiIndividual multi-individuals} of {@code nInnerParams} sets each, for optimizees that evaluate
 * several parameter sets at once.
 *
 * <p>As in L2L, a generation explores {@code nRandomSteps * nInnerParams - 1} random steps around the current
 * individual {@code x} and evaluates {@code x} itself last; all of them estimate the gradient. The work is done by a
 * {@link GradientDescent} with {@link MultiGradientDescentParameters#singleSetParameters()} (that many random steps,
 * the same variant, seed and values), so the update rules, bounding, failure handling and checkpoints are the
 * gradient descent's; the optimizee's {@code createIndividual} and {@code bound} see single sets. The sets are packed
 * in order, sets {@code j * nInnerParams ... (j + 1) * nInnerParams - 1} into multi-individual {@code j} (so {@code x}
 * is the last set of the last one), and the optimizee returns their fitness vectors one after another.
 * {@link #fitnessWeights()} are the constructor's weights (those of one set) repeated {@code nInnerParams} times.
 *
 * <p>Deviation from L2L: L2L's multi-GD takes the best fitness of the generation, not the fitness of {@code x}, as
 * the reference of the finite differences ({@code pinv(dx) (f - f_best)}), and records that best fitness as the
 * current fitness (a {@code TODO} in its code asks which is right). The finite differences are differences to
 * {@code f(x)}, so here, as in L2L's single-set gradient descent, {@code f(x)} is the reference, the stop criterion's
 * value and the recorded final fitness.
 */
public final class MultiGradientDescent
        extends MultiSetOptimizer<MultiGradientDescentParameters, GradientDescent> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "multiGd";

    /**
     * A new run; draws the first generation.
     *
     * @param optimizee creates and bounds single sets, and evaluates multi-individuals
     * @param weights the fitness weights of one inner set
     * @param params the settings
     */
    public MultiGradientDescent(Optimizee optimizee, FitnessWeights weights, MultiGradientDescentParameters params) {
        super("multi gradient descent", PARAMETER_GROUP, params, Require.nonNull("params", params).nInnerParams(),
                weights, new GradientDescent(Require.nonNull("optimizee", optimizee), weights, params.singleSetParameters()));
    }

    /** Records the variant's name ({@code classic}, {@code stochastic}, {@code adam}, {@code rmsprop}). */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("variant", params.gradientDescent().variant());
    }

    /** The current individual {@code x}, a single set. */
    public Parameters currentIndividual() {
        return inner.currentIndividual();
    }
}
