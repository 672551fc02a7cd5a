package org.l2l.optimizers.annealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class ParallelTemperingTest {
    private static final TestSphere SPHERE = new TestSphere();
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);
    private static final SimulatedAnnealingSchedule CONSTANT = SimulatedAnnealingSchedule.LINEAR_ADDITIVE;

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    /** A generation result in which individual {@code i} has the raw (minimized) fitness {@code values[i]}. */
    private static GenerationResult result(int generation, List<Parameters> individuals, double... values) {
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Evaluation(new Individual(generation, i, individuals.get(i)), new double[] {values[i]},
                    new double[] {-values[i]}, Map.of(), null));
        }
        return new GenerationResult(generation, out);
    }

    /** Two replicas at constant temperatures: replica 0 hot (1), replica 1 cold (0.001). */
    private static ParallelTempering hotAndCold() {
        return new ParallelTempering(SPHERE, MINIMIZE, ParallelTemperingParameters.builder().nParallelRuns(2)
                .noisyStep(0.1).nIteration(10).coolingSchedules(CONSTANT)
                .temperatureBounds(new double[][] {{1, 1}, {0.001, 0.001}}).build());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExampleAndPerRunSettingsGivenOnceApplyToEveryRun() {
        ParallelTemperingParameters p = ParallelTemperingParameters.builder().build();
        assertEquals(5, p.nParallelRuns());
        assertEquals(0.03, p.noisyStep());
        assertEquals(1000, p.nIteration());
        assertEquals(Double.POSITIVE_INFINITY, p.stopCriterion());
        assertEquals(List.of(SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE, SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE,
                SimulatedAnnealingSchedule.EXPONENTIAL_ADDITIVE, SimulatedAnnealingSchedule.LINEAR_ADDITIVE,
                SimulatedAnnealingSchedule.LINEAR_ADDITIVE), p.coolingSchedules());
        assertArrayEquals(new double[][] {{0.8, 0}, {0.7, 0}, {0.6, 0}, {1, 0.1}, {0.9, 0.2}}, p.temperatureBounds());
        assertArrayEquals(new double[] {0.99, 0.99, 0.99, 0.99, 0.99}, p.decayParameters());
        assertEquals(1, p.swapInterval());

        ParallelTemperingParameters q = ParallelTemperingParameters.builder().nParallelRuns(3)
                .coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL).temperatureBounds(new double[][] {{2, 0}})
                .decayParameters(0.9, 0.8, 0.7).build();
        assertEquals(List.of(SimulatedAnnealingSchedule.EXPONENTIAL, SimulatedAnnealingSchedule.EXPONENTIAL,
                SimulatedAnnealingSchedule.EXPONENTIAL), q.coolingSchedules());
        assertArrayEquals(new double[][] {{2, 0}, {2, 0}, {2, 0}}, q.temperatureBounds());
        assertArrayEquals(new double[] {0.9, 0.8, 0.7}, q.decayParameters());
        assertEquals(q, ParallelTemperingParameters.builder().nParallelRuns(3)
                .coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL).temperatureBounds(new double[][] {{2, 0}})
                .decayParameters(0.9, 0.8, 0.7).build(), "equal by content");
    }

    @Test
    void badValuesAreRejectedNamingTheFieldAndValue() {
        assertMessage("nParallelRuns must be > 0, but was 0", () -> ParallelTemperingParameters.builder().nParallelRuns(0).build());
        assertMessage("swapInterval must be > 0, but was 0", () -> ParallelTemperingParameters.builder().swapInterval(0).build());
        assertMessage("stopCriterion must not be NaN", () -> ParallelTemperingParameters.builder().stopCriterion(Double.NaN).build());
        assertMessage("coolingSchedules must have 1 entry (for every run) or 4 (one per run, nParallelRuns=4), but has 5",
                () -> ParallelTemperingParameters.builder().nParallelRuns(4).build());
        assertMessage("temperatureBounds[1] must be [start, end], but was [1.0]", () -> ParallelTemperingParameters.builder()
                .temperatureBounds(new double[][] {{1, 0}, {1}, {1, 0}, {1, 0}, {1, 0}}).build());
        assertMessage("temperatureBounds[0].start must be a finite number > 0, but was 0.0",
                () -> ParallelTemperingParameters.builder().temperatureBounds(new double[][] {{0, 0}}).build());
        assertMessage("temperatureBounds[0] must have end <= start, but was [0.5, 0.6]",
                () -> ParallelTemperingParameters.builder().temperatureBounds(new double[][] {{0.5, 0.6}}).build());
        assertMessage("temperatureBounds[0] must have end < start for the EXPONENTIAL_ADDITIVE schedule of run 0, but was "
                + "[0.5, 0.5]", () -> ParallelTemperingParameters.builder().temperatureBounds(new double[][] {{0.5, 0.5}}).build());
        assertMessage("decayParameters[2] must be a finite number >= 0, but was -1.0",
                () -> ParallelTemperingParameters.builder().decayParameters(1, 1, -1, 1, 1).build());
    }

    @Test
    void swapProbabilityIsTheMetropolisCriterionOnCosts() {
        // costs E = -f: the hotter replica (T = 2) holds the better point (f = -1 against -3): always swap
        assertEquals(1, ParallelTempering.swapProbability(-3, -1, 0.5, 2));
        assertEquals(1, ParallelTempering.swapProbability(-1, -3, 2, 0.5));
        // the colder replica holds the better point: exp((E_i - E_j)(1/T_i - 1/T_j)) = exp((1 - 3)(2 - 0.5))
        assertEquals(Math.exp(-3), ParallelTempering.swapProbability(-1, -3, 0.5, 2), 1e-15);
        assertEquals(Math.exp(-3), ParallelTempering.swapProbability(-3, -1, 2, 0.5), 1e-15);
        // no difference in fitness or temperature, or a temperature of 0 with equal fitness: nothing to decide
        assertEquals(1, ParallelTempering.swapProbability(-2, -2, 0.5, 2));
        assertEquals(1, ParallelTempering.swapProbability(-1, -3, 1, 1));
        assertEquals(1, ParallelTempering.swapProbability(-2, -2, 0, 1));
        // a failed replica (-inf) at the colder temperature gives way; at the hotter one it stays
        assertEquals(1, ParallelTempering.swapProbability(Double.NEGATIVE_INFINITY, -1, 0.5, 2));
        assertEquals(0, ParallelTempering.swapProbability(-1, Double.NEGATIVE_INFINITY, 0.5, 2));
    }

    @Test
    void theHotterReplicasBetterPointMovesToTheColderTemperature() {
        ParallelTempering pt = hotAndCold();
        List<Parameters> g0 = pt.firstGeneration();
        // replica 0 (hot) finds the better point: both are accepted (from -inf), then exchanged with probability 1
        Step s = pt.next(result(0, g0, 0.5, 30));
        assertTrue(s instanceof Step.Next);
        assertArrayEquals(new double[] {-30, -0.5}, pt.currentFitness());
        assertEquals(g0.get(0), pt.currentIndividuals().get(1), "the cold replica now holds the hot one's point");
        assertEquals(g0.get(1), pt.currentIndividuals().get(0));
        assertArrayEquals(new double[] {1, 0.001}, pt.temperatures(), "temperatures stay with their replicas");
        assertEquals(1, pt.swapsAttempted());
        assertEquals(1, pt.swapsAccepted());
    }

    @Test
    void theColderReplicaKeepsItsBetterPoint() {
        ParallelTempering pt = hotAndCold();
        List<Parameters> g0 = pt.firstGeneration();
        pt.next(result(0, g0, 30, 0.5));
        // p = exp(-29.5 * (1000 - 1)) = 0: no exchange
        assertArrayEquals(new double[] {-30, -0.5}, pt.currentFitness());
        assertEquals(g0.get(1), pt.currentIndividuals().get(1));
        assertEquals(1, pt.swapsAttempted());
        assertEquals(0, pt.swapsAccepted());
    }

    @Test
    void exchangesAlternateEvenAndOddNeighbourPairsAtTheSwapInterval() {
        ParallelTemperingParameters.Builder b = ParallelTemperingParameters.builder().nParallelRuns(4).noisyStep(0.5)
                .nIteration(10).coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL)
                .temperatureBounds(new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}}).decayParameters(0.9);
        ParallelTempering pt = new ParallelTempering(SPHERE, MINIMIZE, b.swapInterval(2).build());
        assertEquals(10, Drive.run(pt, SPHERE, 100).size());
        // exchanges after generations 2, 4, 6, 8, 10: pairs (0,1),(2,3) | (1,2) | (0,1),(2,3) | (1,2) | (0,1),(2,3)
        assertEquals(8, pt.swapsAttempted());
        assertTrue(pt.swapsAccepted() > 0, "some exchanges are accepted: " + pt.swapsAccepted());

        ParallelTempering never = new ParallelTempering(SPHERE, MINIMIZE, b.swapInterval(11).build());
        Drive.run(never, SPHERE, 100);
        assertEquals(0, never.swapsAttempted(), "an interval above nIteration never exchanges, as L2L");
    }

    @Test
    void temperaturesFollowEachReplicasOwnSchedule() {
        ParallelTempering pt = new ParallelTempering(SPHERE, MINIMIZE, ParallelTemperingParameters.builder()
                .nParallelRuns(2).nIteration(10).swapInterval(100)
                .coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL, SimulatedAnnealingSchedule.LINEAR_ADDITIVE)
                .temperatureBounds(new double[][] {{2, 0}, {1, 0.5}}).decayParameters(0.5, 0.9).build());
        List<List<Parameters>> all = Drive.continueRun(pt, SPHERE, 0, pt.firstGeneration(), 3, p -> false);
        assertEquals(3, all.size());
        // after generation 2, k = 3: 2 * 0.5^3 and 0.5 + 0.5 * (10 - 3) / 10
        assertArrayEquals(new double[] {0.25, 0.85}, pt.temperatures(), 1e-12);
    }

    @Test
    void aFixedSeedClearlyImprovesOnTheSphere() {
        ParallelTempering pt = new ParallelTempering(SPHERE, MINIMIZE, ParallelTemperingParameters.builder().seed(2)
                .nParallelRuns(8).noisyStep(1).nIteration(100).coolingSchedules(SimulatedAnnealingSchedule.EXPONENTIAL)
                .temperatureBounds(new double[][] {{1, 0}, {0.8, 0}, {0.6, 0}, {0.4, 0}, {0.3, 0}, {0.2, 0}, {0.1, 0}, {0.05, 0}})
                .decayParameters(0.97).build());
        List<List<Parameters>> all = Drive.run(pt, SPHERE, 500);
        assertEquals(100, all.size());
        double first = all.get(0).stream().mapToDouble(TestSphere::value).min().orElseThrow();
        assertTrue(-pt.bestFitness() < first / 10 && -pt.bestFitness() < 0.5,
                "best went from " + first + " to " + -pt.bestFitness());
    }

    @Test
    void theStopCriterionEndsTheRun() {
        ParallelTempering pt = new ParallelTempering(SPHERE, MINIMIZE,
                ParallelTemperingParameters.builder().stopCriterion(-1000).build());
        Step step = pt.next(Drive.evaluate(0, pt.firstGeneration(), SPHERE, MINIMIZE, p -> false));
        assertTrue(step instanceof Step.Finished f && f.reason().contains("stopCriterion"), step.toString());
        assertTrue(pt.isFinished());
    }

    @Test
    void describeAndEndWriteTheSettingsAndTheResult() {
        ParallelTempering pt = new ParallelTempering(SPHERE, MINIMIZE, ParallelTemperingParameters.builder()
                .nIteration(3).build());
        Trajectory t = new Trajectory("t");
        pt.describe(t);
        Drive.run(pt, SPHERE, 10);
        pt.end(t);
        assertEquals("EXPONENTIAL_ADDITIVE EXPONENTIAL_ADDITIVE EXPONENTIAL_ADDITIVE LINEAR_ADDITIVE LINEAR_ADDITIVE",
                t.group(ParallelTempering.PARAMETER_GROUP).getString("coolingSchedules"));
        assertArrayEquals(new double[] {0.8, 0.7, 0.6, 1, 0.9},
                (double[]) t.group(ParallelTempering.PARAMETER_GROUP).get("temperatureBounds.start"));
        assertEquals(pt.bestFitness(), t.group(ParallelTempering.RESULT_GROUP).getDouble("finalFitness"));
        assertEquals(3, t.group(ParallelTempering.RESULT_GROUP).getLong("nIteration"));
        assertEquals(pt.swapsAttempted(), t.group(ParallelTempering.RESULT_GROUP).getLong("swapsAttempted"));
    }

    @Test
    void aStateOfAnotherSizeIsRefused() {
        ParallelTempering five = new ParallelTempering(SPHERE, MINIMIZE, ParallelTemperingParameters.builder().build());
        ParallelTempering two = hotAndCold();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.restoreState(five.saveState()));
        assertEquals("the saved state does not fit nParallelRuns=2", e.getMessage());
    }
}
