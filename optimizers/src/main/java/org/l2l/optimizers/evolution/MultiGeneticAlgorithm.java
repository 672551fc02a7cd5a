package org.l2l.optimizers.evolution;

import java.util.List;
import java.util.Optional;
import org.l2l.core.FitnessWeights;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizee;
import org.l2l.core.Require;
import org.l2l.optimizers.MultiSetOptimizer;

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
 * function of the GA's state ({@link MultiSetOptimizer}). {@link #end} records the GA's results in its group
 * {@value GeneticAlgorithm#RESULT_GROUP} (the hall of fame holds single sets).
 */
public final class MultiGeneticAlgorithm extends MultiSetOptimizer<MultiGeneticAlgorithmParameters, GeneticAlgorithm> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "multiGa";

    /**
     * A new run: the genetic algorithm creates its population of {@code popSize} single sets.
     *
     * @param optimizee creates and bounds single sets, and evaluates multi-individuals
     * @param weights the fitness weights of one inner set
     * @param params the settings
     */
    public MultiGeneticAlgorithm(Optimizee optimizee, FitnessWeights weights, MultiGeneticAlgorithmParameters params) {
        super("multi genetic algorithm", PARAMETER_GROUP, params, Require.nonNull("params", params).nInnerParams(),
                weights, new GeneticAlgorithm(Require.nonNull("optimizee", optimizee), weights, params.geneticAlgorithm()));
    }

    /** The hall of fame of single sets, best first. */
    public List<HallOfFame.Entry> hallOfFame() {
        return inner.hallOfFame();
    }

    /** The best single set evaluated so far, if any. */
    public Optional<HallOfFame.Entry> best() {
        return inner.best();
    }
}
