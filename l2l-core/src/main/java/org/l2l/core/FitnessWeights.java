package org.l2l.core;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One weight per fitness component, as in L2L: a positive weight maximizes that component, a negative
 * weight minimizes it. Weighted fitnesses compare lexicographically, larger being better.
 */
public final class FitnessWeights {
    private final double[] weights;

    private FitnessWeights(double[] weights) {
        if (weights.length == 0) throw new IllegalArgumentException("fitnessWeights must have at least one weight");
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] == 0) {
                throw new IllegalArgumentException("fitnessWeights[" + i + "] must be finite and non-zero, but was "
                        + weights[i]);
            }
        }
        this.weights = weights;
    }

    /** Weights in fitness-component order. */
    public static FitnessWeights of(double... weights) {
        return new FitnessWeights(Require.nonNull("fitnessWeights", weights).clone());
    }

    /** The number of fitness components. */
    public int size() {
        return weights.length;
    }

    /** A copy of the weights. */
    public double[] values() {
        return weights.clone();
    }

    /** The weight of component {@code i}. */
    public double get(int i) {
        return weights[i];
    }

    /** Fitness times weight, component by component. Fails if the lengths differ. */
    public double[] weigh(double[] fitness) {
        if (fitness.length != weights.length) {
            throw new IllegalArgumentException("fitness has " + fitness.length + " components, but there are "
                    + weights.length + " fitness weights");
        }
        double[] out = new double[fitness.length];
        for (int i = 0; i < out.length; i++) out[i] = fitness[i] * weights[i];
        return out;
    }

    /** The weighted fitness of a failed individual: {@code -inf} in every component. */
    public double[] worstWeighted() {
        double[] out = new double[weights.length];
        Arrays.fill(out, Double.NEGATIVE_INFINITY);
        return out;
    }

    /** Orders weighted fitness vectors, larger (better) last. NaN counts as worst. */
    public static final Comparator<double[]> WEIGHTED_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            double x = Double.isNaN(a[i]) ? Double.NEGATIVE_INFINITY : a[i];
            double y = Double.isNaN(b[i]) ? Double.NEGATIVE_INFINITY : b[i];
            int c = Double.compare(x, y);
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    };

    @Override
    public boolean equals(Object o) {
        return o instanceof FitnessWeights w && Arrays.equals(weights, w.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return Arrays.toString(weights);
    }
}
