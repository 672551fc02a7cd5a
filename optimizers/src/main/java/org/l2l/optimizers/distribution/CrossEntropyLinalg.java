package org.l2l.optimizers.distribution;

import org.l2l.optimizers.Vectors;

/** Small dense linear algebra for the cross-entropy distributions: means, covariances, factors, densities. */
final class CrossEntropyLinalg {
    private CrossEntropyLinalg() {}

    /** The column means of {@code rows}. */
    static double[] mean(double[][] rows, int dim) {
        double[] m = new double[dim];
        for (double[] r : rows) for (int j = 0; j < dim; j++) m[j] += r[j];
        for (int j = 0; j < dim; j++) m[j] /= rows.length;
        return m;
    }

    /**
     * The sample covariance with divisor {@code n - 1}, as numpy's {@code np.cov(rows, rowvar=False)}; with fewer
     * than two rows (where numpy gives NaN) the zero matrix.
     */
    static double[][] covariance(double[][] rows, double[] mean) {
        int d = mean.length;
        double[][] c = new double[d][d];
        if (rows.length < 2) return c;
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double di = r[i] - mean[i];
                for (int j = 0; j <= i; j++) c[i][j] += di * (r[j] - mean[j]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                c[i][j] /= rows.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** The lower Cholesky factor of {@code a}, or null if {@code a} is not (numerically) positive definite. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) return null;
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /**
     * A matrix {@code A} with {@code A A^T = cov} for a symmetric positive semi-definite {@code cov}: its Cholesky
     * factor if it is positive definite, else {@code V sqrt(max(lambda, 0))} from a Jacobi eigen-decomposition.
     */
    static double[][] sqrtFactor(double[][] cov) {
        double[][] l = cholesky(cov);
        if (l != null) return l;
        int d = cov.length;
        double[][] v = new double[d][d];
        double[] lambda = symmetricEigen(cov, v);
        double[][] out = new double[d][d];
        for (int j = 0; j < d; j++) {
            double root = Math.sqrt(Math.max(lambda[j], 0));
            for (int i = 0; i < d; i++) out[i][j] = v[i][j] * root;
        }
        return out;
    }

    /**
     * The eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: returns the eigenvalues (unsorted) and
     * writes the matching unit eigenvectors into the columns of {@code v} (a d x d matrix), so that
     * {@code sym = v diag(lambda) v^T}. {@code sym} is not changed.
     */
    static double[] symmetricEigen(double[][] sym, double[][] v) {
        int d = sym.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) a[i] = sym[i].clone();
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) for (int q = p + 1; q < d; q++) off += a[p][q] * a[p][q];
            if (off <= 1e-300) break;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] lambda = new double[d];
        for (int j = 0; j < d; j++) lambda[j] = a[j][j];
        return lambda;
    }

    /** {@code mean + factor z} for a vector {@code z} of standard normal deviates drawn from {@code rng}. */
    static double[] sampleNormal(double[] mean, double[][] factor, java.util.random.RandomGenerator rng) {
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) z[i] = rng.nextGaussian();
        double[] x = mean.clone();
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) x[i] += factor[i][j] * z[j];
        return x;
    }

    /** The log density of {@code N(mean, L L^T)} at {@code x}, given the lower Cholesky factor {@code l}. */
    static double logDensity(double[] x, double[] mean, double[][] l) {
        int d = mean.length;
        double[] y = new double[d];
        double maha = 0;
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
            maha += y[i] * y[i];
            logDet += 2 * Math.log(l[i][i]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + maha);
    }

    /** A deep copy. */
    static double[][] copy(double[][] m) {
        return Vectors.copy(m);
    }
}
