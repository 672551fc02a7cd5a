package org.l2l.optimizees;

/**
 * The parametrized test functions behind the benchmark catalogue, one static method per family, with
 * the same formulas as L2L's {@code function_generator} module (including its quirks, which are noted
 * on the methods concerned). All are meant to be minimized.
 *
 * <p>The methods do not check that {@code x} lies within any bounds; the matrix-valued ones check that
 * the shapes of their arguments agree.
 */
public final class ObjectiveFunctions {
    private ObjectiveFunctions() {}

    /** Rastrigin: {@code sum(x_i^2 + 10 - 10 cos(2 pi x_i))}; minimum 0 at the origin. */
    public static double rastrigin(double[] x) {
        double sum = 0;
        for (double v : x) sum += v * v + 10 - 10 * Math.cos(2 * Math.PI * v);
        return sum;
    }

    /**
     * Rosenbrock: {@code sum over i < n-1 of 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2}; minimum 0 at
     * {@code (1, ..., 1)}.
     */
    public static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double slope = 1 - x[i];
            sum += 100 * valley * valley + slope * slope;
        }
        return sum;
    }

    /**
     * Ackley with the usual constants a = 20, b = 0.2, c = 2 pi:
     * {@code e + 20 - 20 exp(-0.2 sqrt(mean(x_i^2))) - exp(mean(cos(2 pi x_i)))}; minimum 0 at the origin
     * (up to rounding: evaluated in L2L's order, the origin gives about -4.4e-16).
     */
    public static double ackley(double[] x) {
        double squares = 0;
        double cosines = 0;
        for (double v : x) {
            squares += v * v;
            cosines += Math.cos(2 * Math.PI * v);
        }
        return Math.E + 20 - 20 * Math.exp(-0.2 * Math.sqrt(squares / x.length)) - Math.exp(cosines / x.length);
    }

    /**
     * L2L's two-dimensional "chasm": {@code 1000|x_0| / (1000|x_0| + 1) + 0.01|x_1|}, a flat plateau cut by a
     * steep ravine along {@code x_0 = 0}; minimum 0 at the origin.
     *
     * @throws IllegalArgumentException if {@code x} does not have exactly two coordinates
     */
    public static double chasm(double[] x) {
        requireLength("chasm", x, 2);
        double a = 1e3 * Math.abs(x[0]);
        return a / (a + 1) + 1e-2 * Math.abs(x[1]);
    }

    /**
     * The negated density of a multivariate normal distribution:
     * {@code -exp(-(x-mean)' inv(cov) (x-mean) / 2) / sqrt((2 pi)^n det(cov))}; its minimum is at
     * {@code mean}.
     *
     * @param covariance an n-by-n, non-singular covariance matrix
     * @throws IllegalArgumentException if the shapes disagree or {@code covariance} is singular
     */
    public static double gaussian(double[] x, double[] mean, double[][] covariance) {
        int n = mean.length;
        requireLength("gaussian", x, n);
        if (covariance.length != n) {
            throw new IllegalArgumentException("gaussian: covariance has " + covariance.length
                    + " rows, but mean has " + n + " coordinates");
        }
        double[][] lu = new double[n][];
        for (int r = 0; r < n; r++) {
            if (covariance[r].length != n) {
                throw new IllegalArgumentException("gaussian: covariance row " + r + " has "
                        + covariance[r].length + " entries, but must have " + n);
            }
            lu[r] = covariance[r].clone();
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) diff[i] = x[i] - mean[i];
        double[] solved = diff.clone();
        double det = solveInPlace(lu, solved);
        double quadratic = 0;
        for (int i = 0; i < n; i++) quadratic += diff[i] * solved[i];
        double normalization = 1 / Math.sqrt(Math.pow(2 * Math.PI, n) * det);
        return -(normalization * Math.exp(-0.5 * quadratic));
    }

    /**
     * Shekel's foxholes as L2L computes them: {@code -sum_i 1 / sum_j ((x_j - A_ij)^2 + c_i)}.
     *
     * <p>Note the placement of {@code c_i}: L2L adds it to every coordinate's squared difference before
     * summing, so it counts {@code n} times, whereas the textbook Shekel function adds it once
     * ({@code 1 / (c_i + sum_j (x_j - A_ij)^2)}). This port keeps L2L's version so that results are
     * comparable with L2L's.
     *
     * @param centres the m-by-n matrix {@code A} of foxhole positions
     * @param c the m inverse foxhole depths
     * @throws IllegalArgumentException if the shapes disagree
     */
    public static double shekel(double[] x, double[][] centres, double[] c) {
        requireCentres("shekel", x, centres, c);
        double value = 0;
        for (int i = 0; i < centres.length; i++) {
            double denominator = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - centres[i][j];
                denominator += d * d + c[i];
            }
            value += 1 / denominator;
        }
        return -value;
    }

    /**
     * Langermann: {@code sum_i c_i exp(-s_i / pi) cos(pi s_i)} with {@code s_i = sum_j (x_j - A_ij)^2}.
     *
     * <p>This is the sign used by L2L (and by the Virtual Library of Simulation Experiments). Some
     * literature negates it, which is where the often quoted minimum of about -5.1621 comes from; with
     * L2L's sign the default two-dimensional instance has its minimum of about -4.1558 near
     * (2.7934, 1.5972) instead.
     *
     * @param centres the m-by-n matrix {@code A} of sub-function centres
     * @param c the m sub-function intensities
     * @throws IllegalArgumentException if the shapes disagree
     */
    public static double langermann(double[] x, double[][] centres, double[] c) {
        requireCentres("langermann", x, centres, c);
        double value = 0;
        for (int i = 0; i < centres.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - centres[i][j];
                s += d * d;
            }
            value += c[i] * Math.exp((-1 / Math.PI) * s) * Math.cos(Math.PI * s);
        }
        return value;
    }

    /**
     * Michalewicz: {@code -sum_i sin(x_i) sin(i x_i^2 / pi)^(2m)} with {@code i} counted from 1; larger
     * {@code m} makes the valleys steeper.
     */
    public static double michalewicz(double[] x, double m) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double i = k + 1;
            sum += Math.sin(x[k]) * Math.pow(Math.sin(i * x[k] * x[k] / Math.PI), 2 * m);
        }
        return -sum;
    }

    /**
     * The permutation function "perm(n, beta)":
     * {@code sum_k (sum_i (i^k + beta) ((x_i / i)^k - 1))^2} for {@code i, k = 1..n}; minimum 0 at
     * {@code x_i = i}. Smaller {@code beta} makes the permuted local minima harder to tell apart.
     */
    public static double permutation(double[] x, double beta) {
        int n = x.length;
        double total = 0;
        for (int k = 1; k <= n; k++) {
            double inner = 0;
            for (int i = 1; i <= n; i++) {
                inner += (Math.pow(i, k) + beta) * (Math.pow(x[i - 1] / i, k) - 1);
            }
            total += inner * inner;
        }
        return total;
    }

    /**
     * Easom, generalized to n dimensions as L2L does: {@code -prod(cos x_i) exp(-sum (x_i - pi)^2)};
     * minimum -1 at {@code (pi, ..., pi)} when n is even (for odd n that point is a maximum of +1).
     */
    public static double easom(double[] x) {
        double product = 1;
        double squares = 0;
        for (double v : x) {
            product *= Math.cos(v);
            squares += (v - Math.PI) * (v - Math.PI);
        }
        return -product * Math.exp(-squares);
    }

    /** Gaussian elimination with partial pivoting: solves {@code a y = b} into {@code b}, returns det(a). */
    private static double solveInPlace(double[][] a, double[] b) {
        int n = b.length;
        double det = 1;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            }
            if (a[pivot][col] == 0) throw new IllegalArgumentException("gaussian: covariance is singular");
            if (pivot != col) {
                double[] row = a[pivot];
                a[pivot] = a[col];
                a[col] = row;
                double t = b[pivot];
                b[pivot] = b[col];
                b[col] = t;
                det = -det;
            }
            det *= a[col][col];
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) a[r][k] -= f * a[col][k];
                b[r] -= f * b[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * b[k];
            b[r] = s / a[r][r];
        }
        return det;
    }

    private static void requireCentres(String function, double[] x, double[][] centres, double[] c) {
        if (centres.length != c.length) {
            throw new IllegalArgumentException(function + ": the centre matrix has " + centres.length
                    + " rows, but c has " + c.length + " entries");
        }
        for (int i = 0; i < centres.length; i++) {
            if (centres[i].length != x.length) {
                throw new IllegalArgumentException(function + ": centre " + i + " has " + centres[i].length
                        + " coordinates, but x has " + x.length);
            }
        }
    }

    private static void requireLength(String function, double[] x, int length) {
        if (x.length != length) {
            throw new IllegalArgumentException(function + ": x must have " + length + " coordinates, but had "
                    + x.length);
        }
    }
}
