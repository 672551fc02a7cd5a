package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class GeneticAlgorithmTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere();

    private static GeneticAlgorithmParameters.Builder small() {
        return GeneticAlgorithmParameters.builder().seed(11).popSize(10).nIteration(6).indProb(0.3).tournSize(3);
    }

    private static List<List<Parameters>> runAll(GeneticAlgorithmParameters p) {
        return Drive.run(new GeneticAlgorithm(SPHERE, MINIMIZE, p), SPHERE, Integer.MAX_VALUE);
    }

    @Test
    void sameSeedGivesIdenticalProposals() {
        List<List<Parameters>> a = runAll(small().build());
        List<List<Parameters>> b = runAll(small().build());
        assertEquals(6, a.size());
        assertEquals(a, b);
    }

    @Test
    void differentSeedsGiveDifferentProposals() {
        List<List<Parameters>> a = runAll(small().seed(1).build());
        List<List<Parameters>> b = runAll(small().seed(2).build());
        assertNotEquals(a.get(0), b.get(0));
        assertNotEquals(a.get(a.size() - 1), b.get(b.size() - 1));
    }

    @Test
    void proposalsRespectTheBoundingFunction() {
        TestSphere narrow = new TestSphere(2, -1, 1); // creates in [-5, 5], bounds to [-1, 1]
        GeneticAlgorithm ga = new GeneticAlgorithm(narrow, MINIMIZE,
                small().cxProb(1).mutProb(0.5).indProb(0.5).mutPar(3).nIteration(8).build());
        List<List<Parameters>> all = Drive.run(ga, narrow, Integer.MAX_VALUE);
        assertEquals(8, all.size());
        int atBound = 0;
        for (List<Parameters> gen : all) {
            for (Parameters p : gen) {
                for (double v : p.toVector()) {
                    assertTrue(v >= -1 && v <= 1, "value " + v + " of " + p + " is outside the bounds [-1, 1]");
                    if (Math.abs(v) == 1) atBound++;
                }
            }
        }
        assertTrue(atBound > 0, "the bounding function was never needed; the test would prove nothing");
    }

    @Test
    void populationSizeAndNumberOfGenerationsAreRespected() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, small().popSize(7).nIteration(5).build());
        List<Parameters> current = ga.firstGeneration();
        assertEquals(7, current.size());
        for (int g = 0; g < 5; g++) {
            assertTrue(current.size() >= 1 && current.size() <= 7, "generation " + g + " has " + current.size());
            assertEquals(g, ga.generation());
            Step step = ga.next(Drive.evaluate(g, current, SPHERE, MINIMIZE, p -> false));
            if (g < 4) {
                current = assertInstanceOf(Step.Next.class, step).individuals();
            } else {
                assertInstanceOf(Step.Finished.class, step);
            }
        }
        assertTrue(ga.isFinished());
        assertTrue(ga.pending().isEmpty());
        GenerationResult again = Drive.evaluate(5, current, SPHERE, MINIMIZE, p -> false);
        assertThrows(IllegalStateException.class, () -> ga.next(again));
    }

    @Test
    void oneIterationFinishesAfterTheFirstGeneration() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, small().nIteration(1).build());
        Step step = ga.next(Drive.evaluate(0, ga.firstGeneration(), SPHERE, MINIMIZE, p -> false));
        assertInstanceOf(Step.Finished.class, step);
    }

    @Test
    void aResultOfTheWrongSizeIsRejected() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, small().build());
        List<Parameters> first = ga.firstGeneration();
        GenerationResult partial = Drive.evaluate(0, first.subList(0, 3), SPHERE, MINIMIZE, p -> false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ga.next(partial));
        assertTrue(e.getMessage().contains("3 evaluations, but 10 individuals"), e.getMessage());
    }

    @Test
    void onlyChangedIndividualsAreProposedAndTheOthersKeepTheirFitness() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE,
                small().popSize(20).cxProb(0.1).mutProb(0.1).tournSize(2).nIteration(12).build());
        List<Parameters> current = ga.firstGeneration();
        List<double[]> evaluatedSoFar = new ArrayList<>();
        boolean sawPartialGeneration = false;
        for (int g = 0; ; g++) {
            for (Parameters p : current) evaluatedSoFar.add(p.toVector());
            Step step = ga.next(Drive.evaluate(g, current, SPHERE, MINIMIZE, p -> false));
            if (step instanceof Step.Finished) break;
            current = ((Step.Next) step).individuals();
            GeneticAlgorithm.State s = ga.snapshot();
            double[][] pop = s.population();
            double[][] fit = s.fitness();
            List<double[]> unevaluated = new ArrayList<>();
            for (int i = 0; i < pop.length; i++) {
                if (fit[i] == null) {
                    unevaluated.add(pop[i]);
                    continue;
                }
                // a kept individual carries the fitness of its own values, evaluated in an earlier generation
                double[] row = pop[i];
                Parameters p = current.get(0).withVector(row);
                assertEquals(TestSphere.value(p), fit[i][0], "kept fitness of " + p);
                assertTrue(evaluatedSoFar.stream().anyMatch(v -> Arrays.equals(v, row)),
                        p + " kept a fitness but was never evaluated");
            }
            assertEquals(unevaluated.size(), current.size());
            for (int k = 0; k < current.size(); k++) {
                assertTrue(Arrays.equals(unevaluated.get(k), current.get(k).toVector()),
                        "proposal " + k + " is not the population's " + k + "-th unevaluated individual");
            }
            if (current.size() < 20) sawPartialGeneration = true;
        }
        assertTrue(sawPartialGeneration, "every generation re-proposed the whole population");
    }

    @Test
    void whenEverythingMutatesTheWholePopulationIsProposed() {
        List<List<Parameters>> all = runAll(small().mutProb(1).indProb(1).build());
        for (List<Parameters> gen : all) assertEquals(10, gen.size());
    }

    @Test
    void duplicateOffspringAreMutatedAgain() {
        // no crossover, no mutation: only L2L's "mutating more" of duplicate clones can change anything
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE,
                small().popSize(4).tournSize(1).cxProb(0).mutProb(0).indProb(1).nIteration(20).build());
        List<List<Parameters>> all = Drive.run(ga, SPHERE, Integer.MAX_VALUE);
        assertTrue(all.size() > 1, "no duplicate was ever mutated");
        for (List<Parameters> gen : all.subList(1, all.size())) {
            assertTrue(gen.size() < 4, "at most the later copies change, never the first: " + gen.size());
        }
    }

    @Test
    void aGenerationWithoutChangesIsNotProposedButCounts() {
        // one individual, tournaments of one, no variation: every offspring equals its parent
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE,
                small().popSize(1).tournSize(1).cxProb(0).mutProb(0).nIteration(5).build());
        List<Parameters> first = ga.firstGeneration();
        assertEquals(1, first.size());
        Step step = ga.next(Drive.evaluate(0, first, SPHERE, MINIMIZE, p -> false));
        assertInstanceOf(Step.Finished.class, step);
        assertEquals(4, ga.generation());
        assertEquals(first.get(0), ga.best().orElseThrow().params());
    }

    @Test
    void improvesTheSphereOverThirtyGenerations() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, GeneticAlgorithmParameters.builder()
                .seed(2024).popSize(30).nIteration(30).cxProb(0.5).mutProb(0.3).indProb(0.3).tournSize(3)
                .matePar(0.5).mutPar(0.5).build());
        List<Parameters> current = ga.firstGeneration();
        double firstBest = current.stream().mapToDouble(TestSphere::value).min().orElseThrow();
        double previousBest = Double.POSITIVE_INFINITY;
        int generations = 0;
        for (int g = 0; ; g++) {
            generations++;
            Step step = ga.next(Drive.evaluate(g, current, SPHERE, MINIMIZE, p -> false));
            double best = ga.best().orElseThrow().fitness()[0];
            assertTrue(best <= previousBest, "the best fitness got worse: " + previousBest + " -> " + best);
            previousBest = best;
            if (step instanceof Step.Finished) break;
            current = ((Step.Next) step).individuals();
        }
        assertEquals(30, generations);
        double finalBest = ga.best().orElseThrow().fitness()[0];
        assertTrue(finalBest < 0.01 * firstBest, "best fitness went only from " + firstBest + " to " + finalBest);
        assertEquals(TestSphere.value(ga.best().orElseThrow().params()), finalBest);
        List<HallOfFame.Entry> hof = ga.hallOfFame();
        assertEquals(GeneticAlgorithm.HALL_OF_FAME_SIZE, hof.size());
        for (int r = 1; r < hof.size(); r++) {
            assertTrue(hof.get(r - 1).fitness()[0] <= hof.get(r).fitness()[0], "hall of fame out of order at " + r);
            for (int q = 0; q < r; q++) assertNotEquals(hof.get(q).params(), hof.get(r).params());
        }
    }

    @Test
    void failedEvaluationsLoseAndNeverEnterTheHallOfFame() {
        Predicate<Parameters> fails = p -> p.array("coords")[0] > 0;
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE,
                small().popSize(20).nIteration(15).tournSize(3).build());
        List<Parameters> first = ga.firstGeneration();
        long failedAtStart = first.stream().filter(fails).count();
        assertTrue(failedAtStart >= 5, "too few failures to test with: " + failedAtStart);
        Drive.continueRun(ga, SPHERE, 0, first, Integer.MAX_VALUE, fails);
        assertTrue(ga.isFinished());
        long failedAtEnd = Arrays.stream(ga.snapshot().weightedFitness())
                .filter(w -> w[0] == Double.NEGATIVE_INFINITY).count();
        assertTrue(failedAtEnd < failedAtStart / 2,
                "failed individuals did not die out: " + failedAtStart + " -> " + failedAtEnd);
        assertFalse(ga.hallOfFame().isEmpty());
        for (HallOfFame.Entry e : ga.hallOfFame()) {
            assertFalse(fails.test(e.params()), "a failed individual entered the hall of fame: " + e);
            assertTrue(Double.isFinite(e.weightedFitness()[0]));
        }
    }

    @Test
    void describeAndEndRecordParametersAndHallOfFame() {
        GeneticAlgorithmParameters p = small().build();
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, p);
        Trajectory traj = new Trajectory("t");
        ga.describe(traj);
        assertEquals(11L, traj.group("ga").getLong("seed"));
        assertEquals(10L, traj.group("ga").getLong("popSize"));
        assertEquals(0.5, traj.group("ga").getDouble("cxProb"));
        assertEquals(0.3, traj.group("ga").getDouble("mutProb"));
        assertEquals(6L, traj.group("ga").getLong("nIteration"));
        assertEquals(0.3, traj.group("ga").getDouble("indProb"));
        assertEquals(3L, traj.group("ga").getLong("tournSize"));
        assertEquals(0.5, traj.group("ga").getDouble("matePar"));
        assertEquals(1.0, traj.group("ga").getDouble("mutPar"));
        Drive.run(ga, SPHERE, Integer.MAX_VALUE);
        ga.end(traj);
        HallOfFame.Entry best = ga.best().orElseThrow();
        assertEquals(best.params().scalar("x"), traj.group("gaResult").getDouble("hallOfFame.0.x"));
        assertTrue(Arrays.equals(best.params().array("coords"),
                (double[]) traj.group("gaResult").get("hallOfFame.0.coords")));
        assertTrue(Arrays.equals(best.fitness(), (double[]) traj.group("gaResult").get("hallOfFame.0.fitness")));
        assertEquals(5L, traj.group("gaResult").getLong("generation"));
    }
}
