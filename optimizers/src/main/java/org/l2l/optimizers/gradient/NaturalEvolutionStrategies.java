package org.l2l.optimizers.gradient;

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
 * L2L's {@code NaturalEvolutionStrategiesOptimizer}: separable natural evolution strategies in natural coordinates
 * (Wierstra et al. 2008/2014, Glasmachers et al. 2010). A diagonal Gaussian search distribution with mean {@code mu}
 * and standard deviations {@code sigma} (both from the parameters) is adapted by its natural gradient.
 *
 * <p>Each generation:
 *
 * <ol>
 *   <li>{@code popSize} standard normal samples {@code s_i} are drawn (row by row); with {@code mirroredSampling}
 *       their negatives follow, giving {@code P = popSize} or {@code 2 popSize} samples;</li>
 *   <li>the proposed individuals are {@code mu + sigma * s_i}, each bounded with {@code optimizee.bound}
 *       ({@code mu} and {@code sigma} themselves are never bounded);</li>
 *   <li>after evaluation the samples are ranked by fitness, best first, and {@code F_k} is the fitness of rank
 *       {@code k}, or with {@code fitnessShaping} the utility {@code max(0, log(P/2+1) - log(k+1))} normalized to
 *       sum 1, minus {@code 1/P};</li>
 *   <li>{@code mu += learningRateMu * sigma * sum_k F_k s_k} and then
 *       {@code sigma *= exp(learningRateSigma / 2 * sum_k F_k (s_k^2 - 1))}, element by element, with the
 *       unbounded samples;</li>
 *   <li>the run finishes after generation {@code nIteration - 1} or once the best fitness reaches
 *       {@code stopCriterion}.</li>
 * </ol>
 *
 * <p>Fitness is the scalar L2L uses, {@code np.dot(fitness, weights)}: the sum of the weighted components (for a
 * single component, {@code weightedFitness()[0]}). Failed evaluations (and NaN fitness) count as the worst: they
 * rank last under fitness shaping, and without it their fitness is replaced by the worst finite fitness of the
 * generation; if every individual failed, the distribution does not change.
 *
 * <p>The optimizee's {@code createIndividual} is called once, only to learn the names and shapes of the individuals
 * (L2L's dict spec). All randomness comes from one {@link Rng} derived from {@code seed}; {@link #saveState()}
 * captures everything, so a restored optimizer continues bit-identically.
 */
public final class NaturalEvolutionStrategies implements Optimizer {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "nes";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "nesResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(NaturalEvolutionStrategies.class);

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final NaturalEvolutionStrategiesParameters params;
    private final Parameters template;
    private final Rng rng;
    private double[] mu;
    private double[] sigma;
    private double[][] samples;
    private double[][] evalPop; // bounded proposals
    private int generation;
    private boolean finished;
    private double[] bestVector; // best individual of the last evaluated generation, or null
    private double bestFitness = Double.NEGATIVE_INFINITY;

    /**
     * A new run; draws the first generation.
     *
     * @throws IllegalArgumentException if {@code mu}'s length differs from the dimension of the optimizee's individuals
     * @throws IllegalStateException if the optimizee's bounding function changes the names or shapes
     */
    public NaturalEvolutionStrategies(Optimizee optimizee, FitnessWeights weights,
                                      NaturalEvolutionStrategiesParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.template = Require.nonNull("optimizee.createIndividual's result",
                optimizee.createIndividual(Rng.derive(params.seed(), "NaturalEvolutionStrategies", "template")));
        if (params.mu().length != template.dimension()) {
            throw new IllegalArgumentException("mu has " + params.mu().length + " values, but the optimizee's individuals "
                    + template.flatNames() + " have " + template.dimension());
        }
        this.rng = Rng.derive(params.seed(), "NaturalEvolutionStrategies");
        this.mu = params.mu();
        this.sigma = params.sigma();
        sample();
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public NaturalEvolutionStrategiesParameters parameters() {
        return params;
    }

    /** Records all parameters (with defaults resolved) in the group {@value #PARAMETER_GROUP}, integers as {@code Long}. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "natural evolution strategies settings");
        g.add("learningRateMu", params.learningRateMu());
        g.add("learningRateSigma", params.learningRateSigma());
        g.add("mu", params.mu());
        g.add("sigma", params.sigma());
        g.add("mirroredSampling", params.mirroredSampling());
        g.add("fitnessShaping", params.fitnessShaping());
        g.add("popSize", (long) params.popSize());
        g.add("nIteration", (long) params.nIteration());
        g.add("stopCriterion", params.stopCriterion());
        g.add("seed", params.seed());
        g.add("dimension", (long) template.dimension());
    }

    /**
     * The first generation.
     *
     * @throws IllegalStateException if a generation has already been evaluated
     */
    @Override
    public List<Parameters> firstGeneration() {
        if (generation != 0 || finished) {
            throw new IllegalStateException("firstGeneration() is only for a new run; generation " + generation
                    + " is under way");
        }
        return proposals();
    }

    @Override
    public Step next(GenerationResult result) {
        if (finished) throw new IllegalStateException("natural evolution strategies has finished; next() must not be called");
        int p = samples.length;
        if (result.size() != p) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but " + p + " individuals were proposed");
        }
        double[] f = new double[p];
        for (int i = 0; i < p; i++) f[i] = GradientSupport.scalarFitness(result.evaluations().get(i), weights);
        int[] order = GradientSupport.descendingOrder(f);
        double[] sortedFitness = new double[p];
        for (int k = 0; k < p; k++) sortedFitness[k] = f[order[k]];
        bestVector = evalPop[order[0]].clone();
        bestFitness = sortedFitness[0];
        LOG.info("-- End of NES generation {}: evaluated {} individuals, best fitness {} --", generation, p, bestFitness);

        double[] toFit = params.fitnessShaping() ? GradientSupport.utilities(p) : GradientSupport.finiteOrNull(sortedFitness);
        if (toFit != null) {
            int dim = mu.length;
            double[] gradMu = new double[dim];
            double[] gradSigma = new double[dim];
            for (int k = 0; k < p; k++) {
                double[] s = samples[order[k]];
                for (int d = 0; d < dim; d++) {
                    gradMu[d] += toFit[k] * s[d];
                    gradSigma[d] += toFit[k] * (s[d] * s[d] - 1.0);
                }
            }
            for (int d = 0; d < dim; d++) {
                mu[d] += params.learningRateMu() * sigma[d] * gradMu[d];
                sigma[d] *= Math.exp(params.learningRateSigma() / 2.0 * gradSigma[d]);
            }
        } else {
            LOG.warn("NES generation {}: every individual failed; the search distribution stays", generation);
        }

        if (generation < params.nIteration() - 1 && bestFitness < params.stopCriterion()) {
            sample();
            generation++;
            return Step.next(proposals());
        }
        finished = true;
        return Step.finished(generation >= params.nIteration() - 1
                ? "natural evolution strategies completed nIteration=" + params.nIteration() + " generations"
                : "natural evolution strategies reached stopCriterion=" + params.stopCriterion() + " with fitness "
                        + bestFitness);
    }

    /** Records the last generation's best individual, its fitness and the final distribution in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "natural evolution strategies results");
        if (bestVector != null) {
            Parameters best = template.withVector(bestVector);
            for (String name : best.names()) {
                g.add("finalIndividual." + name, best.isArray(name) ? best.array(name) : (Object) best.scalar(name));
            }
        }
        g.add("finalFitness", bestFitness);
        g.add("nIteration", (long) generation + 1);
        g.add("mu", mu.clone());
        g.add("sigma", sigma.clone());
        LOG.info("-- End of (successful) NES optimization: best individual {}, fitness {} --",
                bestVector == null ? "(none)" : template.withVector(bestVector), bestFitness);
    }

    /** The current mean of the search distribution, flattened. */
    public double[] mu() {
        return mu.clone();
    }

    /** The current standard deviations of the search distribution, flattened. */
    public double[] sigma() {
        return sigma.clone();
    }

    /** The generation pending evaluation, or the last one once finished. */
    public int generation() {
        return generation;
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public byte[] saveState() {
        return new StateBytes.Writer().ints(STATE_FORMAT, generation).bool(finished).longs(rng.state())
                .matrix(new double[][] {mu.clone(), sigma.clone()}).matrix(samples).matrix(evalPop)
                .matrix(bestVector == null ? new double[0][] : GradientSupport.row(bestVector))
                .matrix(GradientSupport.row(bestFitness)).toBytes();
    }

    @Override
    public List<Parameters> restoreState(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        if (format != STATE_FORMAT) {
            throw new IllegalArgumentException("natural evolution strategies state format " + format + " is not supported");
        }
        int gen = r.integer();
        boolean done = r.bool();
        long[] rngState = r.longs();
        int dim = template.dimension();
        double[][] dist = r.matrix();
        double[][] smp = r.matrix();
        double[][] pop = r.matrix();
        double[][] best = r.matrix();
        double[] fit = GradientSupport.single(r.matrix(), 1, "fitness record");
        if (dist.length != 2) throw new IllegalArgumentException("the saved state's distribution is malformed");
        int p = params.popSize() * (params.mirroredSampling() ? 2 : 1);
        if (smp.length != p || pop.length != p) {
            throw new IllegalArgumentException("the saved state holds " + smp.length + " samples, but popSize "
                    + params.popSize() + (params.mirroredSampling() ? " with" : " without") + " mirrored sampling gives " + p);
        }
        if (gen < 0 || gen >= params.nIteration()) {
            throw new IllegalArgumentException("the saved state is at generation " + gen + ", outside 0.."
                    + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
        double[] m = GradientSupport.checked(dist[0], dim, "mu");
        double[] s = GradientSupport.checked(dist[1], dim, "sigma");
        for (int i = 0; i < p; i++) {
            smp[i] = GradientSupport.checked(smp[i], dim, "samples[" + i + "]");
            pop[i] = GradientSupport.checked(pop[i], dim, "proposals[" + i + "]");
        }
        rng.setState(rngState);
        mu = m;
        sigma = s;
        samples = smp;
        evalPop = pop;
        bestVector = best.length == 0 ? null : GradientSupport.single(best, dim, "best individual").clone();
        bestFitness = fit[0];
        generation = gen;
        finished = done;
        return done ? null : proposals();
    }

    private void sample() {
        int n = params.popSize();
        int dim = mu.length;
        int p = params.mirroredSampling() ? 2 * n : n;
        samples = new double[p][dim];
        for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) samples[i][d] = rng.nextGaussian();
        if (params.mirroredSampling()) {
            for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) samples[n + i][d] = -samples[i][d];
        }
        evalPop = new double[p][];
        for (int i = 0; i < p; i++) {
            double[] x = new double[dim];
            for (int d = 0; d < dim; d++) x[d] = mu[d] + sigma[d] * samples[i][d];
            evalPop[i] = GradientSupport.bound(optimizee, template, x);
        }
    }

    private List<Parameters> proposals() {
        List<Parameters> out = new ArrayList<>(evalPop.length);
        for (double[] v : evalPop) out.add(template.withVector(v));
        return out;
    }
}
