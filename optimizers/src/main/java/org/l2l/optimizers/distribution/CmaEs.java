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
 * The covariance matrix adaptation evolution strategy, {@code (mu/mu_w, lambda)}-CMA-ES, as in Hansen's "The CMA
 * Evolution Strategy: A Tutorial" (2016), with all of its default strategy parameters. Not in L2L.
 *
 * <p>The search distribution is {@code N(m, sigma^2 C)} over the flattened individual ({@link Parameters#toVector()}),
 * starting at {@code m = mean} (or one {@code optimizee.createIndividual}), {@code sigma = sigma0}, {@code C = I}.
 * Each generation samples {@code lambda = popSize} points {@code x_k = m + sigma B D z_k} with {@code z_k ~ N(0, I)},
 * where {@code C = B D^2 B^T}. After evaluation, the {@code mu = floor(lambda / 2)} best are recombined with the
 * weights {@code ln((lambda + 1) / 2) - ln i}, normalized, into the new mean; the evolution paths {@code p_sigma},
 * {@code p_c}, the rank-one and rank-mu updates of {@code C} and the cumulative step-size adaptation of {@code sigma}
 * follow the tutorial's equations, including the stall of {@code p_c} ({@code h_sigma}). The eigen-decomposition
 * (cyclic Jacobi rotations, shared with the cross-entropy optimizers) is renewed every
 * {@code max(1, floor(1 / (10 n (c_1 + c_mu))))} generations, as the tutorial suggests.
 *
 * <p><b>Fitness.</b> The scalar followed is the sum of the weighted fitness components (L2L's
 * {@code np.dot(fitness, weights)}), larger being better. Failed evaluations (and NaN) rank last, behind every
 * successful one (equal ranks keep sample order); if all of a generation failed, the distribution does not change.
 *
 * <p><b>Bounds.</b> Each sample is bounded with {@code optimizee.bound} before it is proposed, and the update uses the
 * points actually evaluated: the step of a selected sample is {@code y_k = (bound(x_k) - m) / sigma}. If bounding
 * changed the sample, {@code y_k} is shortened where necessary to the Mahalanobis length
 * {@code ||C^(-1/2) y_k|| <= sqrt(n) + 2n / (n + 2)}, as Hansen (2011, "Injecting external solutions into CMA-ES")
 * does for repaired solutions, so that a clipped sample cannot blow up the step size. The mean itself is not bounded;
 * with an optimum on the boundary it may settle outside, while every proposal stays inside.
 *
 * <p>The run finishes after generation {@code nIteration - 1}, once the best fitness of a generation reaches
 * {@code stopCriterion}, or when the distribution degenerates (condition number of {@code C} above {@code 1e14}, or a
 * non-finite value), whichever comes first. All randomness, including the optimizee's {@code createIndividual}, comes
 * from one {@link Rng} derived from {@code seed}. {@link #saveState()} captures everything, so a restored optimizer
 * continues bit-identically.
 */
public final class CmaEs implements Optimizer {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "cmaes";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "cmaesResult";
    /** The largest condition number of {@code C} before the run stops. */
    static final double MAX_CONDITION = 1e14;
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CmaEs.class);

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final CmaEsParameters params;
    private final Parameters template;
    private final Rng rng;
    // strategy parameters, all derived from n and lambda
    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] w;
    private final double mueff;
    private final double cc;
    private final double cs;
    private final double c1;
    private final double cmu;
    private final double damps;
    private final double chiN;
    private final int eigenGap;
    // state
    private double[] mean;
    private double sigma;
    private double[][] c;
    private double[][] b;
    private double[] d;
    private double[] pc;
    private double[] ps;
    private int eigenGeneration;
    private double[][] sampled; // x_k before bounding
    private double[][] proposed; // bound(x_k)
    private int generation;
    private boolean finished;
    private String finishReason = "";
    private double[] bestVector;
    private double bestFitness = Double.NEGATIVE_INFINITY;

    /** The most values an individual may have: CMA-ES keeps an n x n covariance matrix and decomposes it. */
    public static final int MAX_DIMENSION = 5_000;

    /**
     * A new run; draws the first generation.
     *
     * @throws IllegalArgumentException if {@code params.mean()} does not have one value per value of the individual,
     *     or the individual has more than {@link #MAX_DIMENSION} values
     */
    public CmaEs(Optimizee optimizee, FitnessWeights weights, CmaEsParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.rng = Rng.derive(params.seed(), "CmaEs");
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.n = template.dimension();
        if (n == 0) throw new IllegalStateException("optimizee.createIndividual returned no values to optimize");
        if (n > MAX_DIMENSION) {
            throw new IllegalArgumentException("the optimizee's individuals have " + n + " values, but CMA-ES handles at most "
                    + MAX_DIMENSION + ": its n x n covariance matrix and eigendecomposition cannot fit beyond that");
        }
        double[] start = params.mean() == null ? template.toVector() : params.mean();
        if (start.length != n) {
            throw new IllegalArgumentException("mean has " + start.length + " values, but the optimizee's individuals "
                    + template.names() + " have " + n);
        }
        this.lambda = params.popSizeFor(n);
        this.mu = lambda / 2;
        this.w = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            w[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            sum += w[i];
        }
        double sumSquares = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= sum;
            sumSquares += w[i] * w[i];
        }
        this.mueff = 1 / sumSquares;
        this.cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        this.cs = (mueff + 2) / (n + mueff + 5);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        this.cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        this.damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.eigenGap = Math.max(1, (int) Math.floor(1 / (10 * n * (c1 + cmu))));
        this.mean = start;
        this.sigma = params.sigma0();
        this.c = identity(n);
        this.b = identity(n);
        this.d = new double[n];
        Arrays.fill(d, 1);
        this.pc = new double[n];
        this.ps = new double[n];
        sample();
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** The parameters of this run. */
    public CmaEsParameters parameters() {
        return params;
    }

    /** Records the settings and the derived population sizes in {@value #PARAMETER_GROUP}, integers as {@code Long}. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "CMA-ES settings");
        g.add("seed", params.seed());
        g.add("popSize", (long) lambda);
        g.add("mu", (long) mu);
        g.add("sigma0", params.sigma0());
        if (params.mean() != null) g.add("mean", params.mean());
        g.add("nIteration", (long) params.nIteration());
        g.add("stopCriterion", params.stopCriterion());
        g.add("dimension", (long) n);
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
        if (finished) throw new IllegalStateException("CMA-ES has finished; next() must not be called");
        if (result.size() != lambda) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but " + lambda + " individuals were proposed");
        }
        double[] f = new double[lambda];
        for (int k = 0; k < lambda; k++) f[k] = GradientSupport.scalarFitness(result.evaluations().get(k), weights);
        Integer[] order = new Integer[lambda];
        for (int k = 0; k < lambda; k++) order[k] = k;
        Arrays.sort(order, (a, b2) -> Double.compare(f[b2], f[a])); // stable: equal fitness keeps sample order
        double generationBest = f[order[0]];
        if (generationBest > bestFitness) {
            bestFitness = generationBest;
            bestVector = proposed[order[0]].clone();
        }
        if (generationBest > Double.NEGATIVE_INFINITY) {
            update(order);
        } else {
            LOG.warn("CMA-ES generation {}: every individual failed; the distribution stays", generation);
        }
        LOG.info("-- End of CMA-ES generation {}: best fitness {}, sigma {} --", generation, generationBest, sigma);
        if (generation >= params.nIteration() - 1) {
            return finish("CMA-ES completed nIteration=" + params.nIteration() + " generations");
        }
        if (generationBest >= params.stopCriterion()) {
            return finish("CMA-ES reached stopCriterion=" + params.stopCriterion() + " with fitness " + generationBest);
        }
        return advance();
    }

    /** Renews the eigen-decomposition when due, then samples the next generation, or finishes if C degenerated. */
    private Step advance() {
        if (generation + 1 - eigenGeneration >= eigenGap) {
            String problem = decompose();
            eigenGeneration = generation + 1;
            if (problem != null) return finish("CMA-ES stopped: " + problem);
        }
        generation++;
        sample();
        return Step.next(proposals());
    }

    private Step finish(String reason) {
        finished = true;
        finishReason = reason;
        return Step.finished(reason);
    }

    private void update(Integer[] order) {
        double[][] y = new double[mu][];
        double limit = Math.sqrt(n) + 2.0 * n / (n + 2);
        for (int i = 0; i < mu; i++) {
            int k = order[i];
            y[i] = new double[n];
            for (int j = 0; j < n; j++) y[i][j] = (proposed[k][j] - mean[j]) / sigma;
            if (!Vectors.sameValues(proposed[k], sampled[k])) {
                double norm = norm(invSqrtTimes(y[i]));
                if (norm > limit) for (int j = 0; j < n; j++) y[i][j] *= limit / norm;
            }
        }
        double[] yw = new double[n];
        for (int i = 0; i < mu; i++) for (int j = 0; j < n; j++) yw[j] += w[i] * y[i][j];
        for (int j = 0; j < n; j++) mean[j] += sigma * yw[j];

        double[] cy = invSqrtTimes(yw);
        double csFactor = Math.sqrt(cs * (2 - cs) * mueff);
        for (int j = 0; j < n; j++) ps[j] = (1 - cs) * ps[j] + csFactor * cy[j];
        double psNorm = norm(ps);
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * (generation + 1))) / chiN < 1.4 + 2.0 / (n + 1);
        double ccFactor = hsig ? Math.sqrt(cc * (2 - cc) * mueff) : 0;
        for (int j = 0; j < n; j++) pc[j] = (1 - cc) * pc[j] + ccFactor * yw[j];

        double keep = 1 - c1 - cmu + (hsig ? 0 : c1 * cc * (2 - cc));
        for (int r = 0; r < n; r++) {
            for (int s = 0; s <= r; s++) {
                double rankMu = 0;
                for (int i = 0; i < mu; i++) rankMu += w[i] * y[i][r] * y[i][s];
                c[r][s] = keep * c[r][s] + c1 * pc[r] * pc[s] + cmu * rankMu;
                c[s][r] = c[r][s];
            }
        }
        sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
    }

    /** {@code C^(-1/2) v = B D^(-1) B^T v}. */
    private double[] invSqrtTimes(double[] v) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += b[j][k] * v[j];
            t[k] = s / d[k];
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += b[j][k] * t[k];
            out[j] = s;
        }
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    /** {@code C = B D^2 B^T}; returns why the distribution is unusable, or null. */
    private String decompose() {
        double[][] vectors = new double[n][n];
        double[] values = CrossEntropyLinalg.symmetricEigen(c, vectors);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) return "the covariance matrix has a non-finite eigenvalue";
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(min > 0) || max / min > MAX_CONDITION) {
            return "the covariance matrix is ill-conditioned (eigenvalues " + min + " to " + max + ")";
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) return "the step size sigma is " + sigma;
        b = vectors;
        for (int j = 0; j < n; j++) d[j] = Math.sqrt(values[j]);
        return null;
    }

    private void sample() {
        sampled = new double[lambda][];
        proposed = new double[lambda][];
        for (int k = 0; k < lambda; k++) {
            double[] z = new double[n];
            for (int j = 0; j < n; j++) z[j] = d[j] * rng.nextGaussian();
            double[] x = mean.clone();
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += b[r][j] * z[j];
                x[r] += sigma * s;
            }
            sampled[k] = x;
            proposed[k] = GradientSupport.bound(optimizee, template, x);
        }
    }

    /**
     * Records the best individual seen ({@code best.NAME}, {@code bestFitness}), the final mean
     * ({@code mean.NAME}), {@code sigma}, {@code generation} and why the run ended in {@value #RESULT_GROUP}.
     */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "CMA-ES results");
        if (bestVector != null) addParameters(g, "best.", template.withVector(bestVector));
        g.add("bestFitness", bestFitness);
        addParameters(g, "mean.", template.withVector(mean));
        g.add("sigma", sigma);
        g.add("generation", (long) generation);
        g.add("finishReason", finishReason.isEmpty() ? "not finished" : finishReason);
        LOG.info("-- End of CMA-ES: best individual {}, fitness {}, final sigma {} --",
                bestVector == null ? "(none)" : template.withVector(bestVector), bestFitness, sigma);
    }

    private static void addParameters(ParameterGroup g, String prefix, Parameters p) {
        for (String name : p.names()) g.add(prefix + name, p.isArray(name) ? p.array(name) : (Object) p.scalar(name));
    }

    /** The current mean of the search distribution (not bounded). */
    public Parameters mean() {
        return template.withVector(mean);
    }

    /** The current step size. */
    public double sigma() {
        return sigma;
    }

    /** The eigenvalues of the current covariance matrix {@code C} as last decomposed (the squares of {@code D}). */
    public double[] eigenvalues() {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) out[j] = d[j] * d[j];
        return out;
    }

    /** The number of samples per generation (lambda). */
    public int popSize() {
        return lambda;
    }

    /** The best fitness seen (the scalar described in the class comment), {@code -inf} before any success. */
    public double bestFitness() {
        return bestFitness;
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
        return new StateBytes.Writer().ints(STATE_FORMAT, generation, eigenGeneration, lambda).bool(finished)
                .longs(rng.state()).matrix(GradientSupport.row(mean)).matrix(GradientSupport.row(sigma, bestFitness))
                .matrix(c).matrix(b).matrix(GradientSupport.row(d)).matrix(GradientSupport.row(pc))
                .matrix(GradientSupport.row(ps)).matrix(sampled).matrix(proposed)
                .matrix(bestVector == null ? new double[0][] : GradientSupport.row(bestVector)).toBytes();
    }

    /**
     * Continues from bytes written by {@link #saveState()} of a run with the same parameters; returns the individuals
     * awaiting evaluation, or null if that run had finished.
     */
    @Override
    public List<Parameters> restoreState(byte[] bytes) {
        read(bytes, false);
        return finished ? null : proposals();
    }

    /**
     * Continues a finished (or stopped) run with these parameters: the distribution (mean, step size, covariance,
     * evolution paths), random generator and generation count come from {@code bytes} ({@link #saveState()} of the
     * earlier run), and {@code nIteration} counts the earlier generations too. Returns the next generation's
     * individuals, or null if {@code nIteration} is already reached.
     *
     * @throws IllegalArgumentException if the population size differs from the earlier run's
     */
    @Override
    public List<Parameters> continueFrom(byte[] bytes) {
        read(bytes, true);
        if (!finished) return proposals();
        if (generation >= params.nIteration() - 1) return null;
        finished = false;
        finishReason = "";
        Step step = advance();
        return step instanceof Step.Next next ? next.individuals() : null;
    }

    private void read(byte[] bytes, boolean continuing) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        if (format != STATE_FORMAT) throw new IllegalArgumentException("CMA-ES state format " + format + " is not supported");
        int gen = r.integer();
        int eigenGen = r.integer();
        int savedLambda = r.integer();
        boolean done = r.bool();
        if (savedLambda != lambda) {
            throw new IllegalArgumentException("popSize is " + lambda + ", but the saved state has a population of "
                    + savedLambda + (continuing ? "; continue it with popSize " + savedLambda : ""));
        }
        int limit = continuing ? Integer.MAX_VALUE : params.nIteration();
        if (gen < 0 || gen >= limit || eigenGen < 0 || eigenGen > gen + 1) {
            throw new IllegalArgumentException("the saved state is at generation " + gen + ", outside 0.."
                    + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
        long[] rngState = r.longs();
        double[] m = GradientSupport.single(r.matrix(), n, "mean");
        double[] scalars = GradientSupport.single(r.matrix(), 2, "step size");
        double[][] cov = square(r.matrix(), "covariance matrix");
        double[][] basis = square(r.matrix(), "eigenvectors");
        double[] roots = GradientSupport.single(r.matrix(), n, "eigenvalue roots");
        double[] savedPc = GradientSupport.single(r.matrix(), n, "evolution path p_c");
        double[] savedPs = GradientSupport.single(r.matrix(), n, "evolution path p_sigma");
        double[][] savedSampled = r.matrix();
        double[][] savedProposed = r.matrix();
        double[][] best = r.matrix();
        if (savedSampled.length != lambda || savedProposed.length != lambda) {
            throw new IllegalArgumentException("the saved state holds " + savedProposed.length + " samples, but popSize is "
                    + lambda);
        }
        for (int k = 0; k < lambda; k++) {
            savedSampled[k] = GradientSupport.checked(savedSampled[k], n, "samples[" + k + "]");
            savedProposed[k] = GradientSupport.checked(savedProposed[k], n, "proposals[" + k + "]");
        }
        rng.setState(rngState);
        mean = m.clone();
        sigma = scalars[0];
        bestFitness = scalars[1];
        c = cov;
        b = basis;
        d = roots.clone();
        pc = savedPc.clone();
        ps = savedPs.clone();
        sampled = savedSampled;
        proposed = savedProposed;
        bestVector = best.length == 0 ? null : GradientSupport.single(best, n, "best individual").clone();
        generation = gen;
        eigenGeneration = eigenGen;
        finished = done;
        finishReason = done ? "finished before the checkpoint" : "";
    }

    private double[][] square(double[][] m, String what) {
        if (m.length != n) throw new IllegalArgumentException("the saved state's " + what + " has " + m.length + " rows, not " + n);
        for (int i = 0; i < n; i++) m[i] = GradientSupport.checked(m[i], n, what + " row " + i);
        return m;
    }

    private List<Parameters> proposals() {
        List<Parameters> out = new ArrayList<>(lambda);
        for (double[] v : proposed) out.add(template.withVector(v));
        return out;
    }
}
