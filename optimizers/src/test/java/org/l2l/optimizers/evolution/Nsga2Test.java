package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class Nsga2Test {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final FitnessWeights MINIMIZE_BOTH = FitnessWeights.of(-1.0, -1.0);
    private static final TestSphere SPHERE = new TestSphere();

    /**
     * Schaffer's problem N.1 on one scalar {@code x} in [-10, 10]: {@code (x^2, (x - 2)^2)}, both minimized; its
     * Pareto set is {@code 0 <= x <= 2}. With {@code negate}, both values are negated (to be maximized).
     */
    record Schaffer(boolean negate) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator random) {
            return Parameters.builder().scalar("x", random.nextDouble(-10, 10)).build();
        }

        @Override
        public Parameters bound(Parameters p) {
            return Parameters.builder().scalar("x", Math.max(-10, Math.min(10, p.scalar("x")))).build();
        }

        @Override
        public SimulationResult simulate(Individual individual, SimulationContext context) {
            double x = individual.params().scalar("x");
            double s = negate ? -1 : 1;
            return SimulationResult.of(s * x * x, s * (x - 2) * (x - 2));
        }
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreDebsAndBadValuesAreRejectedNamingTheField() {
        Nsga2Parameters p = Nsga2Parameters.builder().build();
        assertEquals(new Nsga2Parameters(0, 100, 100, 0.9, 20, Double.NaN, 20), p);
        assertEquals(0.25, p.indProbFor(4));
        assertEquals(0.5, Nsga2Parameters.builder().indProb(0.5).build().indProbFor(4));
        assertMessage("popSize must be >= 2, but was 1", () -> Nsga2Parameters.builder().popSize(1).build());
        assertMessage("nIteration must be > 0, but was 0", () -> Nsga2Parameters.builder().nIteration(0).build());
        assertMessage("cxProb must be a probability in [0, 1], but was 1.5", () -> Nsga2Parameters.builder().cxProb(1.5).build());
        assertMessage("etaCrossover must be a finite number >= 0, but was -1.0",
                () -> Nsga2Parameters.builder().etaCrossover(-1).build());
        assertMessage("indProb must be a probability in [0, 1], but was 2.0", () -> Nsga2Parameters.builder().indProb(2).build());
        assertMessage("etaMutation must be a finite number >= 0, but was Infinity",
                () -> Nsga2Parameters.builder().etaMutation(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void approachesSchaffersParetoSetAndSpreadsAlongIt() {
        for (long seed = 1; seed <= 3; seed++) {
            Nsga2 nsga = new Nsga2(new Schaffer(false), MINIMIZE_BOTH,
                    Nsga2Parameters.builder().seed(seed).popSize(20).nIteration(25).build());
            List<List<Parameters>> all = Drive.run(nsga, new Schaffer(false), Integer.MAX_VALUE);
            assertEquals(25, all.size());
            assertTrue(nsga.isFinished());
            List<HallOfFame.Entry> front = nsga.paretoFront();
            assertTrue(front.size() >= 15, "a well-populated front: " + front.size());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (HallOfFame.Entry e : front) {
                double x = e.params().scalar("x");
                assertTrue(x > -0.01 && x < 2.01, "on the Pareto set [0, 2]: x = " + x);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            assertTrue(lo < 0.1 && hi > 1.9, "spread over the whole Pareto set: " + lo + " to " + hi);
            for (int i = 1; i < front.size(); i++) {
                assertTrue(front.get(i - 1).fitness()[0] <= front.get(i).fitness()[0], "ordered by the first component");
            }
        }
    }

    @Test
    void onlyTheSignsOfTheWeightsMatterAndAPositiveWeightMaximizes() {
        Nsga2Parameters p = Nsga2Parameters.builder().seed(4).popSize(10).nIteration(6).build();
        List<List<Parameters>> reference = Drive.run(new Nsga2(new Schaffer(false), MINIMIZE_BOTH, p), new Schaffer(false), 99);
        assertEquals(reference, Drive.run(new Nsga2(new Schaffer(false), FitnessWeights.of(-3, -0.1), p), new Schaffer(false), 99));
        assertEquals(reference, Drive.run(new Nsga2(new Schaffer(true), FitnessWeights.of(1, 1), p), new Schaffer(true), 99));
    }

    @Test
    void withOneObjectiveTheBestParentNeverGetsWorse() {
        Nsga2 nsga = new Nsga2(SPHERE, MINIMIZE, Nsga2Parameters.builder().seed(2).popSize(20).nIteration(30).build());
        List<Parameters> next = nsga.firstGeneration();
        double previous = Double.POSITIVE_INFINITY;
        double first = Double.NaN;
        for (int g = 0; next != null; g++) {
            var step = nsga.next(Drive.evaluate(g, next, SPHERE, MINIMIZE, p -> false));
            double best = nsga.paretoFront().get(0).fitness()[0];
            if (g == 0) first = best;
            assertTrue(best <= previous, "elitism: generation " + g + " best " + best + " after " + previous);
            previous = best;
            next = step instanceof org.l2l.core.Step.Next n ? n.individuals() : null;
        }
        assertTrue(previous < 1e-2 && previous < 0.01 * first, "the sphere went from " + first + " to " + previous);
    }

    @Test
    void failedIndividualsAreDominatedByEverySuccess() {
        Nsga2 nsga = new Nsga2(SPHERE, MINIMIZE, Nsga2Parameters.builder().seed(6).popSize(12).nIteration(10).build());
        Drive.continueRun(nsga, SPHERE, 0, nsga.firstGeneration(), Integer.MAX_VALUE, p -> p.scalar("x") < 0.5);
        List<HallOfFame.Entry> front = nsga.paretoFront();
        assertTrue(!front.isEmpty());
        for (HallOfFame.Entry e : front) {
            assertTrue(e.params().scalar("x") >= 0.5 && Double.isFinite(e.fitness()[0]), e.toString());
        }
        Nsga2 allFail = new Nsga2(SPHERE, MINIMIZE, Nsga2Parameters.builder().seed(6).popSize(4).nIteration(3).build());
        assertEquals(3, Drive.continueRun(allFail, SPHERE, 0, allFail.firstGeneration(), 9, p -> true).size());
        assertTrue(allFail.paretoFront().isEmpty());
    }

    @Test
    void describeAndEndRecordTheSettingsAndTheFinalFront() {
        Nsga2 nsga = new Nsga2(new Schaffer(false), MINIMIZE_BOTH, Nsga2Parameters.builder().popSize(10).nIteration(5).build());
        Trajectory t = new Trajectory("t");
        nsga.describe(t);
        Drive.run(nsga, new Schaffer(false), Integer.MAX_VALUE);
        nsga.end(t);
        assertEquals(10L, t.group("nsga2").getLong("popSize"));
        assertEquals(1.0, t.group("nsga2").getDouble("indProb"), "1/n for one variable");
        long size = t.group("nsga2Result").getLong("frontSize");
        assertEquals(nsga.paretoFront().size(), size);
        for (int r = 0; r < size; r++) {
            double x = t.group("nsga2Result").getDouble("front." + r + ".x");
            double[] f = (double[]) t.group("nsga2Result").get("front." + r + ".fitness");
            assertEquals(x * x, f[0]);
            assertEquals((x - 2) * (x - 2), f[1]);
        }
    }

    @Test
    void continueFromRunsTheLaterGenerationsOfALongerRun() {
        Nsga2Parameters shortRun = Nsga2Parameters.builder().seed(8).popSize(10).nIteration(4).build();
        Nsga2Parameters longRun = Nsga2Parameters.builder().seed(8).popSize(10).nIteration(9).build();
        List<List<Parameters>> expected = Drive.run(new Nsga2(SPHERE, MINIMIZE, longRun), SPHERE, 99);
        Nsga2 first = new Nsga2(SPHERE, MINIMIZE, shortRun);
        Drive.run(first, SPHERE, 99);
        assertNull(new Nsga2(SPHERE, MINIMIZE, shortRun).restoreState(first.saveState()), "a finished run stays finished");
        assertNull(new Nsga2(SPHERE, MINIMIZE, shortRun).continueFrom(first.saveState()), "nothing left to do");
        Nsga2 more = new Nsga2(SPHERE, MINIMIZE, longRun);
        List<Parameters> next = more.continueFrom(first.saveState());
        assertEquals(expected.subList(4, 9), Drive.continueRun(more, SPHERE, 4, next, 99, p -> false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Nsga2(SPHERE, MINIMIZE,
                Nsga2Parameters.builder().seed(8).popSize(12).nIteration(9).build()).continueFrom(first.saveState()));
        assertTrue(e.getMessage().startsWith("popSize is 12, but the saved state holds 10 parents"), e.getMessage());
    }
}
