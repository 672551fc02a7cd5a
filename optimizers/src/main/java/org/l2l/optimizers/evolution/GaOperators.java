package org.l2l.optimizers.evolution;

import java.util.random.RandomGenerator;
import org.l2l.core.FitnessWeights;
import org.l2l.optimizers.Vectors;

/**
 * The variation and selection operators of L2L's genetic algorithm, with the semantics of the DEAP functions
 * it registers ({@code tools.selTournament}, {@code tools.cxBlend}, {@code tools.mutGaussian}) and the same
 * order of random draws. All randomness comes from the generator passed in.
 */
final class GaOperators {
    private GaOperators() {}

    /**
     * {@code k} tournaments: each draws {@code tournSize} aspirants uniformly with replacement and keeps the
     * first aspirant whose weighted fitness no later aspirant strictly exceeds (as Python's {@code max}).
     * Weighted fitnesses compare by {@link FitnessWeights#WEIGHTED_ORDER}, so failed individuals
     * ({@code -inf}) and NaN lose to every successful one.
     *
     * @param weighted the weighted fitness of each individual; none may be null
     * @return the indices of the winners
     */
    static int[] tournament(double[][] weighted, int k, int tournSize, RandomGenerator rng) {
        int n = weighted.length;
        int[] chosen = new int[k];
        for (int t = 0; t < k; t++) {
            int best = rng.nextInt(n);
            for (int a = 1; a < tournSize; a++) {
                int candidate = rng.nextInt(n);
                if (FitnessWeights.WEIGHTED_ORDER.compare(weighted[candidate], weighted[best]) > 0) best = candidate;
            }
            chosen[t] = best;
        }
        return chosen;
    }

    /**
     * Blend crossover in place: per gene one {@code gamma = (1 + 2 alpha) u - alpha} with {@code u} uniform in
     * [0, 1), then {@code a' = (1 - gamma) a + gamma b} and {@code b' = gamma a + (1 - gamma) b}.
     */
    static void blend(double[] a, double[] b, double alpha, RandomGenerator rng) {
        for (int i = 0; i < a.length; i++) {
            double x1 = a[i];
            double x2 = b[i];
            double gamma = (1.0 + 2.0 * alpha) * rng.nextDouble() - alpha;
            a[i] = (1.0 - gamma) * x1 + gamma * x2;
            b[i] = gamma * x1 + (1.0 - gamma) * x2;
        }
    }

    /**
     * Gaussian mutation in place: each gene, with probability {@code indProb}, gets {@code N(0, sigma)} added.
     * One uniform draw per gene, then one Gaussian for each gene that mutates.
     */
    static void gaussian(double[] v, double sigma, double indProb, RandomGenerator rng) {
        for (int i = 0; i < v.length; i++) {
            if (rng.nextDouble() < indProb) v[i] += sigma * rng.nextGaussian();
        }
    }

    /** Whether two of the vectors hold the same values ({@link Vectors#sameValues}). */
    static boolean hasDuplicates(double[][] vectors) {
        for (int i = 0; i < vectors.length - 1; i++) {
            for (int j = i + 1; j < vectors.length; j++) {
                if (Vectors.sameValues(vectors[i], vectors[j])) return true;
            }
        }
        return false;
    }
}
