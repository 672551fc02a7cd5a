package org.l2l.optimizees;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * L2L's 15 benchmarked functions ({@code l2l/optimizees/functions/benchmarked_functions.py}), by
 * name and by index in L2L's order, with L2L's formulas, constants and bounds. All are minimized.
 */
public final class BenchmarkFunctions {
    private BenchmarkFunctions() {}

    /**
     * One benchmark function.
     *
     * @param name L2L's name, e.g. {@code Rastrigin2d}
     * @param index L2L's index
     * @param dims the input dimension
     * @param lower the lower bound of every coordinate
     * @param upper the upper bound of every coordinate
     * @param f the function
     */
    public record Function(String name, int index, int dims, double lower, double upper, ToDoubleFunction<double[]> f) {
        /** The function's value at {@code x}; fails if {@code x} has the wrong dimension. */
        public double evaluate(double[] x) {
            if (x.length != dims) {
                throw new IllegalArgumentException(name + " takes " + dims + " coordinates, but got " + x.length);
            }
            return f.applyAsDouble(x);
        }
    }

    /** A 2-d Gaussian density, negated, with L2L's covariance and mean. */
    private record Gauss2(double s11, double s12, double s21, double s22, double m1, double m2) {
        double negDensity(double[] x) {
            double det = s11 * s22 - s12 * s21;
            double i11 = s22 / det, i12 = -s12 / det, i21 = -s21 / det, i22 = s11 / det;
            double d1 = x[0] - m1, d2 = x[1] - m2;
            double q = d1 * (i11 * d1 + i12 * d2) + d2 * (i21 * d1 + i22 * d2);
            return -Math.exp(-0.5 * q) / Math.sqrt(Math.pow(2 * Math.PI, 2) * det);
        }
    }

    private static final Gauss2 GAUSS_A = new Gauss2(1.5, .1, .1, .3, -1, -1);
    private static final Gauss2 GAUSS_B = new Gauss2(.25, .3, .3, 1, 1, 1);
    private static final Gauss2 GAUSS_C = new Gauss2(.5, .25, .25, 1.3, 2, -2);

    private static final List<Function> ALL = new ArrayList<>();

    private static void add(String name, int dims, double lower, double upper, ToDoubleFunction<double[]> f) {
        ALL.add(new Function(name, ALL.size(), dims, lower, upper, f));
    }

    static {
        add("Rastrigin2d", 2, -5, 5, BenchmarkFunctions::rastrigin);
        add("Rastrigin10d", 10, -5, 5, BenchmarkFunctions::rastrigin);
        add("Rosenbrock2d", 2, -2, 2, BenchmarkFunctions::rosenbrock);
        add("Rosenbrock10d", 10, -2, 2, BenchmarkFunctions::rosenbrock);
        add("Ackley2d", 2, -2, 2, BenchmarkFunctions::ackley);
        add("Ackley10d", 10, -2, 2, BenchmarkFunctions::ackley);
        add("Chasm", 2, -2, 2, BenchmarkFunctions::chasm);
        add("Gauss2d", 2, -5, 5, x -> GAUSS_A.negDensity(x));
        add("Shekel2d", 2, 0, 10, BenchmarkFunctions::shekel);
        add("Langermann2d", 2, 0, 10, BenchmarkFunctions::langermann);
        add("Michalewicz2d", 2, 0, Math.PI, BenchmarkFunctions::michalewicz);
        add("Permutation2d", 2, -2, 2, x -> permutation(x, 0.005));
        add("Easom2d", 2, -10, 10, BenchmarkFunctions::easom);
        add("Easom10d", 10, -10, 10, BenchmarkFunctions::easom);
        add("3Gaussians2d", 2, -5, 5, x -> GAUSS_A.negDensity(x) + GAUSS_B.negDensity(x) + GAUSS_C.negDensity(x));
    }

    /** All functions in L2L's index order. */
    public static List<Function> all() {
        return List.copyOf(ALL);
    }

    /** The names in index order. */
    public static List<String> names() {
        return ALL.stream().map(Function::name).toList();
    }

    /** The function of this name; fails listing the valid names. */
    public static Function byName(String name) {
        for (Function f : ALL) if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("function must be one of " + names() + ", but was \"" + name + "\"");
    }

    /** The function with L2L's index {@code index}. */
    public static Function byIndex(int index) {
        if (index < 0 || index >= ALL.size()) {
            throw new IllegalArgumentException("function index must be in [0, " + (ALL.size() - 1) + "], but was " + index);
        }
        return ALL.get(index);
    }

    static double rastrigin(double[] x) {
        double s = 0;
        for (double v : x) s += v * v + 10 - 10 * Math.cos(2 * Math.PI * v);
        return s;
    }

    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            s += 100 * a * a + (1 - x[i]) * (1 - x[i]);
        }
        return s;
    }

    static double ackley(double[] x) {
        double sq = 0, cos = 0;
        for (double v : x) {
            sq += v * v;
            cos += Math.cos(2 * Math.PI * v);
        }
        return Math.E + 20 - 20 * Math.exp(-0.2 * Math.sqrt(sq / x.length)) - Math.exp(cos / x.length);
    }

    static double chasm(double[] x) {
        return 1e3 * Math.abs(x[0]) / (1e3 * Math.abs(x[0]) + 1) + 1e-2 * Math.abs(x[1]);
    }

    private static final double[][] SHEKEL_A = {{3, 5}, {5, 2}, {2, 1}, {3, 3}, {2, 7}, {1, 4}, {7, 9}};
    private static final double[] SHEKEL_C = {0.1, 0.2, 0.5, 0.2, 0.3, 0.1, 0.1};

    /**
     * As L2L computes it: {@code -sum_i 1 / sum_j ((x_j - A_ij)^2 + c_i)}. Note that L2L adds {@code c_i}
     * once per coordinate (the textbook Shekel adds it once); we keep L2L's values.
     */
    static double shekel(double[] x) {
        double value = 0;
        for (int i = 0; i < SHEKEL_A.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += (x[j] - SHEKEL_A[i][j]) * (x[j] - SHEKEL_A[i][j]) + SHEKEL_C[i];
            value += 1 / s;
        }
        return -value;
    }

    private static final double[][] LANGERMANN_A = {{3, 5}, {5, 2}, {2, 1}, {1, 4}, {7, 9}};
    private static final double[] LANGERMANN_C = {1, 2, 5, 2, 3};

    static double langermann(double[] x) {
        double value = 0;
        for (int i = 0; i < LANGERMANN_A.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += (x[j] - LANGERMANN_A[i][j]) * (x[j] - LANGERMANN_A[i][j]);
            value += LANGERMANN_C[i] * Math.exp(-s / Math.PI) * Math.cos(Math.PI * s);
        }
        return value;
    }

    static double michalewicz(double[] x) {
        int m = 10;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.sin(x[i]) * Math.pow(Math.sin((i + 1) * x[i] * x[i] / Math.PI), 2 * m);
        }
        return -s;
    }

    static double permutation(double[] x, double beta) {
        int d = x.length;
        double value = 0;
        for (int k = 1; k <= d; k++) {
            double inner = 0;
            for (int i = 1; i <= d; i++) inner += (Math.pow(i, k) + beta) * (Math.pow(x[i - 1] / i, k) - 1);
            value += inner * inner;
        }
        return value;
    }

    static double easom(double[] x) {
        double prod = 1, sq = 0;
        for (double v : x) {
            prod *= Math.cos(v);
            sq += (v - Math.PI) * (v - Math.PI);
        }
        return -prod * Math.exp(-sq);
    }

}
