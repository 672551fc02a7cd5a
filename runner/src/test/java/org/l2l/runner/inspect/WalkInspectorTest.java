package org.l2l.runner.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.Rng;

class WalkInspectorTest {
    @Test
    void quantilesAreExactForFewValuesAndWithinAHistogramBinForMany() {
        WalkInspector.Quantiles q = new WalkInspector.Quantiles();
        for (double v : new double[] {4, -2, 10, 0}) q.add(v);
        assertArrayEquals(new double[] {-2, -0.5, 2, 5.5, 10}, q.summary(), 1e-12); // numpy's linear interpolation

        var r = Rng.derive(7, "quantiles");
        int n = 200_000;
        double[] all = new double[n];
        WalkInspector.Quantiles big = new WalkInspector.Quantiles();
        for (int i = 0; i < n; i++) {
            all[i] = Math.max(-100, Math.min(100, 30 * r.nextGaussian() + 5));
            big.add(all[i]);
        }
        Arrays.sort(all);
        double[] s = big.summary();
        assertEquals(all[0], s[0], 0.0, "min is exact");
        assertEquals(all[n - 1], s[4], 0.0, "max is exact");
        double[] p = {0.25, 0.5, 0.75};
        for (int i = 0; i < p.length; i++) {
            double rank = p[i] * (n - 1);
            int lo = (int) rank;
            double exact = all[lo] + (rank - lo) * (all[lo + 1] - all[lo]);
            assertEquals(exact, s[i + 1], 0.01, "quantile " + p[i] + " within one 0.01 % bin");
        }
        assertEquals(n, big.count());
    }

    @Test
    void acceptanceBinsMergeAsIterationsGrowAndKeepEveryCount() {
        WalkInspector.Acceptance a = new WalkInspector.Acceptance();
        long inside = 0;
        for (long it = 1; it <= 1000; it++) {
            boolean in = it % 4 == 0;
            if (in) inside++;
            a.add(it <= 500 ? "s0" : "s1", it, in);
        }
        assertEquals(List.of(WalkInspector.Acceptance.ALL, "s0", "s1"), a.names());
        assertEquals(16, a.width(), "1000 iterations in at most 100 bins of a power-of-two width");
        double[][] all = a.points(WalkInspector.Acceptance.ALL);
        assertEquals(63, all[0].length, "ceil(1000 / 16) bins");
        assertEquals(1 + 7.5, all[0][0], 0.0, "the first bin's centre");
        for (int b = 0; b < all[1].length - 1; b++) assertEquals(0.25, all[1][b], 0.0, "a full bin of 16 has 4 inside");
        assertEquals(250, inside);
        double[][] s1 = a.points("s1");
        assertEquals(500, s1[0][0] - 7.5, 16, "s1 starts at iteration 501");
    }
}
