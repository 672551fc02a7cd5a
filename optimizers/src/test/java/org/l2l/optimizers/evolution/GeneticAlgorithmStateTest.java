package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class GeneticAlgorithmStateTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere();
    private static final GeneticAlgorithmParameters PARAMS = GeneticAlgorithmParameters.builder()
            .seed(99).popSize(12).nIteration(10).indProb(0.4).tournSize(3).build();

    @Test
    void snapshotRestoreContinueIsBitIdenticalToAnUninterruptedRun() {
        GeneticAlgorithm straight = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        List<List<Parameters>> expected = Drive.run(straight, SPHERE, Integer.MAX_VALUE);
        assertEquals(10, expected.size());

        GeneticAlgorithm interrupted = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        List<List<Parameters>> got = new ArrayList<>(Drive.run(interrupted, SPHERE, 4));
        GeneticAlgorithm.State saved = interrupted.snapshot();

        GeneticAlgorithm resumed = GeneticAlgorithm.restore(new TestSphere(), MINIMIZE, PARAMS, saved);
        assertEquals(4, resumed.generation());
        assertEquals(interrupted.pending(), resumed.pending());
        assertEquals(saved, resumed.snapshot());
        got.addAll(Drive.continueRun(resumed, SPHERE, 4, resumed.pending(), Integer.MAX_VALUE, p -> false));

        assertEquals(expected, got);
        assertEquals(straight.snapshot(), resumed.snapshot());
        assertEquals(straight.hallOfFame(), resumed.hallOfFame());
        assertTrue(resumed.isFinished());
    }

    @Test
    void savedStateBytesRestoredIntoAFreshOptimizerContinueBitIdentically() {
        GeneticAlgorithm straight = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        List<List<Parameters>> expected = Drive.run(straight, SPHERE, Integer.MAX_VALUE);

        GeneticAlgorithm interrupted = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        List<List<Parameters>> got = new ArrayList<>(Drive.run(interrupted, SPHERE, 5));
        byte[] saved = interrupted.saveState();

        GeneticAlgorithm resumed = new GeneticAlgorithm(new TestSphere(), MINIMIZE, PARAMS); // as a new driver builds it
        List<Parameters> pending = resumed.restoreState(saved);
        assertEquals(interrupted.pending(), pending);
        assertEquals(interrupted.snapshot(), resumed.snapshot());
        got.addAll(Drive.continueRun(resumed, SPHERE, 5, pending, Integer.MAX_VALUE, p -> false));
        assertEquals(expected, got);
        assertEquals(straight.snapshot(), resumed.snapshot());
    }

    @Test
    void savedStateOfAFinishedRunRestoresAsFinished() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        Drive.run(ga, SPHERE, Integer.MAX_VALUE);
        GeneticAlgorithm again = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        assertEquals(null, again.restoreState(ga.saveState()));
        assertTrue(again.isFinished());
    }

    @Test
    void aSnapshotOfANewRunRestoresItsFirstGeneration() {
        GeneticAlgorithm fresh = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        GeneticAlgorithm restored = GeneticAlgorithm.restore(SPHERE, MINIMIZE, PARAMS, fresh.snapshot());
        assertEquals(fresh.firstGeneration(), restored.firstGeneration());
        assertEquals(Drive.run(fresh, SPHERE, 3), Drive.run(restored, SPHERE, 3));
    }

    @Test
    void aSnapshotIsAnIndependentCopy() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        Drive.run(ga, SPHERE, 2);
        GeneticAlgorithm.State before = ga.snapshot();
        double[][] pop = before.population();
        pop[0][0] = 1234.5;
        assertNotEquals(1234.5, before.population()[0][0]);
        Drive.continueRun(ga, SPHERE, 2, ga.pending(), 1, p -> false);
        assertNotEquals(before, ga.snapshot());
        assertEquals(2, GeneticAlgorithm.restore(SPHERE, MINIMIZE, PARAMS, before).generation());
    }

    @Test
    void pendingIndividualsHaveNoFitnessInTheState() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS);
        for (double[] f : ga.snapshot().fitness()) assertNull(f);
        Step step = ga.next(Drive.evaluate(0, ga.firstGeneration(), SPHERE, MINIMIZE, p -> false));
        int pending = ((Step.Next) step).individuals().size();
        long nulls = java.util.Arrays.stream(ga.snapshot().weightedFitness()).filter(f -> f == null).count();
        assertEquals(pending, nulls);
    }

    @Test
    void restoreRejectsAStateThatDoesNotFit() {
        GeneticAlgorithm.State s = new GeneticAlgorithm(SPHERE, MINIMIZE, PARAMS).snapshot();
        GeneticAlgorithmParameters bigger = GeneticAlgorithmParameters.builder().seed(99).popSize(13).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneticAlgorithm.restore(SPHERE, MINIMIZE, bigger, s));
        assertTrue(e.getMessage().contains("popSize is 13"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> GeneticAlgorithm.restore(new TestSphere(3, -5, 5), MINIMIZE, PARAMS, s));
        assertTrue(e.getMessage().contains("population[0] has 3 values"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> GeneticAlgorithm.restore(SPHERE, MINIMIZE,
                        GeneticAlgorithmParameters.builder().seed(99).popSize(12).nIteration(10).build(),
                        new GeneticAlgorithm.State(s.rngState(), 10, false, s.population(), s.fitness(),
                                s.weightedFitness(), s.hallOfFameVectors(), s.hallOfFameFitness(),
                                s.hallOfFameWeightedFitness())));
        assertTrue(e.getMessage().contains("generation 10"), e.getMessage());
    }
}
