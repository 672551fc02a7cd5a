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
 * The covariance matrix adaptation evolution strategy, {@code (mu/mu_w, lambda)}-CMA-ES, as in Hansen's "The CMA
 * Evolution Strategy: A Tutorial" (2016), with all of its default strategy parameters, including the negative
 * weights of the worst {@code lambda - mu} samples in the covariance update (active CMA). Not in L2L.
 *
 * <p>The search distribution is {@code N(m, sigma^2 C)} over the flattened individual ({@link Parameters#toVector()}),
 * starting at {@code m = mean} (or one {@code optimizee.createIndividual}), {@code sigma = sigma0}, {@code C = I}.
 * Each generation samples {@code lambda = popSize} points {@code x_k = m + sigma B D z_k} with {@code z_k ~ N(0, I)},
 * where {@code C = B D^2 B^T}. After evaluation, the {@code mu = floor(lambda / 2)} best are recombined with the
 * weights {@code ln((lambda + 1) / 2) - ln i}, normalized, into the new mean; the evolution paths {@code p_sigma},
 * {@code p_c}, the rank-one and rank-mu updates of {@code C} and the cumulative step-size adaptation of {@code sigma}
 * follow the tutorial's equations, including the stall of {@code p_c} ({@code h_sigma}); in the rank-mu update the
 * worse half of the samples take part with the tutorial's negative weights (scaled by
 * {@code min(1 + c_1 / c_mu, 1 + 2 mu_eff^- / (mu_eff + 2), (1 - c_1 - c_mu) / (n c_mu))}), each multiplied by
 * {@code n / ||C^(-1/2) y_k||^2}. The eigen-decomposition
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
 * <p><b>Stopping rules and restarts.</b> After each generation the current run is tested against the stopping rules
 * of Hansen's tutorial (appendix B) and of his BBOB experiments: {@code tolFun} and {@code tolFunRel} (the best values
 * of the last {@code 10 + ceil(30 n / lambda)} generations and all values of the current one lie within
 * {@code tolFun}, or within {@code tolFunRel} times the magnitude of the best of them), {@code tolX} (the step in every
 * coordinate, {@code sigma sqrt(C_jj)} and {@code sigma |p_c,j|}, below {@code tolX}), <em>no effect of the axes</em>
 * (adding {@code 0.1 sigma} times any principal axis leaves the mean unchanged in floating point), <em>no effect of the
 * coordinates</em> (adding {@code 0.2 sigma sqrt(C_jj)} leaves every coordinate of the mean unchanged), <em>stagnation</em> (after {@code 120 + 30 n / lambda} generations, over the history of the last 20
 * % of the run's generations but at least {@code 120 + 30 n / lambda} and at most 20,000, the median of the newest 30 %
 * of both the best and the median values is no better than that of the oldest 30 %), and a covariance matrix with a
 * condition number above {@code 1e14} or a non-finite value. Unlike Hansen's rules, which end a run as soon as one axis
 * or one coordinate has no effect, the two precision rules wait until the mean can move in no direction: a coordinate at
 * the limit of floating point does not stop the others from converging further (on Rosenbrock's function the last
 * decades of precision come after the first coordinates reached theirs). When the best value equals the
 * {@code ceil(0.1 + lambda / 4)}-th best (a flat fitness), {@code sigma} grows by {@code exp(0.2 + c_sigma / d_sigma)},
 * as in the tutorial. With {@code restarts} {@link CmaEsParameters.Restarts#NONE} the first run that meets a rule
 * finishes the optimization; with {@code IPOP} or {@code BIPOP} a new run starts (up to {@code maxRestarts} times) from a
 * new {@code optimizee.createIndividual} (or {@code mean} again, if given), with {@code C = I}, zero paths and the
 * population and step size of the restart scheme (see {@link CmaEsParameters.Restarts}); the strategy parameters are
 * derived again from the new population size. The best individual is kept over all runs.
 *
 * <p>The optimization finishes after generation {@code nIteration - 1} (counted over all runs), once the best fitness of
 * a generation reaches {@code stopCriterion}, or when a run meets a stopping rule and no restart is left, whichever comes
 * first. All randomness, including the optimizee's {@code createIndividual}, comes from one {@link Rng} derived from
 * {@code seed}. {@link #saveState()} captures everything, so a restored optimizer continues bit-identically, and
 * {@link #continueFrom} goes on after a finished run (with {@code nIteration} counting the earlier generations too).
 */
public final class CmaEs extends GenerationalOptimizer<CmaEsParameters> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "cmaes";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "cmaesResult";
    /** The largest condition number of {@code C} before the run stops. */
    static final double MAX_CONDITION = 1e14;
    /**
     * Format 3 has the skeleton's header, followed by the eigen-decomposition's generation and the population size,
     * which formats 1 and 2 kept in their header; both are still read. Format 2 (restarts) added the restart state and
     * the run's histories after format 1's fields.
     */
    private static final int STATE_FORMAT = 3;
    private static final int STATE_FORMAT_1 = 1;
    private static final int STATE_FORMAT_2 = 2;
    /** The longest history kept for the stagnation rule, in generations. */
    static final int MAX_HISTORY = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(CmaEs.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private final int n;
    private final double chiN;
    /** The population size of the first run: {@code popSize}, or Hansen's default. */
    private final int lambdaDefault;
    // strategy parameters, all derived from n and the current run's lambda
    private int lambda;
    private int mu;
    private double[] w;
    private double mueff;
    private double cc;
    private double cs;
    private double c1;
    private double cmu;
    private double damps;
    private int eigenGap;
    // restart state
    private int runStart; // the generation at which the current run began
    private int restartCount;
    private int largeRestarts;
    private int lastLargeLambda;
    private boolean smallRegime;
    private long largeEvaluations;
    private long smallEvaluations;
    private double runSigma0;
    private final List<Double> bestHistory = new ArrayList<>(); // per generation of the run, larger is better
    private final List<Double> medianHistory = new ArrayList<>();
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
        super("CMA-ES", PARAMETER_GROUP, STATE_FORMAT, weights, params, Rng.derive(Require.nonNull("params", params).seed(),
                "CmaEs"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
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
        this.lambdaDefault = params.popSizeFor(n);
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.lastLargeLambda = lambdaDefault;
        startRun(start, lambdaDefault, params.sigma0());
        sample();
    }

    /** Derives the strategy parameters for a population of {@code lambda} (Hansen's defaults). */
    private void configure(int newLambda) {
        this.lambda = newLambda;
        this.mu = lambda / 2;
        // the tutorial's (2016) weights for all lambda ranks: positive for the best mu, negative for the worst
        this.w = new double[lambda];
        double sumPositive = 0;
        double sumNegative = 0;
        double squaresPositive = 0;
        double squaresNegative = 0;
        for (int i = 0; i < lambda; i++) {
            w[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            if (w[i] > 0) {
                sumPositive += w[i];
                squaresPositive += w[i] * w[i];
            } else {
                sumNegative -= w[i];
                squaresNegative += w[i] * w[i];
            }
        }
        this.mueff = sumPositive * sumPositive / squaresPositive;
        double mueffMinus = squaresNegative > 0 ? sumNegative * sumNegative / squaresNegative : 0;
        this.cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        this.cs = (mueff + 2) / (n + mueff + 5);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        this.cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double alphaMu = 1 + c1 / cmu;
        double alphaMueff = 1 + 2 * mueffMinus / (mueff + 2);
        double alphaPosDef = (1 - c1 - cmu) / (n * cmu);
        double negativeScale = sumNegative > 0 ? Math.min(alphaMu, Math.min(alphaMueff, alphaPosDef)) / sumNegative : 0;
        for (int i = 0; i < lambda; i++) w[i] = w[i] > 0 ? w[i] / sumPositive : w[i] * negativeScale;
        this.damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        this.eigenGap = Math.max(1, (int) Math.floor(1 / (10 * n * (c1 + cmu))));
    }

    /** A fresh distribution at {@code start} for a run with population {@code newLambda} and step size {@code sigma0}. */
    private void startRun(double[] start, int newLambda, double sigma0) {
        configure(newLambda);
        this.mean = start;
        this.sigma = sigma0;
        this.runSigma0 = sigma0;
        this.c = identity(n);
        this.b = identity(n);
        this.d = new double[n];
        Arrays.fill(d, 1);
        this.pc = new double[n];
        this.ps = new double[n];
        bestHistory.clear();
        medianHistory.clear();
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    /** The population size of the first run: {@code popSize}, or Hansen's default for the dimension. */
    @Override
    protected Object resolvedParameter(String component, Object value) {
        return component.equals("popSize") ? lambdaDefault : value;
    }

    /** Records {@code mu} of the first run and the dimension of the individuals. */
    @Override
    protected void describeDerived(ParameterGroup g) {
        g.add("mu", (long) (lambdaDefault / 2));
        g.add("dimension", (long) n);
    }

    @Override
    protected String learn(GenerationResult result) {
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
        if (smallRegime) smallEvaluations += lambda;
        else largeEvaluations += lambda;
        String stop = null;
        if (generationBest > Double.NEGATIVE_INFINITY) {
            update(order);
            int flat = Math.min(lambda - 1, (int) Math.ceil(0.1 + lambda / 4.0));
            if (f[order[0]] == f[order[flat]]) sigma *= Math.exp(0.2 + cs / damps);
            stop = stoppingRule(f, order);
        } else {
            LOG.warn("CMA-ES generation {}: every individual failed; the distribution stays", generation());
        }
        LOG.info("-- End of CMA-ES generation {}: best fitness {}, sigma {} --", generation(), generationBest, sigma);
        if (generation() >= params.nIteration() - 1) {
            return finish("CMA-ES completed nIteration=" + params.nIteration() + " generations");
        }
        if (generationBest >= params.stopCriterion()) {
            return finish("CMA-ES reached stopCriterion=" + params.stopCriterion() + " with fitness " + generationBest);
        }
        return stop != null ? endRun(stop) : advance();
    }

    /**
     * Renews the eigen-decomposition when due, then samples the next generation; ends the run if C degenerated. Returns
     * why the optimization finishes, or null.
     */
    private String advance() {
        if (generation() + 1 - eigenGeneration >= eigenGap) {
            String problem = decompose();
            eigenGeneration = generation() + 1;
            if (problem != null) return endRun(problem);
        }
        sample();
        return null;
    }

    /** A finished run continues as it would have gone on: with the next sample of its distribution. */
    @Override
    protected String proposeAfterFinishing() {
        finishReason = "";
        return advance();
    }

    /** The distribution and the restart state are complete after every generation, so a finished run can go on. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }

    /**
     * The current run met a stopping rule: restart, or finish if no restart is left. Returns why the optimization
     * finishes, or null.
     */
    private String endRun(String why) {
        if (params.restarts() == CmaEsParameters.Restarts.NONE || restartCount >= params.maxRestarts()) {
            return finish("CMA-ES stopped: " + why + (restartCount > 0 ? " (after " + restartCount + " restarts)" : ""));
        }
        restartCount++;
        int newLambda;
        double newSigma = params.sigma0();
        boolean large = params.restarts() == CmaEsParameters.Restarts.IPOP || largeRestarts == 0
                || largeEvaluations <= smallEvaluations;
        if (large) {
            largeRestarts++;
            newLambda = (int) Math.min(Integer.MAX_VALUE / 4, (long) lambdaDefault << Math.min(largeRestarts, 24));
            lastLargeLambda = newLambda;
        } else {
            double u = rng.nextDouble();
            newLambda = Math.max(2, (int) Math.floor(lambdaDefault
                    * Math.pow(lastLargeLambda / (2.0 * lambdaDefault), u * u)));
            newSigma = params.sigma0() * Math.pow(10, -2 * u);
        }
        smallRegime = !large;
        double[] start = params.mean() != null ? params.mean()
                : Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
        LOG.info("CMA-ES generation {}: {}; restart {} with popSize {} and sigma {}", generation(), why, restartCount,
                newLambda, newSigma);
        startRun(start, newLambda, newSigma);
        runStart = generation() + 1;
        eigenGeneration = generation() + 1;
        sample();
        return null;
    }

    /** Records the generation in the run's histories; returns the stopping rule the run meets, or null. */
    private String stoppingRule(double[] f, Integer[] order) {
        int runGeneration = generation() - runStart + 1; // generations of this run so far
        bestHistory.add(f[order[0]]);
        medianHistory.add(f[order[lambda / 2]]);
        if (bestHistory.size() > MAX_HISTORY) {
            bestHistory.remove(0);
            medianHistory.remove(0);
        }
        int window = 10 + (int) Math.ceil(30.0 * n / lambda);
        if (bestHistory.size() >= window && Double.isFinite(f[order[lambda - 1]])) {
            double hi = f[order[0]];
            double lo = f[order[lambda - 1]];
            for (int i = bestHistory.size() - window; i < bestHistory.size(); i++) {
                hi = Math.max(hi, bestHistory.get(i));
                lo = Math.min(lo, bestHistory.get(i));
            }
            if (params.tolFun() > 0 && hi - lo <= params.tolFun()) return "tolFun (values within " + (hi - lo) + ")";
            if (params.tolFunRel() > 0 && hi - lo <= params.tolFunRel() * Math.abs(hi)) {
                return "tolFunRel (values within " + (hi - lo) + " of " + hi + ")";
            }
        }
        if (params.tolX() > 0) {
            boolean small = true;
            for (int j = 0; j < n && small; j++) {
                small = sigma * Math.sqrt(c[j][j]) < params.tolX() && sigma * Math.abs(pc[j]) < params.tolX();
            }
            if (small) return "tolX (sigma " + sigma + ")";
        }
        // the mean cannot move any more in floating point: along no principal axis, and in no coordinate
        boolean moves = false;
        for (int axis = 0; axis < n && !moves; axis++) {
            for (int j = 0; j < n && !moves; j++) moves = mean[j] + 0.1 * sigma * d[axis] * b[j][axis] != mean[j];
        }
        if (!moves) return "no effect of any principal axis";
        moves = false;
        for (int j = 0; j < n && !moves; j++) moves = mean[j] + 0.2 * sigma * Math.sqrt(c[j][j]) != mean[j];
        if (!moves) return "no effect of any coordinate";
        int minimum = 120 + (int) Math.ceil(30.0 * n / lambda);
        if (runGeneration > minimum) {
            int length = Math.min(bestHistory.size(), Math.max(minimum, (int) (0.2 * runGeneration)));
            if (!improved(bestHistory, length) && !improved(medianHistory, length)) {
                return "stagnation over " + length + " generations";
            }
        }
        return null;
    }

    /** Whether the median of the newest 30 % of the last {@code length} values is larger than that of the oldest 30 %. */
    private static boolean improved(List<Double> history, int length) {
        int part = Math.max(1, (int) Math.ceil(0.3 * length));
        int from = history.size() - length;
        double[] old = new double[part];
        double[] recent = new double[part];
        for (int i = 0; i < part; i++) {
            old[i] = history.get(from + i);
            recent[i] = history.get(history.size() - part + i);
        }
        return median(recent) > median(old);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private String finish(String reason) {
        finishReason = reason;
        return reason;
    }

    private void update(Integer[] order) {
        double[][] y = new double[lambda][];
        double limit = Math.sqrt(n) + 2.0 * n / (n + 2);
        for (int i = 0; i < lambda; i++) {
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
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * (generation() - runStart + 1))) / chiN
                < 1.4 + 2.0 / (n + 1);
        double ccFactor = hsig ? Math.sqrt(cc * (2 - cc) * mueff) : 0;
        for (int j = 0; j < n; j++) pc[j] = (1 - cc) * pc[j] + ccFactor * yw[j];

        // active update: a negative weight is rescaled by n / ||C^(-1/2) y||^2, so the worst steps shrink C by a
        // bounded amount whatever their length
        double[] wc = new double[lambda];
        double sumW = 0;
        for (int i = 0; i < lambda; i++) {
            wc[i] = w[i];
            if (w[i] < 0) {
                double len = norm(invSqrtTimes(y[i]));
                wc[i] = len > 0 ? w[i] * n / (len * len) : 0;
            }
            sumW += w[i];
        }
        double keep = 1 - c1 - cmu * sumW + (hsig ? 0 : c1 * cc * (2 - cc));
        for (int r = 0; r < n; r++) {
            for (int s = 0; s <= r; s++) {
                double rankMu = 0;
                for (int i = 0; i < lambda; i++) rankMu += wc[i] * y[i][r] * y[i][s];
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
        if (bestVector != null) Vectors.describe(g, "best", template.withVector(bestVector));
        g.add("bestFitness", bestFitness);
        Vectors.describe(g, "mean", template.withVector(mean));
        g.add("sigma", sigma);
        g.add("generation", (long) generation());
        g.add("restarts", (long) restartCount);
        g.add("popSizeOfLastRun", (long) lambda);
        g.add("sigma0OfLastRun", runSigma0);
        g.add("finishReason", finishReason.isEmpty() ? "not finished" : finishReason);
        LOG.info("-- End of CMA-ES: best individual {}, fitness {}, final sigma {} --",
                bestVector == null ? "(none)" : template.withVector(bestVector), bestFitness, sigma);
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

    /** The number of samples per generation (lambda) of the current run. */
    public int popSize() {
        return lambda;
    }

    /** The number of restarts so far. */
    public int restarts() {
        return restartCount;
    }

    /** The best fitness seen (the scalar described in the class comment), {@code -inf} before any success. */
    public double bestFitness() {
        return bestFitness;
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.ints(eigenGeneration, lambda).matrix(GradientSupport.row(mean)).matrix(GradientSupport.row(sigma, bestFitness))
                .matrix(c).matrix(b).matrix(GradientSupport.row(d)).matrix(GradientSupport.row(pc))
                .matrix(GradientSupport.row(ps)).matrix(sampled).matrix(proposed)
                .matrix(bestVector == null ? new double[0][] : GradientSupport.row(bestVector))
                .ints(lambdaDefault, runStart, restartCount, largeRestarts, lastLargeLambda)
                .bool(smallRegime).longs(new long[] {largeEvaluations, smallEvaluations})
                .matrix(GradientSupport.row(runSigma0)).matrix(GradientSupport.row(unbox(bestHistory)))
                .matrix(GradientSupport.row(unbox(medianHistory)));
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        int eigenGen = r.integer();
        int savedLambda = r.integer();
        read(r, STATE_FORMAT, gen, eigenGen, savedLambda);
    }

    /** Formats 1 and 2 kept the eigen-decomposition's generation and the population size in their header. */
    @Override
    protected int legacyHeaderInts(int format) {
        return format == STATE_FORMAT_1 || format == STATE_FORMAT_2 ? 2 : -1;
    }

    @Override
    protected void readLegacyState(StateBytes.Reader r, int format, int gen, int[] header) {
        read(r, format, gen, header[0], header[1]);
    }

    /** Reads the fields after the header and the population size; format 1 has no restart state. */
    private void read(StateBytes.Reader r, int format, int gen, int eigenGen, int savedLambda) {
        boolean continuing = continuing();
        if (format == STATE_FORMAT_1 && savedLambda != lambdaDefault) {
            throw new IllegalArgumentException("popSize is " + lambdaDefault + ", but the saved state has a population of "
                    + savedLambda + (continuing ? "; continue it with popSize " + savedLambda : ""));
        }
        if (savedLambda < 2) throw new IllegalArgumentException("the saved state has a population of " + savedLambda);
        int limit = continuing ? Integer.MAX_VALUE : params.nIteration();
        if (gen < 0 || gen >= limit || eigenGen < 0 || eigenGen > gen + 1) {
            throw new IllegalArgumentException("the saved state is at generation " + gen + ", outside 0.."
                    + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
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
        int[] restart = {lambdaDefault, 0, 0, 0, lambdaDefault};
        boolean small = false;
        long[] evaluations = {0, 0};
        double runSigma = params.sigma0();
        double[] bests = new double[0];
        double[] medians = new double[0];
        if (format != STATE_FORMAT_1) {
            for (int i = 0; i < restart.length; i++) restart[i] = r.integer();
            small = r.bool();
            evaluations = r.longs();
            runSigma = GradientSupport.single(r.matrix(), 1, "run's sigma0")[0];
            bests = r.matrix()[0];
            medians = r.matrix()[0];
            if (restart[0] != lambdaDefault) {
                throw new IllegalArgumentException("popSize is " + lambdaDefault + ", but the saved state has a population of "
                        + restart[0] + (continuing ? "; continue it with popSize " + restart[0] : ""));
            }
            if (restart[1] < 0 || restart[1] > gen + 1 || evaluations.length != 2 || bests.length != medians.length) {
                throw new IllegalArgumentException("the saved state's restart fields are inconsistent");
            }
        }
        if (savedSampled.length != savedLambda || savedProposed.length != savedLambda) {
            throw new IllegalArgumentException("the saved state holds " + savedProposed.length + " samples, but its popSize is "
                    + savedLambda);
        }
        configure(savedLambda);
        for (int k = 0; k < lambda; k++) {
            savedSampled[k] = GradientSupport.checked(savedSampled[k], n, "samples[" + k + "]");
            savedProposed[k] = GradientSupport.checked(savedProposed[k], n, "proposals[" + k + "]");
        }
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
        eigenGeneration = eigenGen;
        runStart = restart[1];
        restartCount = restart[2];
        largeRestarts = restart[3];
        lastLargeLambda = restart[4];
        smallRegime = small;
        largeEvaluations = evaluations[0];
        smallEvaluations = evaluations[1];
        runSigma0 = runSigma;
        bestHistory.clear();
        medianHistory.clear();
        for (int i = 0; i < bests.length; i++) {
            bestHistory.add(bests[i]);
            medianHistory.add(medians[i]);
        }
        finishReason = restoringFinished() ? "finished before the checkpoint" : "";
    }

    private double[][] square(double[][] m, String what) {
        if (m.length != n) throw new IllegalArgumentException("the saved state's " + what + " has " + m.length + " rows, not " + n);
        for (int i = 0; i < n; i++) m[i] = GradientSupport.checked(m[i], n, what + " row " + i);
        return m;
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, proposed);
    }
}
