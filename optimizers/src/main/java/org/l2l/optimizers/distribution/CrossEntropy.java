package org.l2l.optimizers.distribution;

import java.util.ArrayList;
import java.util.Arrays;
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
 * L2L's {@code CrossEntropyOptimizer}: samples each generation from a distribution fitted to the best individuals
 * of the previous one.
 *
 * <p>Generation 0 is {@code popSize} individuals from {@code optimizee.createIndividual}, bounded, and the
 * distribution is first fitted to them. After each generation's evaluations:
 *
 * <ol>
 *   <li>the individuals are ranked by weighted fitness (the sum of the weighted components, as L2L's
 *       {@code np.dot(fitness, weights)}), best first; {@code gamma} is the fitness of the {@code nElite}-th;</li>
 *   <li>the {@code nElite} best are fitted; if {@code tempDecay > 0}, each other individual is fitted too with
 *       probability {@code min(1, exp((fitness - gamma) / T))};</li>
 *   <li>the distribution is refitted with the given {@code smoothing};</li>
 *   <li>unless this was generation {@code nIteration - 1} or the generation's best fitness reached
 *       {@code stopCriterion}, {@code popSize} individuals are sampled, bounded with {@code optimizee.bound}, and
 *       the temperature {@code T} (initially 1) is multiplied by {@code tempDecay}.</li>
 * </ol>
 *
 * <p>Failed evaluations have weighted fitness {@code -inf}: they rank last, are never chosen among the
 * non-elite, and are left out of the fit even when they fall among the elite (if nothing is left to fit, the
 * distribution stays as it was).
 *
 * <p>All randomness comes from one {@link Rng} derived from {@code seed}; {@link #saveState()} holds the complete
 * state, so a restored optimizer continues bit-identically, and {@link #continueFrom} goes on after a finished run with
 * the sample the next generation would have drawn.
 */
public final class CrossEntropy extends GenerationalOptimizer<CrossEntropyParameters> {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "crossEntropy";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "crossEntropyResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CrossEntropy.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private final CrossEntropyState state;

    /**
     * A new run: creates and bounds the first generation and fits the distribution to it.
     *
     * @throws IllegalStateException if the optimizee's individuals differ in names or shapes
     * @throws IllegalArgumentException if the distribution's coordinate scale does not fit the individuals
     */
    public CrossEntropy(Optimizee optimizee, FitnessWeights weights, CrossEntropyParameters params) {
        super("cross entropy", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "CrossEntropy"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.state = fitted(new CrossEntropyModel(params.distribution(), template.dimension()),
                initialPopulation(optimizee, template, params.popSize(), rng), rng);
    }

    /** The state of a new run: {@code model} fitted to the first generation. */
    static CrossEntropyState fitted(CrossEntropyModel model, double[][] firstGeneration, Rng rng) {
        model.fit(firstGeneration, 0, rng);
        return new CrossEntropyState(model, firstGeneration);
    }

    static double[][] initialPopulation(Optimizee optimizee, Parameters template, int n, Rng rng) {
        double[][] pop = new double[n][];
        for (int i = 0; i < n; i++) {
            pop[i] = Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
        }
        for (int i = 0; i < n; i++) pop[i] = GradientSupport.bound(optimizee, template, pop[i]);
        return pop;
    }

    /** Records the derived {@code nElite} and the dimension of the individuals. */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("nElite", (long) params.nElite());
        g.add("dimension", (long) template.dimension());
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, state.sample);
    }

    @Override
    protected String learn(GenerationResult result) {
        double[] wf = GradientSupport.weightedSums(result, state.sample.length, weights);
        Integer[] order = state.rank(wf, params.nElite());
        LOG.info("CE generation {}: best weighted fitness {}, gamma {}, T {}", generation(), state.bestFitness,
                state.gamma, state.temperature);
        refit(state, wf, order, params.nElite(), params.tempDecay(), params.smoothing(), rng);
        if (state.bestFitness >= params.stopCriterion()) {
            return "the best weighted fitness " + state.bestFitness + " reached stopCriterion=" + params.stopCriterion();
        }
        if (generation() >= params.nIteration() - 1) {
            return "cross entropy completed nIteration=" + params.nIteration() + " generations";
        }
        return proposeAfterFinishing();
    }

    /** The next generation: a sample of the fitted distribution, bounded; the temperature decays. */
    @Override
    protected String proposeAfterFinishing() {
        state.sample = state.model.boundedSample(params.popSize(), optimizee, template, rng);
        state.temperature *= params.tempDecay();
        return null;
    }

    /** The distribution is fitted before the run stops, so a finished run can go on with more iterations. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }

    /** Indices by descending fitness; ties keep index order. */
    static Integer[] rankDescending(double[] wf) {
        Integer[] order = new Integer[wf.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(wf[b], wf[a]));
        return order;
    }

    /** Refits the model of {@code s} to {@link #fitSet} of its ranked sample, unless nothing is left to fit. */
    static void refit(CrossEntropyState s, double[] wf, Integer[] order, int nElite, double tempDecay, double smoothing,
                      Rng rng) {
        double[][] toFit = fitSet(s.sample, wf, order, nElite, s.gamma, s.temperature, tempDecay, rng);
        if (toFit.length > 0) s.model.fit(toFit, smoothing, rng);
    }

    /**
     * The individuals to fit: the successful ones among the {@code nElite} best and, if {@code tempDecay > 0}, each
     * successful other one with probability {@code min(1, exp((fitness - gamma) / T))}, one uniform draw per
     * non-elite individual in rank order (L2L's {@code random_state.binomial(1, probs)}).
     */
    static double[][] fitSet(double[][] pop, double[] wf, Integer[] order, int nElite, double gamma, double temperature,
                             double tempDecay, Rng rng) {
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < nElite; r++) {
            if (wf[order[r]] != Double.NEGATIVE_INFINITY) out.add(pop[order[r]]);
        }
        if (tempDecay > 0) {
            for (int r = nElite; r < order.length; r++) {
                double p = selectionProbability(wf[order[r]], gamma, temperature);
                if (rng.nextDouble() < p) out.add(pop[order[r]]);
            }
        }
        return out.toArray(new double[0][]);
    }

    /** {@code clip(exp((fitness - gamma) / T), 0, 1)}, and 0 for a failed individual. */
    static double selectionProbability(double fitness, double gamma, double temperature) {
        if (fitness == Double.NEGATIVE_INFINITY) return 0;
        double diff = fitness - gamma;
        if (diff >= 0) return 1;
        if (!(temperature > 0)) return 0;
        return Math.min(1, Math.max(0, Math.exp(diff / temperature)));
    }

    /** Records the last generation's best individual and fitness in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "cross entropy results");
        g.add("nIteration", (long) generation() + 1);
        g.add("finalFitness", state.bestFitness);
        if (state.bestIndividual != null) g.add("finalIndividual", state.bestIndividual.clone());
        g.add("distributionMean", state.model.mean());
        LOG.info("-- End of (successful) CE optimization: best {} with weighted fitness {} --",
                state.bestIndividual == null ? "(none)" : template.withVector(state.bestIndividual), state.bestFitness);
    }

    /** The current temperature. */
    public double temperature() {
        return state.temperature;
    }

    /** The last evaluated generation's elite threshold ({@code -inf} before any). */
    public double gamma() {
        return state.gamma;
    }

    /** The last evaluated generation's best weighted fitness ({@code -inf} before any). */
    public double bestFitness() {
        return state.bestFitness;
    }

    CrossEntropyModel model() {
        return state.model;
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        state.write(w);
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        state.read(r, "cross entropy", template.dimension(), size -> {
            if (size != params.popSize()) {
                throw new IllegalArgumentException("popSize is " + params.popSize() + ", but the saved state holds "
                        + size + " individuals");
            }
        });
    }
}
