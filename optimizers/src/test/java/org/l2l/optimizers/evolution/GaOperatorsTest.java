package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l2l.core.Rng;

class GaOperatorsTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void tournamentsPickTheFirstBestAspirantAndFailedIndividualsLose() {
        double[][] weighted = {{NEG_INF}, {-5.0}, {NEG_INF}, {Double.NaN}, {-5.0}};
        Rng rng = Rng.seeded(5);
        Rng replay = Rng.fromState(rng.state());
        int[] chosen = GaOperators.tournament(weighted, 5000, 3, rng);
        int successes = 0;
        for (int winner : chosen) {
            int[] aspirants = {replay.nextInt(5), replay.nextInt(5), replay.nextInt(5)};
            int expected = aspirants[0];
            for (int a : aspirants) {
                boolean aOk = a == 1 || a == 4;
                boolean bestOk = expected == 1 || expected == 4;
                if (aOk && !bestOk) expected = a; // a success beats a failure; equals keep the first
            }
            assertEquals(expected, winner);
            if (winner == 1 || winner == 4) successes++;
        }
        // P(no success among 3 aspirants) = (3/5)^3 = 0.216
        assertTrue(successes > 0.75 * 5000 && successes < 0.81 * 5000, "successes: " + successes);
    }

    @Test
    void blendCrossoverFollowsDeapsFormula() {
        double alpha = 0.5;
        double[] a = {1.0, -2.0, 3.5};
        double[] b = {4.0, 0.25, -1.0};
        Rng rng = Rng.seeded(3);
        Rng replay = Rng.fromState(rng.state());
        double[] a0 = a.clone();
        double[] b0 = b.clone();
        GaOperators.blend(a, b, alpha, rng);
        for (int i = 0; i < a.length; i++) {
            double gamma = (1.0 + 2.0 * alpha) * replay.nextDouble() - alpha;
            assertEquals((1.0 - gamma) * a0[i] + gamma * b0[i], a[i]);
            assertEquals(gamma * a0[i] + (1.0 - gamma) * b0[i], b[i]);
        }
        assertArrayEquals(replay.state(), rng.state());
    }

    @Test
    void gaussianMutationDrawsOneUniformPerGeneAndOneGaussianPerMutatedGene() {
        double[] v = new double[20];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Rng rng = Rng.seeded(8);
        Rng replay = Rng.fromState(rng.state());
        GaOperators.gaussian(v, 2.0, 0.5, rng);
        double[] expected = new double[20];
        for (int i = 0; i < expected.length; i++) expected[i] = i;
        int mutated = 0;
        for (int i = 0; i < expected.length; i++) {
            if (replay.nextDouble() < 0.5) {
                expected[i] += 2.0 * replay.nextGaussian();
                mutated++;
            }
        }
        assertArrayEquals(expected, v);
        assertArrayEquals(replay.state(), rng.state());
        assertTrue(mutated > 0 && mutated < 20, "the seed should mutate some but not all genes: " + mutated);

        double[] same = {1.0, 2.0};
        GaOperators.gaussian(same, 2.0, 0.0, rng);
        assertArrayEquals(new double[] {1.0, 2.0}, same);
    }

    @Test
    void duplicatesAreFoundByValue() {
        assertTrue(GaOperators.hasDuplicates(new double[][] {{1, 2}, {3, 4}, {1, 2}}));
        assertTrue(GaOperators.hasDuplicates(new double[][] {{0.0}, {-0.0}})); // Python: 0.0 == -0.0
        assertFalse(GaOperators.hasDuplicates(new double[][] {{1, 2}, {2, 1}}));
        assertFalse(GaOperators.hasDuplicates(new double[][] {{1, 2}}));
    }
}
