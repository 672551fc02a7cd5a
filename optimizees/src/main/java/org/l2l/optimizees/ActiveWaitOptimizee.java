package org.l2l.optimizees;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * L2L's active-wait optimizee ({@code AWOptimizee}): each evaluation keeps the CPU busy by finding,
 * with naive trial division, every prime below {@code difficulty}, and then returns a fitness of 0.
 * It measures the overhead of the outer loop under a known, adjustable amount of work.
 *
 * <p>As in L2L, an individual has one scalar parameter {@value #PARAM} set to {@code difficulty},
 * {@link #bound} leaves it unchanged, and the work depends on the configured {@code difficulty} only,
 * never on the individual's (possibly mutated) parameter. The number of primes found is returned as
 * extra data {@value #PRIME_COUNT}, which also keeps the computation from being optimized away.
 *
 * @param difficulty primes are searched in {@code [1, floor(difficulty))}; finite, {@code >= 0} and at
 *     most {@link Integer#MAX_VALUE}. L2L's examples use {@code 10000}.
 */
public record ActiveWaitOptimizee(double difficulty) implements Optimizee {
    /** The name of the individual's only parameter, as in L2L. */
    public static final String PARAM = "difficulty";

    /** The key of the extra data holding the number of primes found. */
    public static final String PRIME_COUNT = "primeCount";

    /** Validates {@code difficulty}. */
    public ActiveWaitOptimizee {
        Require.nonNegative("difficulty", difficulty);
        if (difficulty > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("difficulty must be at most " + Integer.MAX_VALUE + ", but was "
                    + difficulty);
        }
    }

    /** An individual whose parameter {@value #PARAM} is the configured difficulty (no randomness). */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar(PARAM, difficulty).build();
    }

    /** Counts the primes below {@code difficulty} and returns fitness {@code {0}}. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        return new SimulationResult(new double[] {0}, Map.of(PRIME_COUNT, countPrimesBelow((long) difficulty)));
    }

    /** The number of primes {@code p} with {@code 1 <= p < limit}, each tested by trial division. */
    static long countPrimesBelow(long limit) {
        long count = 0;
        for (long n = 1; n < limit; n++) {
            if (isPrime(n)) count++;
        }
        return count;
    }

    /** Trial division by {@code 2 .. floor(sqrt(n))}, the test L2L uses. */
    static boolean isPrime(long n) {
        if (n <= 1) return false;
        long root = (long) Math.sqrt((double) n);
        for (long d = 2; d <= root; d++) {
            if (n % d == 0) return false;
        }
        return true;
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ActiveWaitOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private Double difficulty;

        private Builder() {}

        /** Primes are searched in {@code [1, floor(difficulty))}; required. */
        public Builder difficulty(double v) {
            difficulty = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public ActiveWaitOptimizee build() {
            if (difficulty == null) throw new IllegalArgumentException("difficulty is required");
            return new ActiveWaitOptimizee(difficulty);
        }
    }
}
