package org.l2l.optimizers.gradient;

import java.util.List;
import org.l2l.core.Evaluation;
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
 * L2L's {@code EvolutionStrategiesOptimizer} (Salimans et al. 2017): a current individual {@code theta} follows a
 * Gaussian-smoothed estimate of the fitness gradient.
 *
 * <p>The starting point is one {@code optimizee.createIndividual}. Each generation:
 *
 * <ol>
 *   <li>{@code popSize} perturbations {@code e_i ~ N(0, noiseStd^2)} are drawn per dimension (row by row); with
 *       {@code mirroredSampling} their negatives {@code -e_i} follow, giving {@code P = popSize} or
 *       {@code 2 popSize} perturbations;</li>
 *   <li>the proposed individuals are {@code theta + e_i} for each perturbation, then {@code theta} itself last, each
 *       bounded with {@code optimizee.bound} ({@code theta} itself stays unbounded, as in L2L);</li>
 *   <li>after evaluation, the {@code P} perturbed individuals are ranked by fitness, best first (the last,
 *       unperturbed individual is only recorded, as L2L drops its fitness from the update);</li>
 *   <li>{@code theta += learningRate * sum_k F_k e_k / (P noiseStd^2)}, where {@code F_k} is the fitness of
 *       rank {@code k}, or with {@code fitnessShaping} the utility {@code max(0, log(P/2+1) - log(k+1))} normalized
 *       to sum 1, minus {@code 1/P}. The update uses the raw perturbations, not the bounded differences;</li>
 *   <li>the run finishes after generation {@code nIteration - 1} or once the best perturbed fitness reaches
 *       {@code stopCriterion}.</li>
 * </ol>
 *
 * <p>Fitness is the scalar L2L uses, {@code np.dot(fitness, weights)}: the sum of the weighted components (for a
 * single component, {@code weightedFitness()[0]}). Failed evaluations (and NaN fitness) count as the worst: they
 * rank last under fitness shaping, and without it their fitness is replaced by the worst finite fitness of the
 * generation; if every perturbed individual failed, {@code theta} does not move.
 *
 * <p>All randomness, including the optimizee's {@code createIndividual}, comes from one {@link Rng} derived from
 * {@code seed}. {@link #saveState()} captures everything, so a restored optimizer continues bit-identically, and
 * {@link #continueFrom} goes on after a finished run with the perturbations the next generation would have drawn.
 */
public final class EvolutionStrategies extends GenerationalOptimizer<EvolutionStrategiesParameters> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "es";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "esResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(EvolutionStrategies.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private double[] current;
    private double[][] perturbations;
    private double[][] evalPop; // bounded proposals; the unperturbed current individual last
    private double[] bestVector; // best individual of the last evaluated generation, or null
    private double bestFitness = Double.NEGATIVE_INFINITY;
    private double currentFitness = Double.NEGATIVE_INFINITY;

    /**
     * A new run starting from one {@code optimizee.createIndividual}; draws the first generation.
     *
     * @throws IllegalStateException if the optimizee's bounding function changes the names or shapes
     */
    public EvolutionStrategies(Optimizee optimizee, FitnessWeights weights, EvolutionStrategiesParameters params) {
        super("evolution strategies", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "EvolutionStrategies"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.current = template.toVector();
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
        int p = perturbations.length;
        double[] f = new double[p];
        for (int i = 0; i < p; i++) f[i] = GradientSupport.scalarFitness(result.evaluations().get(i), weights);
        Evaluation last = result.evaluations().get(p);
        currentFitness = GradientSupport.scalarFitness(last, weights);
        int[] order = GradientSupport.descendingOrder(f);
        double[] sortedFitness = new double[p];
        for (int k = 0; k < p; k++) sortedFitness[k] = f[order[k]];
        bestVector = evalPop[order[0]].clone();
        bestFitness = sortedFitness[0];
        LOG.info("-- End of ES generation {}: evaluated {} individuals, best fitness {}, current fitness {} --",
                generation, evalPop.length, bestFitness, currentFitness);

        double[] toFit = params.fitnessShaping() ? GradientSupport.utilities(p) : GradientSupport.finiteOrNull(sortedFitness);
        if (toFit != null) {
            double[] step = new double[current.length];
            for (int k = 0; k < p; k++) {
                double[] e = perturbations[order[k]];
                for (int d = 0; d < step.length; d++) step[d] += toFit[k] * e[d];
            }
            double scale = params.learningRate() / (p * params.noiseStd() * params.noiseStd());
            for (int d = 0; d < current.length; d++) current[d] += scale * step[d];
        } else {
            LOG.warn("ES generation {}: every perturbed individual failed; the current individual stays", generation);
        }

        if (generation >= params.nIteration() - 1) {
            return "evolution strategies completed nIteration=" + params.nIteration() + " generations";
        }
        if (bestFitness >= params.stopCriterion()) {
            return "evolution strategies reached stopCriterion=" + params.stopCriterion() + " with fitness " + bestFitness;
        }
        sample();
        return null;
    }

    /** Records the last generation's best individual and fitness in {@value #RESULT_GROUP}, as L2L's {@code end}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "evolution strategies results");
        if (bestVector != null) Vectors.describe(g, "finalIndividual", template.withVector(bestVector));
        g.add("finalFitness", bestFitness);
        g.add("nIteration", (long) generation() + 1);
        LOG.info("-- End of (successful) ES optimization: best individual {}, fitness {} --",
                bestVector == null ? "(none)" : template.withVector(bestVector), bestFitness);
    }

    /** The current (unperturbed, unbounded) individual {@code theta}. */
    public Parameters currentIndividual() {
        return template.withVector(current);
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.matrix(GradientSupport.row(current)).matrix(perturbations).matrix(evalPop)
                .matrix(bestVector == null ? new double[0][] : GradientSupport.row(bestVector))
                .matrix(GradientSupport.row(bestFitness, currentFitness));
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        int dim = template.dimension();
        double[] cur = GradientSupport.single(r.matrix(), dim, "current individual");
        double[][] pert = r.matrix();
        double[][] pop = r.matrix();
        double[][] best = r.matrix();
        double[] fit = GradientSupport.single(r.matrix(), 2, "fitness record");
        int p = params.popSize() * (params.mirroredSampling() ? 2 : 1);
        if (pert.length != p || pop.length != p + 1) {
            throw new IllegalArgumentException("the saved state holds " + pert.length + " perturbations, but popSize "
                    + params.popSize() + (params.mirroredSampling() ? " with" : " without") + " mirrored sampling gives " + p);
        }
        GradientSupport.checkGeneration(gen, params.nIteration());
        for (int i = 0; i < p; i++) pert[i] = GradientSupport.checked(pert[i], dim, "perturbations[" + i + "]");
        for (int i = 0; i <= p; i++) pop[i] = GradientSupport.checked(pop[i], dim, "proposals[" + i + "]");
        current = cur.clone();
        perturbations = pert;
        evalPop = pop;
        bestVector = best.length == 0 ? null : GradientSupport.single(best, dim, "best individual").clone();
        bestFitness = fit[0];
        currentFitness = fit[1];
    }

    @Override
    protected String proposeAfterFinishing() {
        sample();
        return null;
    }

    /** A finished run goes on: the next generation's perturbations are drawn around the updated {@code theta}. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }

    private void sample() {
        int n = params.popSize();
        int dim = current.length;
        int p = params.mirroredSampling() ? 2 * n : n;
        perturbations = new double[p][dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) perturbations[i][d] = params.noiseStd() * rng.nextGaussian();
        }
        if (params.mirroredSampling()) {
            for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) perturbations[n + i][d] = -perturbations[i][d];
        }
        evalPop = new double[p + 1][];
        for (int i = 0; i < p; i++) {
            double[] x = current.clone();
            for (int d = 0; d < dim; d++) x[d] += perturbations[i][d];
            evalPop[i] = GradientSupport.bound(optimizee, template, x);
        }
        evalPop[p] = GradientSupport.bound(optimizee, template, current);
    }
}
