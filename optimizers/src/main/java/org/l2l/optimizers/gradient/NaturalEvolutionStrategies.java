package org.l2l.optimizers.gradient;

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
 * captures everything, so a restored optimizer continues bit-identically, and {@link #continueFrom} goes on after a
 * finished run with the samples the next generation would have drawn.
 */
public final class NaturalEvolutionStrategies extends GenerationalOptimizer<NaturalEvolutionStrategiesParameters> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "nes";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "nesResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(NaturalEvolutionStrategies.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private double[] mu;
    private double[] sigma;
    private double[][] samples;
    private double[][] evalPop; // bounded proposals
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
        super("natural evolution strategies", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "NaturalEvolutionStrategies"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result",
                optimizee.createIndividual(Rng.derive(params.seed(), "NaturalEvolutionStrategies", "template")));
        if (params.mu().length != template.dimension()) {
            throw new IllegalArgumentException("mu has " + params.mu().length + " values, but the optimizee's individuals "
                    + template.flatNames() + " have " + template.dimension());
        }
        this.mu = params.mu();
        this.sigma = params.sigma();
        sample();
    }

    /** Records the dimension of the individuals. */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("dimension", (long) template.dimension());
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, evalPop);
    }

    @Override
    protected String learn(GenerationResult result) {
        int generation = generation();
        int p = samples.length;
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

        if (generation >= params.nIteration() - 1) {
            return "natural evolution strategies completed nIteration=" + params.nIteration() + " generations";
        }
        if (bestFitness >= params.stopCriterion()) {
            return "natural evolution strategies reached stopCriterion=" + params.stopCriterion() + " with fitness "
                    + bestFitness;
        }
        sample();
        return null;
    }

    /** Records the last generation's best individual, its fitness and the final distribution in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "natural evolution strategies results");
        if (bestVector != null) Vectors.describe(g, "finalIndividual", template.withVector(bestVector));
        g.add("finalFitness", bestFitness);
        g.add("nIteration", (long) generation() + 1);
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

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.matrix(new double[][] {mu.clone(), sigma.clone()}).matrix(samples).matrix(evalPop)
                .matrix(bestVector == null ? new double[0][] : GradientSupport.row(bestVector))
                .matrix(GradientSupport.row(bestFitness));
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
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
        GradientSupport.checkGeneration(gen, params.nIteration());
        double[] m = GradientSupport.checked(dist[0], dim, "mu");
        double[] s = GradientSupport.checked(dist[1], dim, "sigma");
        for (int i = 0; i < p; i++) {
            smp[i] = GradientSupport.checked(smp[i], dim, "samples[" + i + "]");
            pop[i] = GradientSupport.checked(pop[i], dim, "proposals[" + i + "]");
        }
        mu = m;
        sigma = s;
        samples = smp;
        evalPop = pop;
        bestVector = best.length == 0 ? null : GradientSupport.single(best, dim, "best individual").clone();
        bestFitness = fit[0];
    }

    @Override
    protected String proposeAfterFinishing() {
        sample();
        return null;
    }

    /** A finished run goes on: the next generation is sampled from the updated distribution. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
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
}
