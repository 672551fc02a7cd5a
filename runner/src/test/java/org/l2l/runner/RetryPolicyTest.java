package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;
import org.junit.jupiter.api.Test;

/** The one place that decides what a simulation's result counts as: NaN fitness, wrong fitness length. */
class RetryPolicyTest {
    private static final Individual IND = new Individual(0, 1, Parameters.builder().scalar("x", 2).build());

    @Test
    void aNanFitnessIsAFailedAttemptRetriedThenRecordedAsFailedWithTheWorstWeightedFitness() {
        FitnessWeights w = FitnessWeights.of(-1.0);
        RetryPolicy policy = new RetryPolicy(RunnerOptions.builder().maxRetries(2).stopRun(false).build());
        assertNull(RetryPolicy.check(IND, SimulationResult.of(3.0), w));
        Evaluation last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            String failure = RetryPolicy.check(IND, SimulationResult.of(Double.NaN), w);
            assertNotNull(failure, "NaN is not accepted as a fitness");
            assertTrue(failure.contains("NaN") && failure.contains("g0/i1"), failure);
            last = policy.failure(IND, w, attempt, failure, null);
            assertEquals(attempt <= 2, last == null, "retried maxRetries times, then given up");
        }
        assertTrue(last.failed());
        assertEquals(Double.NEGATIVE_INFINITY, last.weightedFitness()[0], "a NaN individual is never the best");
    }

    @Test
    void aNanFitnessStopsTheRunUnderTheStopRunPolicy() {
        FitnessWeights w = FitnessWeights.of(1.0, 1.0);
        RetryPolicy policy = new RetryPolicy(RunnerOptions.builder().maxRetries(0).build());
        String failure = RetryPolicy.check(IND, SimulationResult.of(1.0, Double.NaN), w);
        assertTrue(failure.contains("fitness component 1"), failure);
        RunFailedException e = assertThrows(RunFailedException.class, () -> policy.failure(IND, w, 1, failure, null));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void aFitnessOfTheWrongLengthIsReportedAtOnceNamingBothLengths() {
        OptimizeeContractException e = assertThrows(OptimizeeContractException.class,
                () -> RetryPolicy.check(IND, SimulationResult.of(1.0, 2.0), FitnessWeights.of(-1.0)));
        assertTrue(e.getMessage().contains("returned 2 fitness components") && e.getMessage().contains("1 fitness weight"),
                e.getMessage());
        assertTrue(e.getMessage().contains("fitnessWeights"), "names the setting to fix: " + e.getMessage());
    }
}
