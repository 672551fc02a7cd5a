package org.l2l.optimizers.distribution;

import java.util.ArrayList;
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
 *       if that would exceed {@code maxPopSize}, the run finishes (L2L: "possibly diverged");</li>
 *   <li>the next generation is sampled and bounded, and the temperature is multiplied by {@code tempDecay}.</li>
 * </ol>
 *
 * <p>All randomness comes from one {@link Rng} derived from {@code seed}; {@link #saveState()} holds the complete
 * state, so a restored optimizer continues bit-identically.
 */
public final class Face implements Optimizer {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "face";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "faceResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Face.class);

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final FaceParameters params;
    private final Parameters template;
    private final Rng rng;
    private final CrossEntropyModel model;
    private double[][] evalPop;
    private int popSize;
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
    public Face(Optimizee optimizee, FitnessWeights weights, FaceParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.rng = Rng.derive(params.seed(), "Face");
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.popSize = params.minPopSize();
        this.evalPop = CrossEntropy.initialPopulation(optimizee, template, popSize, rng);
        this.model = new CrossEntropyModel(params.distribution(), template.dimension());
        model.fit(evalPop, 0, rng);
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public FaceParameters parameters() {
        return params;
    }

    /** Records the parameters in {@value #PARAMETER_GROUP}, integers as {@code Long}, with the derived dimension. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "FACE settings");
        g.add("minPopSize", (long) params.minPopSize());
        g.add("maxPopSize", (long) params.maxPopSize());
        g.add("nElite", (long) params.nElite());
        g.add("nIteration", (long) params.nIteration());
        g.add("nExpand", (long) params.nExpand());
        g.add("stopCriterion", params.stopCriterion());
        g.add("smoothing", params.smoothing());
        g.add("tempDecay", params.tempDecay());
        g.add("seed", params.seed());
        params.distribution().describe(g);
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
        if (finished) throw new IllegalStateException("FACE has finished; next() must not be called");
        double[] wf = GradientSupport.weightedSums(result, evalPop.length, weights);
        Integer[] order = CrossEntropy.rankDescending(wf);
        int nElite = params.nElite();
        double previousBest = bestFitness;
        double previousGamma = gamma;
        bestIndividual = evalPop[order[0]].clone();
        bestFitness = wf[order[0]];
        gamma = wf[order[nElite - 1]];
        LOG.info("FACE generation {}: {} individuals, best weighted fitness {}, gamma {}", generation, evalPop.length,
                bestFitness, gamma);
        if (bestFitness >= params.stopCriterion()) {
            finished = true;
            return Step.finished("the best weighted fitness " + bestFitness + " reached stopCriterion="
                    + params.stopCriterion());
        }
        if (generation >= params.nIteration()) {
            finished = true;
            return Step.finished("FACE completed generation nIteration=" + params.nIteration());
        }
        if (bestFitness > previousBest || gamma > previousGamma) {
            popSize = (popSize + params.minPopSize()) / 2;
            double[][] toFit = CrossEntropy.fitSet(evalPop, wf, order, nElite, gamma, temperature, params.tempDecay(), rng);
            if (toFit.length > 0) model.fit(toFit, params.smoothing(), rng);
        } else if (popSize + params.nExpand() <= params.maxPopSize()) {
            LOG.info("FACE increases the population size by {}", params.nExpand());
            popSize += params.nExpand();
        } else {
            finished = true;
            LOG.warn("FACE possibly diverged");
            return Step.finished("FACE possibly diverged: no improvement, and the population of " + popSize
                    + " cannot grow by nExpand=" + params.nExpand() + " within maxPopSize=" + params.maxPopSize());
        }
        evalPop = model.boundedSample(popSize, optimizee, template, rng);
        generation++;
        temperature *= params.tempDecay();
        return Step.next(pending());
    }

    /** Records the last generation's best individual and fitness in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "FACE results");
        g.add("nIteration", (long) generation);
        g.add("finalFitness", bestFitness);
        if (bestIndividual != null) g.add("finalIndividual", bestIndividual.clone());
        LOG.info("-- End of (successful) FACE optimization: weighted fitness {} --", bestFitness);
    }

    /** The generation pending evaluation, or the last one once finished. */
    public int generation() {
        return generation;
    }

    /** The current population size. */
    public int popSize() {
        return popSize;
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return finished;
    }

    /** The last evaluated generation's best weighted fitness. */
    public double bestFitness() {
        return bestFitness;
    }

    /** The last evaluated generation's elite threshold. */
    public double gamma() {
        return gamma;
    }

    CrossEntropyModel model() {
        return model;
    }

    @Override
    public byte[] saveState() {
        StateBytes.Writer w = new StateBytes.Writer().ints(STATE_FORMAT, generation, popSize).bool(finished)
                .longs(rng.state()).matrix(new double[][] {{temperature, gamma, bestFitness}})
                .matrix(new double[][] {bestIndividual}).matrix(evalPop);
        model.write(w);
        return w.toBytes();
    }

    @Override
    public List<Parameters> restoreState(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        if (format != STATE_FORMAT) throw new IllegalArgumentException("FACE state format " + format + " is not supported");
        int gen = r.integer();
        int size = r.integer();
        boolean done = r.bool();
        long[] rngState = r.longs();
        double[][] scalars = r.matrix();
        double[][] best = r.matrix();
        double[][] pop = r.matrix();
        if (scalars.length != 1 || scalars[0] == null || scalars[0].length != 3 || best.length != 1) {
            throw new IllegalArgumentException("corrupt FACE state");
        }
        if (size < params.minPopSize() || size > params.maxPopSize()) {
            throw new IllegalArgumentException("the saved population size " + size + " is outside minPopSize.."
                    + "maxPopSize = " + params.minPopSize() + ".." + params.maxPopSize());
        }
        for (double[] v : pop) {
            if (v == null || v.length != template.dimension()) throw new IllegalArgumentException("corrupt FACE state");
        }
        model.read(r);
        rng.setState(rngState);
        generation = gen;
        popSize = size;
        finished = done;
        temperature = scalars[0][0];
        gamma = scalars[0][1];
        bestFitness = scalars[0][2];
        bestIndividual = best[0];
        evalPop = pop;
        return finished ? null : pending();
    }
}
