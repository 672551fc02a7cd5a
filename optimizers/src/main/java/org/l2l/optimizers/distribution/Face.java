package org.l2l.optimizers.distribution;

import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.GenerationalOptimizer;
import org.l2l.optimizers.GradientSupport;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2L's {@code FACEOptimizer}: fully adaptive cross entropy, a {@link CrossEntropy} whose population grows while
 * generations fail to improve.
 *
 * <p>Generation 0 is {@code minPopSize} bounded individuals from {@code optimizee.createIndividual}, to which the
 * distribution is first fitted. After each generation's evaluations the individuals are ranked by weighted fitness
 * (the sum of the weighted components; failed evaluations count as {@code -inf}), and {@code gamma} is the
 * fitness of the {@code nElite}-th. Then:
 *
 * <ol>
 *   <li>the run finishes if this was generation {@code nIteration} or the best fitness reached
 *       {@code stopCriterion};</li>
 *   <li>if the best fitness or gamma is higher than the previous generation's, the population size becomes
 *       {@code (popSize + minPopSize) / 2} and the distribution is refitted exactly as in {@link CrossEntropy}
 *       (elite plus temperature-selected non-elite, failed individuals left out);</li>
 *   <li>otherwise the population grows by {@code nExpand} and is resampled from the unchanged distribution, or,
 *       if that would exceed {@code maxPopSize}, the run finishes (L2L: "possibly diverged"), or with
 *       {@code restartOnDivergence} (not in L2L) starts afresh: generation 0's rule draws {@code minPopSize} new
 *       individuals and a new distribution is fitted to them;</li>
 *   <li>the next generation is sampled and bounded, and the temperature is multiplied by {@code tempDecay}.</li>
 * </ol>
 *
 * <p>All randomness comes from one {@link Rng} derived from {@code seed}; {@link #saveState()} holds the complete
 * state, so a restored optimizer continues bit-identically. Checkpoints of format 1, which kept the population size in
 * their header, are still read (the population size is the number of individuals the state holds). A finished run
 * cannot be continued: the population-size rule needs the last generation's results, which the state does not keep.
 */
public final class Face extends GenerationalOptimizer<FaceParameters> {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "face";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "faceResult";
    /** Format 2 has the skeleton's header; format 1 had the population size in it. */
    private static final int STATE_FORMAT = 2;
    private static final int STATE_FORMAT_1 = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Face.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private CrossEntropyState state;

    /**
     * A new run: creates and bounds the first generation and fits the distribution to it.
     *
     * @throws IllegalStateException if the optimizee's individuals differ in names or shapes
     * @throws IllegalArgumentException if the distribution's coordinate scale does not fit the individuals
     */
    public Face(Optimizee optimizee, FitnessWeights weights, FaceParameters params) {
        super("FACE", PARAMETER_GROUP, STATE_FORMAT, weights, params, Rng.derive(Require.nonNull("params", params).seed(),
                "Face"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.state = firstGeneration(rng);
    }

    /** {@code minPopSize} bounded new individuals and a new distribution fitted to them. */
    private CrossEntropyState firstGeneration(Rng rng) {
        return CrossEntropy.fitted(new CrossEntropyModel(params.distribution(), template.dimension()),
                CrossEntropy.initialPopulation(optimizee, template, params.minPopSize(), rng), rng);
    }

    /** Records the dimension of the individuals. */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("dimension", (long) template.dimension());
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, state.sample);
    }

    @Override
    protected String learn(GenerationResult result) {
        int popSize = state.sample.length;
        double[] wf = GradientSupport.weightedSums(result, popSize, weights);
        double previousBest = state.bestFitness;
        double previousGamma = state.gamma;
        Integer[] order = state.rank(wf, params.nElite());
        LOG.info("FACE generation {}: {} individuals, best weighted fitness {}, gamma {}", generation(), popSize,
                state.bestFitness, state.gamma);
        if (state.bestFitness >= params.stopCriterion()) {
            return "the best weighted fitness " + state.bestFitness + " reached stopCriterion=" + params.stopCriterion();
        }
        if (generation() >= params.nIteration()) return "FACE completed generation nIteration=" + params.nIteration();
        if (state.bestFitness > previousBest || state.gamma > previousGamma) {
            popSize = (popSize + params.minPopSize()) / 2;
            CrossEntropy.refit(state, wf, order, params.nElite(), params.tempDecay(), params.smoothing(), rng);
        } else if (popSize + params.nExpand() <= params.maxPopSize()) {
            LOG.info("FACE increases the population size by {}", params.nExpand());
            popSize += params.nExpand();
        } else if (params.restartOnDivergence()) {
            LOG.warn("FACE possibly diverged at a population of {}: it restarts from {} new individuals", popSize,
                    params.minPopSize());
            state = firstGeneration(rng);
            return null;
        } else {
            LOG.warn("FACE possibly diverged");
            return "FACE possibly diverged: no improvement, and the population of " + popSize
                    + " cannot grow by nExpand=" + params.nExpand() + " within maxPopSize=" + params.maxPopSize();
        }
        state.sample = state.model.boundedSample(popSize, optimizee, template, rng);
        state.temperature *= params.tempDecay();
        return null;
    }

    /** Records the last generation's best individual and fitness in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "FACE results");
        g.add("nIteration", (long) generation());
        g.add("finalFitness", state.bestFitness);
        if (state.bestIndividual != null) g.add("finalIndividual", state.bestIndividual.clone());
        LOG.info("-- End of (successful) FACE optimization: weighted fitness {} --", state.bestFitness);
    }

    /** The current population size: the number of individuals of the generation being evaluated. */
    public int popSize() {
        return state.sample.length;
    }

    /** The last evaluated generation's best weighted fitness. */
    public double bestFitness() {
        return state.bestFitness;
    }

    /** The last evaluated generation's elite threshold. */
    public double gamma() {
        return state.gamma;
    }

    CrossEntropyModel model() {
        return state.model;
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        state.write(w);
    }

    @Override
    protected void readState(StateBytes.Reader r, int generation) {
        state.read(r, "FACE", template.dimension(), this::checkPopSize);
    }

    /** Format 1 kept the population size in its header; it is the number of individuals of the state. */
    @Override
    protected int legacyHeaderInts(int format) {
        return format == STATE_FORMAT_1 ? 1 : -1;
    }

    @Override
    protected void readLegacyState(StateBytes.Reader r, int format, int generation, int[] header) {
        int popSize = header[0];
        checkPopSize(popSize);
        state.read(r, "FACE", template.dimension(), size -> {
            if (size != popSize) throw new IllegalArgumentException("corrupt FACE state: a population size of " + popSize
                    + ", but " + size + " individuals");
        });
    }

    private void checkPopSize(int size) {
        if (size < params.minPopSize() || size > params.maxPopSize()) {
            throw new IllegalArgumentException("the saved population size " + size + " is outside minPopSize.."
                    + "maxPopSize = " + params.minPopSize() + ".." + params.maxPopSize());
        }
    }
}
