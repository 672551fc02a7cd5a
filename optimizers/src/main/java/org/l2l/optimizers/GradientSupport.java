package org.l2l.optimizers;

import java.util.Arrays;
import java.util.Comparator;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;

/**
 * Shared pieces of several optimizer families (the gradient-style ones, CMA-ES, NSGA-II, the cross-entropy family
 * and the annealers): the scalar fitness they follow, L2L's descending fitness order, the rank-based utilities of
 * fitness shaping, bounding of flat vectors, weighted sums of a generation, and the least-squares solve L2L does
 * with {@code numpy.linalg.pinv}. Internal to the optimizers module: not a stable API.
 */
public final class GradientSupport {
    private GradientSupport() {}

    /**
     * The scalar these optimizers climb: L2L's {@code np.dot(fitness, weights)}, the sum of the weighted fitness
     * components (for a one-component fitness simply {@code weightedFitness()[0]}). A failed evaluation, or one
     * whose weighted sum is NaN, gives {@code -inf}, the worst value.
     *
     * @throws IllegalArgumentException if the number of components differs from the number of weights
     */
    public static double scalarFitness(Evaluation e, FitnessWeights weights) {
        double[] w = e.weightedFitness();
        if (w.length != weights.size()) {
            throw new IllegalArgumentException(e.individual().label() + " has " + w.length
                    + " weighted fitness components, but there are " + weights.size() + " fitness weights");
        }
        if (e.failed()) return Double.NEGATIVE_INFINITY;
        double s = 0;
        for (double x : w) s += x;
        return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
    }

    /**
     * Indices of {@code f} from the best (largest) to the worst, as L2L's {@code reversed(np.argsort(f))}: a stable
     * ascending sort, reversed, so that equal values appear in descending index order.
     */
    public static int[] descendingOrder(double[] f) {
        Integer[] idx = new Integer[f.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> f[i]));
        int[] out = new int[f.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[idx.length - 1 - i];
        return out;
    }

    /**
     * The fitness-shaping utilities of ranks 0 (best) to n-1: {@code max(0, log(n/2 + 1) - log(k + 1))}, normalized to
     * sum 1, minus {@code 1/n} (Wierstra et al. 2014, as L2L computes them).
     */
    public static double[] utilities(int n) {
        double[] u = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            u[k] = Math.max(0.0, Math.log(n / 2.0 + 1) - Math.log(k + 1));
            sum += u[k];
        }
        for (int k = 0; k < n; k++) u[k] = u[k] / sum - 1.0 / n;
        return u;
    }

    /**
     * Fitnesses sorted best first, with non-finite values (failures) replaced by the worst finite value, so that a
     * failed individual counts as the worst one of its generation; null if none is finite (no update is possible).
     */
    public static double[] finiteOrNull(double[] sortedFitness) {
        double worst = Double.POSITIVE_INFINITY;
        for (double f : sortedFitness) if (Double.isFinite(f)) worst = Math.min(worst, f);
        if (worst == Double.POSITIVE_INFINITY) return null;
        double[] out = sortedFitness.clone();
        for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = worst;
        return out;
    }

    /** {@code v} bounded by the optimizee, as a flat vector in the template's name order. */
    public static double[] bound(Optimizee optimizee, Parameters template, double[] v) {
        return Vectors.flatten(template, optimizee.bound(template.withVector(v)), "optimizee.bound");
    }

    /** One row holding {@code values}, for storing scalars with {@link StateBytes.Writer#matrix}. */
    public static double[][] row(double... values) {
        return new double[][] {values.clone()};
    }

    /** The single row of a matrix written by {@link #row}, checked for length. */
    public static double[] single(double[][] m, int length, String what) {
        if (m.length != 1 || m[0] == null || m[0].length != length) {
            throw new IllegalArgumentException("the saved state's " + what + " is malformed");
        }
        return m[0];
    }

    /** Checks that a saved state's generation lies in {@code 0 .. nIteration - 1}. */
    public static void checkGeneration(int generation, int nIteration) {
        if (generation < 0 || generation >= nIteration) {
            throw new IllegalArgumentException("the saved state is at generation " + generation + ", outside 0.."
                    + (nIteration - 1) + " allowed by nIteration " + nIteration);
        }
    }

    /** Checks that a saved vector has {@code length} values. */
    public static double[] checked(double[] v, int length, String what) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException("the saved state's " + what + " has "
                    + (v == null ? "no" : String.valueOf(v.length)) + " values, but the optimizee's individuals have "
                    + length);
        }
        return v.clone();
    }

    /**
     * {@code pinv(a) · b}: the minimum-norm least-squares solution x of {@code a x = b}, as
     * {@code np.dot(np.linalg.pinv(a), b)}. Singular values at most {@code 1e-15} times the largest are treated as
     * zero, numpy's default cutoff. Uses a one-sided Jacobi SVD, accurate for the small systems of a gradient
     * estimate.
     *
     * @param a m rows of n values
     * @param b m values
     * @return n values
     */
    public static double[] pinvSolve(double[][] a, double[] b) {
        int m = a.length;
        if (b.length != m) throw new IllegalArgumentException("a has " + m + " rows but b has " + b.length + " values");
        if (m == 0) throw new IllegalArgumentException("a must have at least one row");
        int n = a[0].length;
        double[][] u = new double[n][m]; // column j of a, as u[j]
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) u[j][i] = a[i][j];
        double[][] v = new double[n][n]; // column j of V, as v[j]
        for (int j = 0; j < n; j++) v[j][j] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(u[p], u[p]);
                    double beta = dot(u[q], u[q]);
                    double gamma = dot(u[p], u[q]);
                    if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(u[p], u[q], c, s);
                    rotate(v[p], v[q], c, s);
                }
            }
            if (!rotated) break;
        }
        double[] sigma = new double[n];
        double max = 0;
        for (int j = 0; j < n; j++) {
            sigma[j] = Math.sqrt(dot(u[j], u[j]));
            max = Math.max(max, sigma[j]);
        }
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            if (!(sigma[j] > 1e-15 * max)) continue;
            // a = sum_j sigma_j (u_j / sigma_j) v_j^T, so pinv(a) b = sum_j v_j (u_j · b) / sigma_j^2
            double coef = dot(u[j], b) / (sigma[j] * sigma[j]);
            for (int k = 0; k < n; k++) x[k] += coef * v[j][k];
        }
        return x;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    /**
     * The weighted fitness of each evaluation as one number: the sum of its weighted components (L2L's
     * {@code np.dot(fitness, weights)}); {@code -inf} for failed evaluations and NaN sums.
     */
    public static double[] weightedSums(GenerationResult result, int expected, FitnessWeights weights) {
        if (result.size() != expected) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but " + expected + " individuals were proposed");
        }
        double[] out = new double[expected];
        for (int i = 0; i < expected; i++) {
            Evaluation e = result.evaluations().get(i);
            double[] w = e.weightedFitness();
            if (w.length != weights.size()) {
                throw new IllegalArgumentException(e.individual().label() + " has " + w.length
                        + " weighted fitness components, but there are " + weights.size() + " fitness weights");
            }
            double s = 0;
            for (double x : w) s += x;
            out[i] = e.failed() || Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
        }
        return out;
    }
}
