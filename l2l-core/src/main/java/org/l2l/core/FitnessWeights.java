package org.l2l.core;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One weight per fitness component, as in L2L: a positive weight maximizes that component, a negative
 * weight minimizes it. Weighted fitnesses compare lexicographically, larger being better.
 */
public final class FitnessWeights {
    private final double[] weights;
    /** Components per inner set: all of them, unless these are the weights of multi-individuals ({@link #repeat}). */
    private final int block;

    private FitnessWeights(double[] weights) {
        this(weights, weights.length);
    }

    private FitnessWeights(double[] weights, int block) {
        if (weights.length == 0) throw new IllegalArgumentException("fitnessWeights must have at least one weight");
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] == 0) {
                throw new IllegalArgumentException("fitnessWeights[" + i + "] must be finite and non-zero, but was "
                        + weights[i]);
            }
        }
        this.weights = weights;
        this.block = block;
    }

    /** Weights in fitness-component order. */
    public static FitnessWeights of(double... weights) {
        return new FitnessWeights(Require.nonNull("fitnessWeights", weights).clone());
    }

    /**
     * The weights of multi-individuals of {@code n} inner sets ({@code MultiIndividual}): these weights repeated
     * {@code n} times, one block per inner set. Their {@link #order()} ranks a multi-individual by its best block.
     */
    public FitnessWeights repeat(int n) {
        Require.positive("n", n);
        double[] out = new double[weights.length * n];
        for (int i = 0; i < n; i++) System.arraycopy(weights, 0, out, i * weights.length, weights.length);
        return new FitnessWeights(out, block);
    }

    /** The number of fitness components of one inner set: {@link #size()} unless made by {@link #repeat}. */
    public int blockSize() {
        return block;
    }

    /**
     * How the run ranks weighted fitness vectors under these weights: {@link #WEIGHTED_ORDER}, or for the weights of
     * multi-individuals ({@link #repeat}) by each vector's best block (inner set) under {@code WEIGHTED_ORDER}, then
     * by the whole vector. So the run's best multi-individual is the one holding the best inner set, not the one
     * whose first inner set is best.
     */
    public Comparator<double[]> order() {
        if (block == weights.length) return WEIGHTED_ORDER;
        int k = block;
        Comparator<double[]> byBestBlock = Comparator.comparing(v -> bestBlock(v, k), WEIGHTED_ORDER);
        return byBestBlock.thenComparing(WEIGHTED_ORDER);
    }

    private static double[] bestBlock(double[] v, int k) {
        double[] best = Arrays.copyOfRange(v, 0, Math.min(k, v.length));
        for (int start = k; start + k <= v.length; start += k) {
            double[] b = Arrays.copyOfRange(v, start, start + k);
            if (WEIGHTED_ORDER.compare(b, best) > 0) best = b;
        }
        return best;
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
        return o instanceof FitnessWeights w && Arrays.equals(weights, w.weights) && block == w.block;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + block;
    }

    @Override
    public String toString() {
        return Arrays.toString(weights);
    }
}
