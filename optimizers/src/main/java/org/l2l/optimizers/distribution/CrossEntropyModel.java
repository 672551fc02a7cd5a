package org.l2l.optimizers.distribution;

import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.optimizers.GradientSupport;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.Vectors;

/**
 * The fitted, mutable state of a {@link CrossEntropyDistribution}: what L2L keeps inside its distribution objects.
 * All randomness comes from the {@link Rng} passed in, so a fit or a sample is a pure function of the state and
 * the generator.
 *
 * <p>Mixtures are fitted by maximum-likelihood expectation maximisation, with the settings of scikit-learn's
 * {@code GaussianMixture}: full covariances, {@link #REG_COVAR} added to their diagonals, at most
 * {@link #MAX_EM_ITERATIONS} iterations, stopping when the mean log-likelihood changes by less than
 * {@link #EM_TOLERANCE}. The start is k-means: k-means++ seeding from the generator, then Lloyd iterations, whose
 * hard assignments give the first responsibilities. With fewer samples than components, the surplus components
 * get weight 0 (scikit-learn would refuse to fit).
 */
final class CrossEntropyModel {
    /** Added to the diagonal of every mixture covariance (scikit-learn's {@code reg_covar}). */
    static final double REG_COVAR = 1e-6;
    /** The most EM iterations (scikit-learn's {@code max_iter}). */
    static final int MAX_EM_ITERATIONS = 100;
    /** The EM convergence threshold on the mean log-likelihood (scikit-learn's {@code tol}). */
    static final double EM_TOLERANCE = 1e-3;
    /** The most Lloyd iterations of the k-means start. */
    static final int MAX_KMEANS_ITERATIONS = 50;

    private final CrossEntropyDistribution spec;
    private final int dim;
    // Gaussian families
    private double[] mean;
    private double[][] cov;
    private double[][] noisyCov;
    // mixtures
    private double[] weights;
    private double[][] means;
    private double[][][] covs;
    // noisy families
    private double noiseMagnitude;
    private double[][] noiseValue = new double[0][];

    CrossEntropyModel(CrossEntropyDistribution spec, int dim) {
        this.spec = spec;
        this.dim = dim;
        this.noiseMagnitude = spec.noiseMagnitude();
        spec.checkDimension(dim);
    }

    /** Whether {@link #fit} has been called. */
    boolean fitted() {
        return spec.mixture() ? weights != null : mean != null;
    }

    /**
     * Fits the distribution to {@code data} (rows are individuals, at least one), L2L's
     * {@code fit(data_list, smooth_update)}.
     */
    void fit(double[][] data, double smoothing, Rng rng) {
        if (data.length == 0) throw new IllegalArgumentException("cannot fit a distribution to no samples");
        if (spec.mixture()) {
            fitMixture(data, rng);
            if (spec.noisy()) {
                noiseValue = new double[covs.length][];
                for (int c = 0; c < covs.length; c++) {
                    noiseValue[c] = noise(rng);
                    for (int i = 0; i < dim; i++) covs[c][i][i] += noiseValue[c][i];
                }
                noiseMagnitude *= spec.noiseDecay();
            }
            return;
        }
        double[] m = CrossEntropyLinalg.mean(data, dim);
        double[][] c = CrossEntropyLinalg.covariance(data, m);
        if (mean == null) {
            mean = m;
            cov = c;
        }
        for (int i = 0; i < dim; i++) {
            mean[i] = smoothing * mean[i] + (1 - smoothing) * m[i];
            for (int j = 0; j < dim; j++) cov[i][j] = smoothing * cov[i][j] + (1 - smoothing) * c[i][j];
        }
        if (spec.noisy()) {
            double[] noise = noise(rng);
            noiseValue = new double[][] {noise};
            noisyCov = CrossEntropyLinalg.copy(cov);
            for (int i = 0; i < dim; i++) noisyCov[i][i] += noise[i];
            noiseMagnitude *= spec.noiseDecay();
        }
    }

    private double[] noise(Rng rng) {
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) v[i] = Math.abs(rng.nextGaussian() * noiseMagnitude * spec.scale(i));
        return v;
    }

    /** {@code n} samples ({@link #sample}), each bounded by the optimizee: the next generation of the family. */
    double[][] boundedSample(int n, Optimizee optimizee, Parameters template, Rng rng) {
        double[][] sampled = sample(n, rng);
        for (int i = 0; i < sampled.length; i++) sampled[i] = GradientSupport.bound(optimizee, template, sampled[i]);
        return sampled;
    }

    /**
     * {@code n} samples (L2L's {@code sample}). Mixture samples come grouped by component, as scikit-learn's: the
     * number per component is drawn first.
     */
    double[][] sample(int n, Rng rng) {
        if (!fitted()) throw new IllegalStateException("the distribution has not been fitted");
        double[][] out = new double[n][];
        if (!spec.mixture()) {
            double[][] f = CrossEntropyLinalg.sqrtFactor(spec.noisy() ? noisyCov : cov);
            for (int k = 0; k < n; k++) out[k] = CrossEntropyLinalg.sampleNormal(mean, f, rng);
            return out;
        }
        int[] counts = new int[weights.length];
        for (int k = 0; k < n; k++) {
            double u = rng.nextDouble();
            int c = 0;
            double acc = weights[0];
            while (c < weights.length - 1 && u >= acc) acc += weights[++c];
            counts[c]++;
        }
        int k = 0;
        for (int c = 0; c < weights.length; c++) {
            if (counts[c] == 0) continue;
            double[][] f = CrossEntropyLinalg.sqrtFactor(covs[c]);
            for (int j = 0; j < counts[c]; j++) out[k++] = CrossEntropyLinalg.sampleNormal(means[c], f, rng);
        }
        return out;
    }

    private void fitMixture(double[][] x, Rng rng) {
        int n = x.length;
        int k = spec.nComponents();
        int kEff = Math.min(k, n);
        double[][] resp = kMeansResponsibilities(x, kEff, rng);
        double[] w = new double[kEff];
        double[][] mu = new double[kEff][];
        double[][][] sigma = new double[kEff][][];
        mStep(x, resp, w, mu, sigma);
        double previous = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < MAX_EM_ITERATIONS; iter++) {
            double lowerBound = eStep(x, w, mu, sigma, resp);
            mStep(x, resp, w, mu, sigma);
            if (Math.abs(lowerBound - previous) < EM_TOLERANCE) break;
            previous = lowerBound;
        }
        weights = new double[k];
        means = new double[k][];
        covs = new double[k][][];
        double[] overall = CrossEntropyLinalg.mean(x, dim);
        for (int c = 0; c < k; c++) {
            if (c < kEff) {
                weights[c] = w[c];
                means[c] = mu[c];
                covs[c] = sigma[c];
            } else {
                means[c] = overall.clone();
                covs[c] = new double[dim][dim];
                for (int i = 0; i < dim; i++) covs[c][i][i] = REG_COVAR;
            }
        }
    }

    /** Hard k-means assignments as one-hot responsibilities. */
    private double[][] kMeansResponsibilities(double[][] x, int k, Rng rng) {
        int n = x.length;
        double[][] centers = new double[k][];
        centers[0] = x[rng.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) best = Math.min(best, dist2(x[i], centers[j]));
                d2[i] = best;
                total += best;
            }
            int pick;
            if (!(total > 0)) {
                pick = rng.nextInt(n);
            } else {
                double u = rng.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (u < acc) {
                        pick = i;
                        break;
                    }
                }
            }
            centers[c] = x[pick].clone();
        }
        int[] label = new int[n];
        for (int iter = 0; iter < MAX_KMEANS_ITERATIONS; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double d = dist2(x[i], centers[c]);
                    if (d < bestD) {
                        bestD = d;
                        best = c;
                    }
                }
                if (iter == 0 || label[i] != best) changed = true;
                label[i] = best;
            }
            if (!changed) break;
            for (int c = 0; c < k; c++) {
                double[] s = new double[dim];
                int cnt = 0;
                for (int i = 0; i < n; i++) {
                    if (label[i] != c) continue;
                    cnt++;
                    for (int j = 0; j < dim; j++) s[j] += x[i][j];
                }
                if (cnt > 0) {
                    for (int j = 0; j < dim; j++) s[j] /= cnt;
                    centers[c] = s;
                }
            }
        }
        double[][] resp = new double[n][k];
        for (int i = 0; i < n; i++) resp[i][label[i]] = 1;
        return resp;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private void mStep(double[][] x, double[][] resp, double[] w, double[][] mu, double[][][] sigma) {
        int n = x.length;
        int k = w.length;
        for (int c = 0; c < k; c++) {
            double nk = 10 * Math.ulp(1.0);
            for (int i = 0; i < n; i++) nk += resp[i][c];
            double[] m = new double[dim];
            for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) m[j] += resp[i][c] * x[i][j];
            for (int j = 0; j < dim; j++) m[j] /= nk;
            double[][] s = new double[dim][dim];
            for (int i = 0; i < n; i++) {
                double r = resp[i][c];
                if (r == 0) continue;
                for (int a = 0; a < dim; a++) {
                    double da = x[i][a] - m[a];
                    for (int b = 0; b <= a; b++) s[a][b] += r * da * (x[i][b] - m[b]);
                }
            }
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b <= a; b++) {
                    s[a][b] /= nk;
                    s[b][a] = s[a][b];
                }
                s[a][a] += REG_COVAR;
            }
            w[c] = nk / n;
            mu[c] = m;
            sigma[c] = s;
        }
        double total = 0;
        for (double v : w) total += v;
        for (int c = 0; c < k; c++) w[c] /= total;
    }

    /** Fills {@code resp} and returns the mean log-likelihood. */
    private double eStep(double[][] x, double[] w, double[][] mu, double[][][] sigma, double[][] resp) {
        int n = x.length;
        int k = w.length;
        double[][][] chol = new double[k][][];
        for (int c = 0; c < k; c++) chol[c] = robustCholesky(sigma[c]);
        double sum = 0;
        double[] lp = new double[k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                lp[c] = Math.log(w[c]) + CrossEntropyLinalg.logDensity(x[i], mu[c], chol[c]);
                max = Math.max(max, lp[c]);
            }
            double s = 0;
            for (int c = 0; c < k; c++) s += Math.exp(lp[c] - max);
            double lse = max + Math.log(s);
            for (int c = 0; c < k; c++) resp[i][c] = Math.exp(lp[c] - lse);
            sum += lse;
        }
        return sum / n;
    }

    private double[][] robustCholesky(double[][] s) {
        double jitter = REG_COVAR;
        for (int attempt = 0; attempt < 30; attempt++) {
            double[][] l = CrossEntropyLinalg.cholesky(s);
            if (l != null) return l;
            s = CrossEntropyLinalg.copy(s);
            for (int i = 0; i < dim; i++) s[i][i] += jitter;
            jitter *= 10;
        }
        throw new IllegalStateException("a mixture covariance is not positive definite");
    }

    /** The Gaussian's (smoothed) mean; for a mixture, the first component's. */
    double[] mean() {
        return spec.mixture() ? means[0].clone() : mean.clone();
    }

    /** The covariance used for sampling (with noise, for the noisy Gaussian). */
    double[][] covariance() {
        return CrossEntropyLinalg.copy(spec.noisy() ? noisyCov : cov);
    }

    /** The mixture weights ({@code [1]} for a Gaussian). */
    double[] weights() {
        return spec.mixture() ? weights.clone() : new double[] {1};
    }

    /** The mixture means. */
    double[][] means() {
        return spec.mixture() ? Vectors.copy(means) : new double[][] {mean.clone()};
    }

    /** The mixture covariances (with noise, for the noisy mixture). */
    double[][][] covariances() {
        if (!spec.mixture()) return new double[][][] {covariance()};
        double[][][] out = new double[covs.length][][];
        for (int c = 0; c < covs.length; c++) out[c] = CrossEntropyLinalg.copy(covs[c]);
        return out;
    }

    /** The current noise magnitude. */
    double noiseMagnitude() {
        return noiseMagnitude;
    }

    /** The noise added by the last fit, one row per component (empty for the noiseless families). */
    double[][] noiseValue() {
        return Vectors.copy(noiseValue);
    }

    /** Appends the complete state to {@code w}. */
    void write(StateBytes.Writer w) {
        w.bool(fitted());
        w.matrix(new double[][] {{noiseMagnitude}});
        w.matrix(noiseValue);
        if (!fitted()) return;
        if (spec.mixture()) {
            w.matrix(new double[][] {weights}).matrix(means);
            for (double[][] c : covs) w.matrix(c);
        } else {
            w.matrix(new double[][] {mean}).matrix(cov).matrix(noisyCov == null ? new double[0][] : noisyCov);
        }
    }

    /** Reads a state written by {@link #write}, replacing this one. */
    void read(StateBytes.Reader r) {
        boolean isFitted = r.bool();
        noiseMagnitude = scalar(r.matrix());
        noiseValue = r.matrix();
        mean = null;
        cov = noisyCov = null;
        weights = null;
        means = null;
        covs = null;
        if (!isFitted) return;
        if (spec.mixture()) {
            weights = row(r.matrix(), spec.nComponents());
            means = r.matrix();
            if (means.length != spec.nComponents()) throw new IllegalArgumentException("corrupt distribution state");
            covs = new double[means.length][][];
            for (int c = 0; c < covs.length; c++) {
                checkVector(means[c]);
                covs[c] = square(r.matrix());
            }
        } else {
            mean = row(r.matrix(), dim);
            cov = square(r.matrix());
            double[][] nc = r.matrix();
            noisyCov = nc.length == 0 ? null : square(nc);
            if (spec.noisy() && noisyCov == null) throw new IllegalArgumentException("corrupt distribution state");
        }
    }

    private static double scalar(double[][] m) {
        if (m.length != 1 || m[0] == null || m[0].length != 1) throw new IllegalArgumentException("corrupt distribution state");
        return m[0][0];
    }

    private static double[] row(double[][] m, int length) {
        if (m.length != 1 || m[0] == null || m[0].length != length) {
            throw new IllegalArgumentException("corrupt distribution state");
        }
        return m[0];
    }

    private void checkVector(double[] v) {
        if (v == null || v.length != dim) throw new IllegalArgumentException("corrupt distribution state");
    }

    private double[][] square(double[][] m) {
        if (m.length != dim) throw new IllegalArgumentException("corrupt distribution state");
        for (double[] v : m) checkVector(v);
        return m;
    }
}
