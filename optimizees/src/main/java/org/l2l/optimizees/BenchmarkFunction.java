package org.l2l.optimizees;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * One entry of the benchmark catalogue ({@link BenchmarkFunctions}): its L2L name and index, its
 * dimensionality, the box {@code [lowerBound, upperBound]^dims} it is searched in, and its formula.
 *
 * <p>Instances are immutable and are obtained from {@link BenchmarkFunctions#byName(String)} or
 * {@link BenchmarkFunctions#byIndex(int)}.
 */
public final class BenchmarkFunction {
    private final int index;
    private final String name;
    private final int dims;
    private final double lowerBound;
    private final double upperBound;
    private final ToDoubleFunction<double[]> formula;

    BenchmarkFunction(int index, String name, int dims, double lowerBound, double upperBound,
            ToDoubleFunction<double[]> formula) {
        this.index = index;
        this.name = name;
        this.dims = dims;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.formula = formula;
    }

    /** The position in L2L's {@code BenchmarkedFunctions} list, from 0. */
    public int index() {
        return index;
    }

    /** The name L2L uses, such as {@code "Rastrigin2d"}. */
    public String name() {
        return name;
    }

    /** The number of coordinates the function takes. */
    public int dims() {
        return dims;
    }

    /** The lower bound of every coordinate. */
    public double lowerBound() {
        return lowerBound;
    }

    /** The upper bound of every coordinate. */
    public double upperBound() {
        return upperBound;
    }

    /**
     * The function's value at {@code x}, without noise.
     *
     * @throws IllegalArgumentException if {@code x} does not have {@link #dims()} coordinates
     */
    public double evaluate(double[] x) {
        requireDims(x);
        return formula.applyAsDouble(x.clone());
    }

    /** A point drawn uniformly from the box, one {@code nextDouble()} per coordinate in order. */
    public double[] sample(RandomGenerator random) {
        double[] x = new double[dims];
        for (int i = 0; i < dims; i++) x[i] = random.nextDouble() * (upperBound - lowerBound) + lowerBound;
        return x;
    }

    /**
     * A copy of {@code x} with every coordinate clipped into {@code [lowerBound, upperBound]} (NaN stays
     * NaN).
     *
     * @throws IllegalArgumentException if {@code x} does not have {@link #dims()} coordinates
     */
    public double[] clip(double[] x) {
        requireDims(x);
        double[] out = new double[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = Double.isNaN(x[i]) ? x[i] : Math.min(upperBound, Math.max(lowerBound, x[i]));
        }
        return out;
    }

    private void requireDims(double[] x) {
        if (x == null || x.length != dims) {
            throw new IllegalArgumentException(name + " takes " + dims + " coordinates, but was given "
                    + (x == null ? "null" : x.length));
        }
    }

    /** For example {@code Rastrigin2d (#0, 2 dims in [-5.0, 5.0])}. */
    @Override
    public String toString() {
        return name + " (#" + index + ", " + dims + " dims in [" + lowerBound + ", " + upperBound + "])";
    }
}
