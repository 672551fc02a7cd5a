package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;

/** The one place that decides what a simulation's result counts as: NaN fitness, wrong fitness length. */
class GenerationCollectorTest {
    private static List<Individual> two() {
        return List.of(new Individual(0, 0, Parameters.builder().scalar("x", 1).build()),
                new Individual(0, 1, Parameters.builder().scalar("x", 2).build()));
    }

    @Test
    void aNanFitnessIsAFailedAttemptRetriedThenRecordedAsFailedWithTheWorstWeightedFitness() {
        RunnerOptions ro = RunnerOptions.builder().maxRetries(2).stopRun(false).build();
        GenerationCollector c = new GenerationCollector(0, two(), FitnessWeights.of(-1.0), ro);
        assertNull(c.success(0, SimulationResult.of(3.0)));
        for (int attempt = 0; attempt < 3; attempt++) {
            String failure = c.success(1, SimulationResult.of(Double.NaN));
            assertNotNull(failure, "NaN is not accepted as a fitness");
            assertTrue(failure.contains("NaN") && failure.contains("g0/i1"), failure);
            assertEquals(attempt < 2, c.failure(1, failure, null), "retried maxRetries times, then given up");
        }
        GenerationResult r = c.result();
        assertTrue(r.evaluations().get(1).failed());
        assertEquals(Double.NEGATIVE_INFINITY, r.evaluations().get(1).weightedFitness()[0]);
        assertEquals(0, r.best().orElseThrow().individual().index(), "a NaN individual is never the best");
    }

    @Test
    void aNanFitnessStopsTheRunUnderTheStopRunPolicy() {
        GenerationCollector c = new GenerationCollector(0, two(), FitnessWeights.of(1.0, 1.0),
                RunnerOptions.builder().maxRetries(0).build());
        String failure = c.success(0, SimulationResult.of(1.0, Double.NaN));
        assertTrue(failure.contains("fitness component 1"), failure);
        RunFailedException e = assertThrows(RunFailedException.class, () -> c.failure(0, failure, null));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void aFitnessOfTheWrongLengthIsReportedAtOnceNamingBothLengths() {
        GenerationCollector c = new GenerationCollector(0, two(), FitnessWeights.of(-1.0), RunnerOptions.defaults());
        OptimizeeContractException e = assertThrows(OptimizeeContractException.class,
                () -> c.success(0, SimulationResult.of(1.0, 2.0)));
        assertTrue(e.getMessage().contains("returned 2 fitness components") && e.getMessage().contains("1 fitness weight"),
                e.getMessage());
        assertTrue(e.getMessage().contains("fitnessWeights"), "names the setting to fix: " + e.getMessage());
    }
}
