package org.l2l.optimizees;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The catalogue of L2L's fifteen benchmarked functions ({@code BenchmarkedFunctions}), with the same
 * names, the same index order, dimensions, bounds and constants.
 *
 * <p>As in L2L's {@code FunctionGenerator}, a function made of several terms (here only
 * {@code 3Gaussians2d}) is their sum, and its box spans the smallest lower and the largest upper bound of
 * its terms.
 *
 * <pre>{@code
 * BenchmarkFunction f = BenchmarkFunctions.byName("Ackley2d");
 * double y = f.evaluate(new double[] {0.5, -0.25});
 * String name = BenchmarkFunctions.nameOf(4);      // "Ackley2d"
 * }</pre>
 */
public final class BenchmarkFunctions {
    private static final double[][] SHEKEL_CENTRES = {{3, 5}, {5, 2}, {2, 1}, {3, 3}, {2, 7}, {1, 4}, {7, 9}};
    private static final double[] SHEKEL_C = {0.1, 0.2, 0.5, 0.2, 0.3, 0.1, 0.1};
    private static final double[][] LANGERMANN_CENTRES = {{3, 5}, {5, 2}, {2, 1}, {1, 4}, {7, 9}};
    private static final double[] LANGERMANN_C = {1, 2, 5, 2, 3};
    private static final double MICHALEWICZ_M = 10;
    private static final double PERMUTATION_BETA = 0.005;

    private static final double[] GAUSS_A_MEAN = {-1, -1};
    private static final double[][] GAUSS_A_COV = {{1.5, 0.1}, {0.1, 0.3}};
    private static final double[] GAUSS_B_MEAN = {1, 1};
    private static final double[][] GAUSS_B_COV = {{0.25, 0.3}, {0.3, 1.0}};
    private static final double[] GAUSS_C_MEAN = {2, -2};
    private static final double[][] GAUSS_C_COV = {{0.5, 0.25}, {0.25, 1.3}};

    private static final List<BenchmarkFunction> ALL;
    private static final Map<String, BenchmarkFunction> BY_NAME = new LinkedHashMap<>();

    static {
        List<BenchmarkFunction> all = new ArrayList<>();
        add(all, "Rastrigin2d", 2, -5, 5, ObjectiveFunctions::rastrigin);
        add(all, "Rastrigin10d", 10, -5, 5, ObjectiveFunctions::rastrigin);
        add(all, "Rosenbrock2d", 2, -2, 2, ObjectiveFunctions::rosenbrock);
        add(all, "Rosenbrock10d", 10, -2, 2, ObjectiveFunctions::rosenbrock);
        add(all, "Ackley2d", 2, -2, 2, ObjectiveFunctions::ackley);
        add(all, "Ackley10d", 10, -2, 2, ObjectiveFunctions::ackley);
        add(all, "Chasm", 2, -2, 2, ObjectiveFunctions::chasm);
        add(all, "Gauss2d", 2, -5, 5, x -> ObjectiveFunctions.gaussian(x, GAUSS_A_MEAN, GAUSS_A_COV));
        add(all, "Shekel2d", 2, 0, 10, x -> ObjectiveFunctions.shekel(x, SHEKEL_CENTRES, SHEKEL_C));
        add(all, "Langermann2d", 2, 0, 10,
                x -> ObjectiveFunctions.langermann(x, LANGERMANN_CENTRES, LANGERMANN_C));
        add(all, "Michalewicz2d", 2, 0, Math.PI, x -> ObjectiveFunctions.michalewicz(x, MICHALEWICZ_M));
        // L2L bounds the permutation function by [-dims, dims].
        add(all, "Permutation2d", 2, -2, 2, x -> ObjectiveFunctions.permutation(x, PERMUTATION_BETA));
        add(all, "Easom2d", 2, -10, 10, ObjectiveFunctions::easom);
        add(all, "Easom10d", 10, -10, 10, ObjectiveFunctions::easom);
        add(all, "3Gaussians2d", 2, -5, 5, x -> ObjectiveFunctions.gaussian(x, GAUSS_A_MEAN, GAUSS_A_COV)
                + ObjectiveFunctions.gaussian(x, GAUSS_B_MEAN, GAUSS_B_COV)
                + ObjectiveFunctions.gaussian(x, GAUSS_C_MEAN, GAUSS_C_COV));
        ALL = List.copyOf(all);
    }

    private BenchmarkFunctions() {}

    private static void add(List<BenchmarkFunction> all, String name, int dims, double lower, double upper,
            ToDoubleFunction<double[]> formula) {
        BenchmarkFunction f = new BenchmarkFunction(all.size(), name, dims, lower, upper, formula);
        all.add(f);
        BY_NAME.put(name, f);
    }

    /** All functions, in L2L's index order. */
    public static List<BenchmarkFunction> all() {
        return ALL;
    }

    /** All names, in L2L's index order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The number of functions in the catalogue (15). */
    public static int count() {
        return ALL.size();
    }

    /**
     * The function with this exact (case-sensitive) L2L name.
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid names
     */
    public static BenchmarkFunction byName(String name) {
        BenchmarkFunction f = name == null ? null : BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException("function must be one of " + names() + ", but was "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        return f;
    }

    /**
     * The function at this position of L2L's list.
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, count())}
     */
    public static BenchmarkFunction byIndex(int index) {
        if (index < 0 || index >= ALL.size()) {
            throw new IllegalArgumentException("function index must be in [0, " + (ALL.size() - 1) + "], but was "
                    + index + "; the functions are " + names());
        }
        return ALL.get(index);
    }

    /** The name of the function at {@code index}; fails as {@link #byIndex(int)} does. */
    public static String nameOf(int index) {
        return byIndex(index).name();
    }
}
