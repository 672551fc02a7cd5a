package org.l2l.optimizers.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.optimizers.Vectors;

/**
 * The best distinct individuals seen so far, best first, with the update rules of DEAP's {@code HallOfFame}
 * (which L2L's genetic algorithm uses with 20 places):
 *
 * <ul>
 *   <li>a candidate enters if the hall is not full, or if its weighted fitness is strictly better than the
 *       worst member's, unless a member has exactly the same values (Python's {@code ==} on the vectors);</li>
 *   <li>when full, the worst member (the last) leaves to make room;</li>
 *   <li>a newcomer is placed after all strictly better members, that is before members of equal weighted
 *       fitness (DEAP inserts with {@code bisect_right} into an ascending key list that mirrors the items).</li>
 * </ul>
 *
 * <p>Weighted fitnesses compare by {@link FitnessWeights#WEIGHTED_ORDER}. Not thread-safe.
 */
public final class HallOfFame {
    /**
     * One member of the hall of fame.
     *
     * @param params the individual's parameters
     * @param fitness its raw fitness
     * @param weightedFitness its weighted fitness
     */
    public record Entry(Parameters params, double[] fitness, double[] weightedFitness) {
        /** Validates and copies the arrays. */
        public Entry {
            Require.nonNull("params", params);
            fitness = Require.nonNull("fitness", fitness).clone();
            weightedFitness = Require.nonNull("weightedFitness", weightedFitness).clone();
        }

        /** A copy of the raw fitness. */
        @Override
        public double[] fitness() {
            return fitness.clone();
        }

        /** A copy of the weighted fitness. */
        @Override
        public double[] weightedFitness() {
            return weightedFitness.clone();
        }

        /** Equal parameters and bit-identical fitness arrays. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && params.equals(e.params) && Arrays.equals(fitness, e.fitness)
                    && Arrays.equals(weightedFitness, e.weightedFitness);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * params.hashCode() + Arrays.hashCode(fitness)) + Arrays.hashCode(weightedFitness);
        }

        @Override
        public String toString() {
            return params + " fitness=" + Arrays.toString(fitness);
        }
    }

    private final int maxSize;
    private final List<Entry> entries = new ArrayList<>();

    /** An empty hall of fame with room for {@code maxSize} individuals. */
    public HallOfFame(int maxSize) {
        this.maxSize = Require.nonNegative("maxSize", maxSize);
    }

    /** Offers each candidate in turn, as DEAP's {@code HallOfFame.update}. */
    public void update(List<Entry> candidates) {
        for (Entry candidate : candidates) offer(candidate);
    }

    private void offer(Entry candidate) {
        if (maxSize == 0) return;
        if (!entries.isEmpty() && entries.size() >= maxSize
                && compare(candidate, entries.get(entries.size() - 1)) <= 0) {
            return;
        }
        double[] values = candidate.params().toVector();
        for (Entry member : entries) {
            if (Vectors.sameValues(values, member.params().toVector())) return;
        }
        if (entries.size() >= maxSize) entries.remove(entries.size() - 1);
        int at = 0;
        while (at < entries.size() && compare(entries.get(at), candidate) > 0) at++;
        entries.add(at, candidate);
    }

    private static int compare(Entry a, Entry b) {
        return FitnessWeights.WEIGHTED_ORDER.compare(a.weightedFitness, b.weightedFitness);
    }

    /** The members, best first (an unmodifiable copy). */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The best member, if any. */
    public Optional<Entry> best() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /** The number of members. */
    public int size() {
        return entries.size();
    }

    /** The capacity. */
    public int maxSize() {
        return maxSize;
    }

    /** Replaces the members by {@code members}, best first, as saved by {@link #entries()}. */
    void restore(List<Entry> members) {
        if (members.size() > maxSize) {
            throw new IllegalArgumentException("a hall of fame of size " + maxSize + " cannot hold " + members.size()
                    + " members");
        }
        entries.clear();
        entries.addAll(members);
    }
}
