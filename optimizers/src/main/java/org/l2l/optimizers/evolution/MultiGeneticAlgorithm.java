package org.l2l.optimizers.evolution;

import java.util.List;
import java.util.Optional;
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
 * L2L's {@code MultiGeneticAlgorithmOptimizer}: the {@link GeneticAlgorithm}, with the individuals it proposes
 * evaluated {@code nInnerParams} at a time in {@linkplain MultiIndividual multi-individuals}, for optimizees that
 * evaluate several parameter sets at once (one multi-individual per GPU, say).
 *
 * <p>The genetic algorithm runs on single parameter sets exactly as {@link GeneticAlgorithm} with the same seed and
 * settings ({@link MultiGeneticAlgorithmParameters#geneticAlgorithm()}): the optimizee's {@code createIndividual} and
 * {@code bound} see single sets, as in L2L. The sets a generation needs evaluated are packed in order, the first
 * {@code nInnerParams} into multi-individual 0, the next into 1, and so on; the optimizee returns one fitness vector
 * per set, one after another ({@code nInnerParams * k} components for {@code k} fitness weights), and each set gets
 * its part. So, for a deterministic optimizee, a multi-GA run evaluates exactly the individuals of the GA run with
 * the same settings and ends with the same hall of fame.
 *
 * <p>{@link #fitnessWeights()} are the weights given to the constructor (those of one inner set) repeated
 * {@code nInnerParams} times, since the runner checks every multi-individual's fitness against them.
 *
 * <p>Deviations from L2L, whose multi-GA does not run as written (it reads a {@code grouped_params_dict} that it never
 * sets, and assigns fitness to dictionaries): L2L packs {@code int(len / n_inner_params)} multi-individuals and
 * drops the remaining sets unevaluated; here a short last group is padded with copies of its last set, whose fitness
 * is ignored. A failed multi-individual fails all its sets (fitness {@code -inf}, as in the GA).
 *
 * <p>Checkpoints ({@link #saveState()}, {@link #restoreState}, {@link #continueFrom}) are the GA's: the packing is a
 * function of the GA's state.
 */
public final class MultiGeneticAlgorithm implements Optimizer {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "multiGa";

    private final MultiGeneticAlgorithmParameters params;
    private final FitnessWeights innerWeights;
    private final FitnessWeights weights;
    private final GeneticAlgorithm ga;
    private List<Parameters> pending = List.of();

    /**
     * A new run: the genetic algorithm creates its population of {@code popSize} single sets.
     *
     * @param optimizee creates and bounds single sets, and evaluates multi-individuals
     * @param weights the fitness weights of one inner set
     * @param params the settings
     */
    public MultiGeneticAlgorithm(Optimizee optimizee, FitnessWeights weights, MultiGeneticAlgorithmParameters params) {
        this.params = Require.nonNull("params", params);
        this.innerWeights = Require.nonNull("weights", weights);
        this.weights = InnerSets.repeat(weights, params.nInnerParams());
        this.ga = new GeneticAlgorithm(Require.nonNull("optimizee", optimizee), weights, params.geneticAlgorithm());
    }

    /** The weights of one inner set, repeated {@code nInnerParams} times. */
    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public MultiGeneticAlgorithmParameters parameters() {
        return params;
    }

    /** Records all parameters in the group {@value #PARAMETER_GROUP}, integers as {@code Long}. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "multi genetic algorithm settings");
        g.add("seed", params.seed());
        g.add("popSize", (long) params.popSize());
        g.add("cxProb", params.cxProb());
        g.add("mutProb", params.mutProb());
        g.add("nIteration", (long) params.nIteration());
        g.add("indProb", params.indProb());
        g.add("tournSize", (long) params.tournSize());
        g.add("matePar", params.matePar());
        g.add("mutPar", params.mutPar());
        g.add("nInnerParams", (long) params.nInnerParams());
    }

    /** The initial population, packed. */
    @Override
    public List<Parameters> firstGeneration() {
        return pack(ga.firstGeneration());
    }

    @Override
    public Step next(GenerationResult result) {
        Step step = ga.next(InnerSets.split(result, pending, params.nInnerParams(), innerWeights));
        if (step instanceof Step.Next n) return Step.next(pack(n.individuals()));
        pending = List.of();
        return step;
    }

    /** The single sets awaiting evaluation, in population order (empty once finished). */
    public List<Parameters> pendingInnerSets() {
        return pending;
    }

    /**
     * Records the GA's results in its group {@value GeneticAlgorithm#RESULT_GROUP} (the hall of fame holds single
     * sets).
     */
    @Override
    public void end(Trajectory trajectory) {
        ga.end(trajectory);
    }

    /** The hall of fame of single sets, best first. */
    public List<HallOfFame.Entry> hallOfFame() {
        return ga.hallOfFame();
    }

    /** The best single set evaluated so far, if any. */
    public Optional<HallOfFame.Entry> best() {
        return ga.best();
    }

    /** The generation pending evaluation, or the last one once finished. */
    public int generation() {
        return ga.generation();
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return ga.isFinished();
    }

    /** The GA's complete state. */
    @Override
    public byte[] saveState() {
        return ga.saveState();
    }

    /** Continues from {@link #saveState()}; returns the pending multi-individuals, or null if the run had finished. */
    @Override
    public List<Parameters> restoreState(byte[] state) {
        return packOrNull(ga.restoreState(state));
    }

    /**
     * Continues an earlier run with these settings (more iterations, say), as {@link GeneticAlgorithm#continueFrom};
     * {@code nInnerParams} may differ from the earlier run's.
     */
    @Override
    public List<Parameters> continueFrom(byte[] state) {
        return packOrNull(ga.continueFrom(state));
    }

    private List<Parameters> packOrNull(List<Parameters> inner) {
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
