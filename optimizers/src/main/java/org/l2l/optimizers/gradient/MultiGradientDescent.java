package org.l2l.optimizers.gradient;

import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.InnerSets;

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
public final class MultiGradientDescent implements Optimizer {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "multiGd";

    private final MultiGradientDescentParameters params;
    private final FitnessWeights innerWeights;
    private final FitnessWeights weights;
    private final GradientDescent gd;
    private List<Parameters> pending = List.of();

    /**
     * A new run; draws the first generation.
     *
     * @param optimizee creates and bounds single sets, and evaluates multi-individuals
     * @param weights the fitness weights of one inner set
     * @param params the settings
     */
    public MultiGradientDescent(Optimizee optimizee, FitnessWeights weights, MultiGradientDescentParameters params) {
        this.params = Require.nonNull("params", params);
        this.innerWeights = Require.nonNull("weights", weights);
        this.weights = InnerSets.repeat(weights, params.nInnerParams());
        this.gd = new GradientDescent(Require.nonNull("optimizee", optimizee), weights, params.singleSetParameters());
    }

    /** The weights of one inner set, repeated {@code nInnerParams} times. */
    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public MultiGradientDescentParameters parameters() {
        return params;
    }

    /** Records the variant and all its parameters in the group {@value #PARAMETER_GROUP}, integers as {@code Long}. */
    @Override
    public void describe(Trajectory trajectory) {
        GradientDescentParameters p = params.gradientDescent();
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "multi gradient descent settings");
        g.add("variant", p.variant());
        g.add("learningRate", p.learningRate());
        g.add("explorationStepSize", p.explorationStepSize());
        g.add("nRandomSteps", (long) p.nRandomSteps());
        g.add("nIteration", (long) p.nIteration());
        g.add("stopCriterion", p.stopCriterion());
        g.add("seed", p.seed());
        g.add("nInnerParams", (long) params.nInnerParams());
        if (p instanceof GradientDescentParameters.Stochastic s) {
            g.add("stochasticDeviation", s.stochasticDeviation());
            g.add("stochasticDecay", s.stochasticDecay());
        } else if (p instanceof GradientDescentParameters.Adam a) {
            g.add("firstOrderDecay", a.firstOrderDecay());
            g.add("secondOrderDecay", a.secondOrderDecay());
        } else if (p instanceof GradientDescentParameters.RMSProp r) {
            g.add("momentumDecay", r.momentumDecay());
        }
    }

    /** The first generation, packed. */
    @Override
    public List<Parameters> firstGeneration() {
        return pack(gd.firstGeneration());
    }

    @Override
    public Step next(GenerationResult result) {
        Step step = gd.next(InnerSets.split(result, pending, params.nInnerParams(), innerWeights));
        if (step instanceof Step.Next n) return Step.next(pack(n.individuals()));
        pending = List.of();
        return step;
    }

    /** Records the current individual and its fitness in {@value GradientDescent#RESULT_GROUP}, as the gradient descent. */
    @Override
    public void end(Trajectory trajectory) {
        gd.end(trajectory);
    }

    /** The current individual {@code x}, a single set. */
    public Parameters currentIndividual() {
        return gd.currentIndividual();
    }

    /** The generation pending evaluation, or the last one once finished. */
    public int generation() {
        return gd.generation();
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return gd.isFinished();
    }

    /** The gradient descent's complete state. */
    @Override
    public byte[] saveState() {
        return gd.saveState();
    }

    /** Continues from {@link #saveState()}; returns the pending multi-individuals, or null if the run had finished. */
    @Override
    public List<Parameters> restoreState(byte[] state) {
        List<Parameters> inner = gd.restoreState(state);
        if (inner == null) {
            pending = List.of();
            return null;
        }
        return pack(inner);
    }

    private List<Parameters> pack(List<Parameters> inner) {
        pending = List.copyOf(inner);
        return InnerSets.pack(pending, params.nInnerParams());
    }
}
