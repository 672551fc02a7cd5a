package org.l2l.optimizers.annealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class SimulatedAnnealingTest {
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("nParallelRuns must be > 0, but was 0", () -> SimulatedAnnealingParameters.builder().nParallelRuns(0).build());
        assertMessage("noisyStep must be a finite number >= 0, but was -1.0",
                () -> SimulatedAnnealingParameters.builder().noisyStep(-1).build());
        assertMessage("nIteration must be > 0, but was 0", () -> SimulatedAnnealingParameters.builder().nIteration(0).build());
        assertMessage("stopCriterion must not be NaN",
                () -> SimulatedAnnealingParameters.builder().stopCriterion(Double.NaN).build());
        assertEquals(new SimulatedAnnealingParameters(50, 0.03, 0.99, 100, Double.POSITIVE_INFINITY, 0,
                SimulatedAnnealingSchedule.QUADRATIC_ADDITIVE), SimulatedAnnealingParameters.builder().build());
    }

    @Test
    void schedulesFollowL2lsFormulas() {
        assertEquals(0.5, SimulatedAnnealingSchedule.DEFAULT.temperature(1, 0.5, 1, 0, 1, 10), 1e-15);
        assertEquals(1 / (1 + Math.log(3)), SimulatedAnnealingSchedule.LOGARITHMIC.temperature(1, 0, 1, 0, 2, 10), 1e-15);
        assertEquals(0.85 * 0.85, SimulatedAnnealingSchedule.EXPONENTIAL.temperature(1, 0.85, 1, 0, 2, 10), 1e-15);
        assertEquals(1.0 / 3, SimulatedAnnealingSchedule.LINEAR_MULTIPLICATIVE.temperature(1, 1, 1, 0, 2, 10), 1e-15);
        assertEquals(1.0 / 5, SimulatedAnnealingSchedule.QUADRATIC_MULTIPLICATIVE.temperature(1, 1, 1, 0, 2, 10), 1e-15);
        assertEquals(0.8, SimulatedAnnealingSchedule.LINEAR_ADDITIVE.temperature(1, 0, 1, 0, 2, 10), 1e-15);
        assertEquals(0.64, SimulatedAnnealingSchedule.QUADRATIC_ADDITIVE.temperature(0.3, 0, 1, 0, 2, 10), 1e-15);
        assertEquals(0.5, SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE.temperature(1, 0, 1, 0, 2, 10), 1e-15);
        assertEquals(0.1, SimulatedAnnealingSchedule.TRIGONOMETRIC_ADDITIVE.temperature(1, 0, 1, 0.1, 10, 10), 1e-6);
        assertEquals(0.85, SimulatedAnnealing.alpha(SimulatedAnnealingSchedule.EXPONENTIAL, 0.5));
        assertEquals(0.5, SimulatedAnnealing.alpha(SimulatedAnnealingSchedule.DEFAULT, 0.5));
    }

    @Test
    void aFixedSeedClearlyImprovesOnTheSphere() {
        SimulatedAnnealing sa = new SimulatedAnnealing(SPHERE, FitnessWeights.of(-1), SimulatedAnnealingParameters.builder()
                .seed(2).nParallelRuns(10).noisyStep(1).tempDecay(0.9).nIteration(150)
                .coolingSchedule(SimulatedAnnealingSchedule.DEFAULT).build());
        List<List<Parameters>> all = Drive.run(sa, SPHERE, 500);
        assertEquals(150, all.size());
        double first = all.get(0).stream().mapToDouble(TestSphere::value).min().orElseThrow();
        assertTrue(-sa.bestFitness() < first / 10 && -sa.bestFitness() < 0.5,
                "best went from " + first + " to " + -sa.bestFitness());
    }

    @Test
    void theStopCriterionEndsTheRun() {
        SimulatedAnnealing sa = new SimulatedAnnealing(SPHERE, FitnessWeights.of(-1),
                SimulatedAnnealingParameters.builder().nParallelRuns(5).stopCriterion(-1000).build());
        Step step = sa.next(Drive.evaluate(0, sa.firstGeneration(), SPHERE, sa.fitnessWeights(), p -> false));
        assertTrue(step instanceof Step.Finished f && f.reason().contains("stopCriterion"), step.toString());
        assertTrue(sa.isFinished());
    }

    @Test
    void failedEvaluationsAreNotAcceptedOverAFiniteFitness() {
        SimulatedAnnealing sa = new SimulatedAnnealing(SPHERE, FitnessWeights.of(-1),
                SimulatedAnnealingParameters.builder().nParallelRuns(4).nIteration(5).build());
        List<Parameters> g0 = sa.firstGeneration();
        Step s = sa.next(Drive.evaluate(0, g0, SPHERE, sa.fitnessWeights(), p -> false));
        double best = sa.bestFitness();
        sa.next(Drive.evaluate(1, ((Step.Next) s).individuals(), SPHERE, sa.fitnessWeights(), p -> true));
        assertEquals(best, sa.bestFitness());
    }
}
