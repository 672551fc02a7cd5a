package org.l2l.optimizers.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ranking of NSGA-II (Deb et al. 2002): fast non-dominated sorting into fronts and the crowding distance
 * within a front. Objectives are <em>maximized</em> here (each fitness component times the sign of its weight);
 * a failed individual is dominated by every successful one and by no failed one.
 */
final class ParetoRanking {
    private ParetoRanking() {}

    /**
     * Whether {@code a} dominates {@code b}: a succeeded and b failed, or both succeeded and {@code a} is at least as
     * good in every objective and better in one.
     */
    static boolean dominates(double[] a, boolean aFailed, double[] b, boolean bFailed) {
        if (aFailed) return false;
        if (bFailed) return true;
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] < b[k]) return false;
            if (a[k] > b[k]) better = true;
        }
        return better;
    }

    /**
     * Deb's fast non-dominated sort: the indices of front 0 (non-dominated), then of front 1 (dominated only by front
     * 0), and so on; within a front in ascending index order.
     *
     * @param objectives one row per individual, larger is better; rows of failed individuals are ignored
     * @param failed whether each individual failed
     */
    static List<int[]> fronts(double[][] objectives, boolean[] failed) {
        int n = objectives.length;
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) dominates.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(objectives[i], failed[i], objectives[j], failed[j])) {
                    dominates.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(objectives[j], failed[j], objectives[i], failed[i])) {
                    dominates.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<int[]> fronts = new ArrayList<>();
        int[] current = indicesWhere(dominatedBy, n);
        while (current.length > 0) {
            fronts.add(current);
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominates.get(i)) {
                    if (--dominatedBy[j] == 0) next.add(j);
                }
            }
            current = next.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return fronts;
    }

    private static int[] indicesWhere(int[] dominatedBy, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) if (dominatedBy[i] == 0) out.add(i);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The crowding distance of each member of {@code front} (same order): per objective, the members are sorted, the
     * two extremes get infinity and every other member the gap between its neighbours divided by the objective's range
     * in the front; the distances add up over the objectives. An objective whose range is zero or not finite adds
     * nothing; failed members get 0.
     */
    static double[] crowding(int[] front, double[][] objectives, boolean[] failed) {
        int m = front.length;
        double[] distance = new double[m];
        if (m == 0 || failed[front[0]]) return distance; // a failed individual's front holds failures only
        int objectivesCount = objectives[front[0]].length;
        Integer[] order = new Integer[m];
        for (int k = 0; k < objectivesCount; k++) {
            final int obj = k;
            for (int i = 0; i < m; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(objectives[front[a]][obj], objectives[front[b]][obj]));
            double lo = objectives[front[order[0]]][obj];
            double hi = objectives[front[order[m - 1]]][obj];
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[m - 1]] = Double.POSITIVE_INFINITY;
            double range = hi - lo;
            if (!(range > 0) || !Double.isFinite(range)) continue;
            for (int i = 1; i < m - 1; i++) {
                distance[order[i]] += (objectives[front[order[i + 1]]][obj] - objectives[front[order[i - 1]]][obj]) / range;
            }
        }
        return distance;
    }
}
