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
 * L2L's active-wait optimizee ({@code optimizee_aw.py}): keeps a CPU busy by finding every prime below
 * {@code difficulty} by trial division, and returns fitness 0. The individual is one scalar,
 * {@code difficulty}, which (as in L2L) does not change the work done. The number of primes found is
 * returned as extra data {@code primes}.
 *
 * @param difficulty the bound of the prime search, {@code >= 0}
 */
public record ActiveWaitOptimizee(int difficulty) implements Optimizee {
    /** Validates {@code difficulty}. */
    public ActiveWaitOptimizee {
        Require.nonNegative("difficulty", difficulty);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar("difficulty", difficulty).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        long primes = 0;
        for (int n = 2; n < difficulty; n++) if (isPrime(n)) primes++;
        return new SimulationResult(new double[] {0}, Map.of("primes", primes));
    }

    static boolean isPrime(int n) {
        if (n <= 1) return false;
        for (int i = 2; (long) i * i <= n; i++) if (n % i == 0) return false;
        return true;
    }
}
