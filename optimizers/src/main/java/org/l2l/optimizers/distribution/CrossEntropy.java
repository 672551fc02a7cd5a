package org.l2l.optimizers.distribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
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
 * state, so a restored optimizer continues bit-identically.
 */
public final class CrossEntropy implements Optimizer {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "crossEntropy";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "crossEntropyResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CrossEntropy.class);

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final CrossEntropyParameters params;
    private final Parameters template;
    private final Rng rng;
    private final CrossEntropyModel model;
    private double[][] evalPop;
    private int generation;
    private double temperature = 1;
    private double gamma = Double.NEGATIVE_INFINITY;
    private double bestFitness = Double.NEGATIVE_INFINITY;
    private double[] bestIndividual;
    private boolean finished;

    /**
     * A new run: creates and bounds the first generation and fits the distribution to it.
     *
     * @throws IllegalStateException if the optimizee's individuals differ in names or shapes
     * @throws IllegalArgumentException if the distribution's coordinate scale does not fit the individuals
     */
    public CrossEntropy(Optimizee optimizee, FitnessWeights weights, CrossEntropyParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.rng = Rng.derive(params.seed(), "CrossEntropy");
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.evalPop = initialPopulation(optimizee, template, params.popSize(), rng);
        this.model = new CrossEntropyModel(params.distribution(), template.dimension());
        model.fit(evalPop, 0, rng);
    }

    static double[][] initialPopulation(Optimizee optimizee, Parameters template, int n, Rng rng) {
        double[][] pop = new double[n][];
        for (int i = 0; i < n; i++) {
            pop[i] = Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
        }
        for (int i = 0; i < n; i++) pop[i] = GradientSupport.bound(optimizee, template, pop[i]);
        return pop;
    }


    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public CrossEntropyParameters parameters() {
        return params;
    }

    /** Records the parameters in {@value #PARAMETER_GROUP}, integers as {@code Long}, with derived nElite and dimension. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "cross entropy settings");
        g.add("popSize", (long) params.popSize());
        g.add("rho", params.rho());
        g.add("smoothing", params.smoothing());
        g.add("tempDecay", params.tempDecay());
        g.add("nIteration", (long) params.nIteration());
        g.add("stopCriterion", params.stopCriterion());
        g.add("seed", params.seed());
        params.distribution().describe(g);
        g.add("nElite", (long) params.nElite());
        g.add("dimension", (long) template.dimension());
    }

    @Override
    public List<Parameters> firstGeneration() {
        if (generation != 0 || finished) throw new IllegalStateException("firstGeneration() is only for a new run");
        return pending();
    }

    /** The individuals awaiting evaluation (empty once finished). */
    public List<Parameters> pending() {
        List<Parameters> out = new ArrayList<>();
        if (finished) return out;
        for (double[] v : evalPop) out.add(template.withVector(v));
        return out;
    }

    @Override
    public Step next(GenerationResult result) {
        if (finished) throw new IllegalStateException("the cross entropy optimizer has finished; next() must not be called");
        double[] wf = GradientSupport.weightedSums(result, evalPop.length, weights);
        Integer[] order = rankDescending(wf);
        int nElite = params.nElite();
        bestIndividual = evalPop[order[0]].clone();
        bestFitness = wf[order[0]];
        gamma = wf[order[nElite - 1]];
        LOG.info("CE generation {}: best weighted fitness {}, gamma {}, T {}", generation, bestFitness, gamma, temperature);
        double[][] toFit = fitSet(evalPop, wf, order, nElite, gamma, temperature, params.tempDecay(), rng);
        if (toFit.length > 0) model.fit(toFit, params.smoothing(), rng);
        if (bestFitness >= params.stopCriterion()) {
            finished = true;
            return Step.finished("the best weighted fitness " + bestFitness + " reached stopCriterion="
                    + params.stopCriterion());
        }
        if (generation >= params.nIteration() - 1) {
            finished = true;
            return Step.finished("cross entropy completed nIteration=" + params.nIteration() + " generations");
        }
        double[][] sampled = model.sample(params.popSize(), rng);
        for (int i = 0; i < sampled.length; i++) sampled[i] = GradientSupport.bound(optimizee, template, sampled[i]);
        evalPop = sampled;
        generation++;
        temperature *= params.tempDecay();
        return Step.next(pending());
    }


    /** Indices by descending fitness; ties keep index order. */
    static Integer[] rankDescending(double[] wf) {
        Integer[] order = new Integer[wf.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(wf[b], wf[a]));
        return order;
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
        g.add("nIteration", (long) generation + 1);
        g.add("finalFitness", bestFitness);
        if (bestIndividual != null) g.add("finalIndividual", bestIndividual.clone());
        g.add("distributionMean", model.mean());
        LOG.info("-- End of (successful) CE optimization: best {} with weighted fitness {} --",
                bestIndividual == null ? "(none)" : template.withVector(bestIndividual), bestFitness);
    }

    /** The generation pending evaluation, or the last one once finished. */
    public int generation() {
        return generation;
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return finished;
    }

    /** The current temperature. */
    public double temperature() {
        return temperature;
    }

    /** The last evaluated generation's elite threshold ({@code -inf} before any). */
    public double gamma() {
        return gamma;
    }

    /** The last evaluated generation's best weighted fitness ({@code -inf} before any). */
    public double bestFitness() {
        return bestFitness;
    }

    CrossEntropyModel model() {
        return model;
    }

    @Override
    public byte[] saveState() {
        StateBytes.Writer w = new StateBytes.Writer().ints(STATE_FORMAT, generation).bool(finished).longs(rng.state())
                .matrix(new double[][] {{temperature, gamma, bestFitness}}).matrix(new double[][] {bestIndividual})
                .matrix(evalPop);
        model.write(w);
        return w.toBytes();
    }

    @Override
    public List<Parameters> restoreState(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        if (format != STATE_FORMAT) throw new IllegalArgumentException("cross entropy state format " + format + " is not supported");
        int gen = r.integer();
        boolean done = r.bool();
        long[] rngState = r.longs();
        double[][] scalars = r.matrix();
        double[][] best = r.matrix();
        double[][] pop = r.matrix();
        if (scalars.length != 1 || scalars[0] == null || scalars[0].length != 3 || best.length != 1) {
            throw new IllegalArgumentException("corrupt cross entropy state");
        }
        if (pop.length != params.popSize()) {
            throw new IllegalArgumentException("popSize is " + params.popSize() + ", but the saved state holds "
                    + pop.length + " individuals");
        }
        for (double[] v : pop) {
            if (v == null || v.length != template.dimension()) throw new IllegalArgumentException("corrupt cross entropy state");
        }
        model.read(r);
        rng.setState(rngState);
        generation = gen;
        finished = done;
        temperature = scalars[0][0];
        gamma = scalars[0][1];
        bestFitness = scalars[0][2];
        bestIndividual = best[0];
        evalPop = pop;
        return finished ? null : pending();
    }
}
