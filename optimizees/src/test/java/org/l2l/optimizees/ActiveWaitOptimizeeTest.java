package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

class ActiveWaitOptimizeeTest {

    private static SimulationResult run(ActiveWaitOptimizee o, Parameters p) {
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(1), -1));
    }

    @ParameterizedTest(name = "difficulty {0}")
    @CsvSource({"0, 0", "2, 0", "2.5, 0", "3, 1", "100, 25", "101, 25", "102, 26", "10000, 1229"})
    void countsThePrimesBelowTheDifficultyAndReturnsZero(double difficulty, long primes) {
        ActiveWaitOptimizee o = new ActiveWaitOptimizee(difficulty);
        SimulationResult r = run(o, o.createIndividual(Rng.seeded(0)));
        assertArrayEquals(new double[] {0}, r.fitness());
        assertEquals(primes, r.extra().get(ActiveWaitOptimizee.PRIME_COUNT));
    }

    @Test
    void primalityTestMatchesTrialDivision() {
        assertFalse(ActiveWaitOptimizee.isPrime(1));
        assertTrue(ActiveWaitOptimizee.isPrime(2));
        assertFalse(ActiveWaitOptimizee.isPrime(9));
        assertFalse(ActiveWaitOptimizee.isPrime(49));
        assertTrue(ActiveWaitOptimizee.isPrime(97));
        assertFalse(ActiveWaitOptimizee.isPrime(7919L * 7919L));
    }

    @Test
    void theIndividualCarriesTheDifficultyButDoesNotChangeTheWork() {
        ActiveWaitOptimizee o = new ActiveWaitOptimizee(100);
        Parameters p = o.createIndividual(Rng.seeded(0));
        assertEquals(100.0, p.scalar("difficulty"));
        assertSame(p, o.bound(p));
        Parameters mutated = Parameters.builder().scalar("difficulty", 5).build();
        assertEquals(25L, run(o, mutated).extra().get(ActiveWaitOptimizee.PRIME_COUNT));
    }

    @Test
    void badDifficultyNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActiveWaitOptimizee(-1));
        assertTrue(e.getMessage().contains("difficulty") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActiveWaitOptimizee(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("difficulty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActiveWaitOptimizee(1e10));
        assertTrue(e.getMessage().contains("difficulty") && e.getMessage().contains("1.0E10"), e.getMessage());
    }
}
