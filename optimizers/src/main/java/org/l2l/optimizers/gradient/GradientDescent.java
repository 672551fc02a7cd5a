package org.l2l.optimizers.gradient;

import java.util.ArrayList;
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
 * L2L's {@code GradientDescentOptimizer}: gradient ascent on the fitness, with the gradient estimated by finite
 * differences around the current individual. The variant (classic, stochastic, Adam, RMSProp) is chosen by the
 * record type of the {@link GradientDescentParameters}, as L2L chooses it by the named tuple's type.
 *
 * <p>The optimizee's {@code createIndividual} is called twice, as in L2L: once for the names and shapes, once for
 * the starting point {@code x} (which is not bounded until its first update). Each generation proposes
 * {@code nRandomSteps} exploration individuals {@code bound(x + N(0, explorationStepSize^2))} and then
 * {@code bound(x)} itself, last. After evaluation, with {@code f_i} the fitness of exploration {@code i},
 * {@code f_x} that of {@code x} and {@code dx_i} the bounded exploration individual minus {@code x}, the gradient
 * estimate is the least-squares solution {@code pinv(dx) (f - f_x)} (L2L's {@code np.linalg.pinv}); unless
 * generation {@code nIteration - 1} is done or {@code f_x >= stopCriterion}, the variant's update moves
 * {@code x}, which is then bounded:
 *
 * <ul>
 *   <li>classic: {@code x += learningRate * grad};</li>
 *   <li>stochastic: {@code grad += N(0, stochasticDeviation^2) * stochasticDecay^(g+1)}, then the classic step
 *       ({@code g} is the generation just evaluated, from 0);</li>
 *   <li>Adam: {@code m = b1 m + (1-b1) grad}, {@code v = b2 v + (1-b2) grad^2},
 *       {@code x += learningRate * (m / (1-b1^(g+1))) / (sqrt(v / (1-b2^(g+1))) + 1e-8)};</li>
 *   <li>RMSProp: {@code v = d v + (1-d) grad^2}, {@code x += learningRate / sqrt(v + 1e-6) * grad}.</li>
 * </ul>
 *
 * <p>With {@code annealGenerations = A > 0} (not in L2L) the exploration step size of generation {@code g} and the
 * learning rate of the update after it move geometrically from their start to their end values over the first
 * {@code A} generations, {@code start (end/start)^(min(g, A)/A)}, as the gain sequences of simultaneous-perturbation
 * methods shrink: wide steps first estimate the gradient of a smoothed function, which crosses small local minima,
 * and narrow ones later follow narrow valleys. With {@code A = 0} (the default) both stay constant, as in L2L.
 *
 * <p>Fitness is the scalar L2L uses, {@code np.dot(fitness, weights)}: the sum of the weighted components (for a
 * single component, {@code weightedFitness()[0]}). Failed evaluations (and NaN fitness) give no finite difference:
 * failed exploration steps are left out of the estimate, and if {@code x} itself failed or every exploration step
 * did, there is no estimate, so {@code x} stays (no update, moments untouched) and is explored afresh.
 *
 * <p>All randomness comes from one {@link Rng} derived from {@code seed}; {@link #saveState()} captures everything,
 * so a restored optimizer continues bit-identically.
 */
public final class GradientDescent extends GenerationalOptimizer<GradientDescentParameters> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "gd";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "gdResult";
    /** Adam's numerical stabilizer, as in L2L. */
    static final double ADAM_DELTA = 1e-8;
    /** RMSProp's numerical stabilizer, as in L2L. */
    static final double RMSPROP_DELTA = 1e-6;
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(GradientDescent.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private double[] current;
    private double[][] evalPop; // bounded exploration individuals, then bound(current) last
    private double[] firstMoment;
    private double[] secondMoment;
    private double currentFitness = Double.NEGATIVE_INFINITY;

    /**
     * A new run; draws the first generation.
     *
     * @throws IllegalStateException if the optimizee's individuals differ in names or shapes
     */
    public GradientDescent(Optimizee optimizee, FitnessWeights weights, GradientDescentParameters params) {
        super("gradient descent", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "GradientDescent"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.current = Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
        this.firstMoment = new double[current.length];
        this.secondMoment = new double[current.length];
        explore(0);
    }

    /** Records the variant's name ({@code classic}, {@code stochastic}, {@code adam}, {@code rmsprop}). */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("variant", params.variant());
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, evalPop);
    }

    @Override
    protected String learn(GenerationResult result) {
        int generation = generation();
        int n = params.nRandomSteps();
        double[] f = new double[n];
        double[][] dx = new double[n][];
        for (int i = 0; i < n; i++) {
            f[i] = GradientSupport.scalarFitness(result.evaluations().get(i), weights);
            dx[i] = evalPop[i].clone();
            for (int d = 0; d < dx[i].length; d++) dx[i][d] -= current[d];
        }
        currentFitness = GradientSupport.scalarFitness(result.evaluations().get(n), weights);
        LOG.info("-- End of GD iteration {}: current fitness is {} --", generation, currentFitness);

        if (generation >= params.nIteration() - 1) {
            return "gradient descent completed nIteration=" + params.nIteration() + " generations";
        }
        if (params.stopCriterion() <= currentFitness) {
            return "gradient descent reached stopCriterion=" + params.stopCriterion() + " with fitness " + currentFitness;
        }
        double[] gradient = estimateGradient(dx, f, currentFitness);
        if (gradient != null) {
            update(gradient, generation);
        } else {
            LOG.warn("GD iteration {}: no finite differences (failed evaluations); the current individual stays",
                    generation);
        }
        current = GradientSupport.bound(optimizee, template, current);
        explore(generation + 1);
        return null;
    }

    /**
     * L2L's finite-difference gradient estimate {@code pinv(dx) (f - fCurrent)}: the minimum-norm least-squares
     * gradient {@code g} with {@code dx_i · g ≈ f_i - fCurrent}. Steps whose fitness is not finite are left out;
     * null if {@code fCurrent} is not finite or no step is left.
     *
     * @param dx one row per random step: the explored individual minus the current one
     * @param f the fitness of each explored individual
     * @param fCurrent the fitness of the current individual
     */
    static double[] estimateGradient(double[][] dx, double[] f, double fCurrent) {
        if (!Double.isFinite(fCurrent)) return null;
        List<double[]> rows = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (Double.isFinite(f[i])) {
                rows.add(dx[i]);
                diffs.add(f[i] - fCurrent);
            }
        }
        if (rows.isEmpty()) return null;
        double[] b = new double[diffs.size()];
        for (int i = 0; i < b.length; i++) b[i] = diffs.get(i);
        return GradientSupport.pinvSolve(rows.toArray(new double[0][]), b);
    }

    private void update(double[] gradient, int generation) {
        int dim = current.length;
        double lr = params.learningRateAt(generation);
        if (params instanceof GradientDescentParameters.Stochastic s) {
            double decay = Math.pow(s.stochasticDecay(), generation + 1);
            for (int d = 0; d < dim; d++) gradient[d] += s.stochasticDeviation() * rng.nextGaussian() * decay;
            for (int d = 0; d < dim; d++) current[d] += lr * gradient[d];
        } else if (params instanceof GradientDescentParameters.Adam a) {
            double b1 = a.firstOrderDecay();
            double b2 = a.secondOrderDecay();
            double c1 = 1 - Math.pow(b1, generation + 1);
            double c2 = 1 - Math.pow(b2, generation + 1);
            for (int d = 0; d < dim; d++) {
                firstMoment[d] = b1 * firstMoment[d] + (1 - b1) * gradient[d];
                secondMoment[d] = b2 * secondMoment[d] + (1 - b2) * gradient[d] * gradient[d];
                current[d] += lr * (firstMoment[d] / c1) / (Math.sqrt(secondMoment[d] / c2) + ADAM_DELTA);
            }
        } else if (params instanceof GradientDescentParameters.RMSProp r) {
            double m = r.momentumDecay();
            for (int d = 0; d < dim; d++) {
                secondMoment[d] = m * secondMoment[d] + (1 - m) * gradient[d] * gradient[d];
                current[d] += lr / Math.sqrt(secondMoment[d] + RMSPROP_DELTA) * gradient[d];
            }
        } else { // classic
            for (int d = 0; d < dim; d++) current[d] += lr * gradient[d];
        }
    }

    /** Records the current individual and its fitness in {@value #RESULT_GROUP}, as L2L's {@code end}. */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "gradient descent results");
        Parameters last = template.withVector(current);
        Vectors.describe(g, "finalIndividual", last);
        g.add("finalFitness", currentFitness);
        g.add("nIteration", (long) generation() + 1);
        LOG.info("-- End of (successful) gradient descent: the last individual was {} with fitness {} --", last,
                currentFitness);
    }

    /** The current individual {@code x}. */
    public Parameters currentIndividual() {
        return template.withVector(current);
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.matrix(new double[][] {current.clone(), firstMoment.clone(), secondMoment.clone()}).matrix(evalPop)
                .matrix(GradientSupport.row(currentFitness));
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        int dim = template.dimension();
        double[][] vectors = r.matrix();
        double[][] pop = r.matrix();
        double[] fit = GradientSupport.single(r.matrix(), 1, "fitness record");
        if (vectors.length != 3) throw new IllegalArgumentException("the saved state's vectors are malformed");
        if (pop.length != params.nRandomSteps() + 1) {
            throw new IllegalArgumentException("the saved state holds " + pop.length + " proposals, but nRandomSteps "
                    + params.nRandomSteps() + " gives " + (params.nRandomSteps() + 1));
        }
        GradientSupport.checkGeneration(gen, params.nIteration());
        double[] cur = GradientSupport.checked(vectors[0], dim, "current individual");
        double[] m1 = GradientSupport.checked(vectors[1], dim, "first moment");
        double[] m2 = GradientSupport.checked(vectors[2], dim, "second moment");
        for (int i = 0; i < pop.length; i++) pop[i] = GradientSupport.checked(pop[i], dim, "proposals[" + i + "]");
        current = cur;
        firstMoment = m1;
        secondMoment = m2;
        evalPop = pop;
        currentFitness = fit[0];
    }

    private void explore(int generation) {
        double step = params.explorationStepSizeAt(generation);
        int n = params.nRandomSteps();
        int dim = current.length;
        evalPop = new double[n + 1][];
        for (int i = 0; i < n; i++) {
            double[] x = current.clone();
            for (int d = 0; d < dim; d++) x[d] += step * rng.nextGaussian();
            evalPop[i] = GradientSupport.bound(optimizee, template, x);
        }
        evalPop[n] = GradientSupport.bound(optimizee, template, current);
    }
}
