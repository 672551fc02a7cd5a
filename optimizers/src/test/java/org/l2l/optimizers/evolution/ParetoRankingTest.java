package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoRankingTest {
    @Test
    void dominanceNeedsOneStrictlyBetterObjectiveAndFailuresAreDominatedByEverySuccess() {
        assertTrue(ParetoRanking.dominates(new double[] {2, 2}, false, new double[] {1, 2}, false));
        assertFalse(ParetoRanking.dominates(new double[] {2, 2}, false, new double[] {2, 2}, false));
        assertFalse(ParetoRanking.dominates(new double[] {3, 0}, false, new double[] {0, 3}, false));
        assertTrue(ParetoRanking.dominates(new double[] {-1e300, -1e300}, false, new double[] {5, 5}, true));
        assertFalse(ParetoRanking.dominates(new double[] {5, 5}, true, new double[] {-1, -1}, false));
        assertFalse(ParetoRanking.dominates(new double[] {5, 5}, true, new double[] {5, 5}, true));
    }

    @Test
    void frontsPeelOffNonDominatedLayersWithFailuresLast() {
        double[][] objectives = {
            {1, 4}, {2, 3}, {4, 1}, // front 0
            {1, 2}, {3, 0},         // front 1
            {0, 0},                 // front 2
            {9, 9},                 // failed: last, despite its values
        };
        boolean[] failed = {false, false, false, false, false, false, true};
        List<int[]> fronts = ParetoRanking.fronts(objectives, failed);
        assertEquals(4, fronts.size());
        assertArrayEquals(new int[] {0, 1, 2}, fronts.get(0));
        assertArrayEquals(new int[] {3, 4}, fronts.get(1));
        assertArrayEquals(new int[] {5}, fronts.get(2));
        assertArrayEquals(new int[] {6}, fronts.get(3));
    }

    @Test
    void crowdingGivesExtremesInfinityAndInnerPointsTheirNormalizedNeighbourGaps() {
        double[][] objectives = {{0, 4}, {1, 3}, {3, 1}, {4, 0}};
        double[] d = ParetoRanking.crowding(new int[] {0, 1, 2, 3}, objectives, new boolean[4]);
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        assertEquals(Double.POSITIVE_INFINITY, d[3]);
        // point 1: neighbours 0 and 2 differ by 3 in each objective, whose range is 4
        assertEquals(1.5, d[1], 1e-12);
        assertEquals(1.5, d[2], 1e-12);
        assertArrayEquals(new double[] {0, 0}, ParetoRanking.crowding(new int[] {0, 1}, objectives, new boolean[] {true, true}));
    }
}
