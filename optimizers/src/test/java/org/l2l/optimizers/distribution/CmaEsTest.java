package org.l2l.optimizers.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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

class CmaEsTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);

    /**
     * The ellipsoid {@code sum 10^(6 i / (n - 1)) x_i^2} over an array {@code x} of {@code n} values (the sphere when
     * {@code conditioning} is 1), created in [-5, 5], unbounded.
     */
    record Ellipsoid(int n, double conditioning) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator random) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = random.nextDouble(-5, 5);
            return Parameters.builder().array("x", x).build();
        }

        @Override
        public SimulationResult simulate(Individual individual, SimulationContext context) {
            return SimulationResult.of(value(individual.params().array("x")));
        }

        double value(double[] x) {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.pow(conditioning, n == 1 ? 0 : (double) i / (n - 1)) * x[i] * x[i];
            return s;
        }
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    /** Runs to the end; returns the number of evaluations. */
    private static int evaluations(CmaEs cma, Optimizee o) {
        return Drive.run(cma, o, Integer.MAX_VALUE).stream().mapToInt(List::size).sum();
    }

    @Test
    void builderDefaultsAndHansensPopulationSize() {
        assertEquals(new CmaEsParameters(0, 0, 1.0, null, 100, Double.POSITIVE_INFINITY), CmaEsParameters.builder().build());
        assertEquals(new CmaEsParameters(0, 0, 1.0, null, 100, Double.POSITIVE_INFINITY, CmaEsParameters.Restarts.NONE, 9,
                1e-12, 0, 1e-12), CmaEsParameters.builder().build());
        assertEquals(6, CmaEsParameters.defaultPopSize(2));
        assertEquals(10, CmaEsParameters.defaultPopSize(10));
        assertEquals(10, new CmaEs(new Ellipsoid(10, 1), MINIMIZE, CmaEsParameters.builder().build()).popSize());
        assertEquals(5, new CmaEs(new Ellipsoid(10, 1), MINIMIZE, CmaEsParameters.builder().popSize(5).build()).popSize());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertMessage("popSize must be >= 2 (or 0 for the default), but was 1", () -> CmaEsParameters.builder().popSize(1).build());
        assertMessage("sigma0 must be a finite number > 0, but was 0.0", () -> CmaEsParameters.builder().sigma0(0).build());
        assertMessage("mean[1] must be finite, but was NaN", () -> CmaEsParameters.builder().mean(0, Double.NaN).build());
        assertMessage("nIteration must be > 0, but was 0", () -> CmaEsParameters.builder().nIteration(0).build());
        assertMessage("stopCriterion must be a number (Infinity never stops), but was NaN",
                () -> CmaEsParameters.builder().stopCriterion(Double.NaN).build());
        assertMessage("mean has 2 values, but the optimizee's individuals [x] have 3",
                () -> new CmaEs(new Ellipsoid(3, 1), MINIMIZE, CmaEsParameters.builder().mean(1, 2).build()));
    }

    @Test
    void convergesOnTheSphereAndTheEllipsoidInTheExpectedNumberOfEvaluations() {
        // Hansen's CMA-ES needs about 1,800 evaluations on the 10-dimensional sphere and about 6,000 on the ellipsoid
        // of condition 1e6 to reach 1e-10 from this start; the bounds leave room for other seeds
        for (long seed = 1; seed <= 2; seed++) {
            for (double conditioning : new double[] {1, 1e6}) {
                Ellipsoid f = new Ellipsoid(10, conditioning);
                double[] start = new double[10];
                Arrays.fill(start, 3);
                CmaEs cma = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(seed).mean(start).sigma0(2)
                        .nIteration(3000).stopCriterion(-1e-10).build());
                int used = evaluations(cma, f);
                String what = "seed " + seed + ", conditioning " + conditioning + ": " + used + " evaluations";
                assertTrue(cma.bestFitness() >= -1e-10, what);
                assertTrue(used < (conditioning == 1 ? 2_500 : 9_000), what);
                double[] ev = cma.eigenvalues();
                double ratio = Arrays.stream(ev).max().orElseThrow() / Arrays.stream(ev).min().orElseThrow();
                // C learns the inverse Hessian: its condition number approaches the ellipsoid's
                assertTrue(conditioning == 1 ? ratio < 100 : ratio > 1e4, what + ", condition of C " + ratio);
            }
        }
    }

    @Test
    void sigmaGrowsOnALinearSlopeAndShrinksNearTheOptimum() {
        Ellipsoid f = new Ellipsoid(4, 1);
        CmaEs far = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(3).mean(1000, 1000, 1000, 1000).sigma0(1e-3)
                .nIteration(40).build());
        Drive.run(far, f, Integer.MAX_VALUE);
        assertTrue(far.sigma() > 1, "from 1e-3 to " + far.sigma() + " on what is locally a slope");
        CmaEs near = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(3).mean(1, 1, 1, 1).sigma0(1).nIteration(150).build());
        Drive.run(near, f, Integer.MAX_VALUE);
        assertTrue(near.sigma() < 1e-4, "from 1 to " + near.sigma() + " while converging");
        for (double m : near.mean().array("x")) assertTrue(Math.abs(m) < 1e-3, near.mean().toString());
    }

    @Test
    void anOptimumOnTheBoundaryIsReachedWithoutTheStepSizeBlowingUp() {
        TestSphere boxed = new TestSphere(2, 1, 5); // the sphere's minimum in [1, 5]^3 is 3, at (1, 1, 1)
        CmaEs cma = new CmaEs(boxed, MINIMIZE, CmaEsParameters.builder().seed(2).sigma0(2).nIteration(80).build());
        for (List<Parameters> g : Drive.run(cma, boxed, Integer.MAX_VALUE)) {
            for (Parameters p : g) assertEquals(boxed.bound(p), p);
        }
        assertTrue(-cma.bestFitness() < 3 + 1e-6, "best " + -cma.bestFitness());
        assertTrue(cma.sigma() < 1, "sigma " + cma.sigma());
    }

    @Test
    void failuresRankLastAndAGenerationThatFailedEntirelyLeavesTheDistributionAlone() {
        Ellipsoid f = new Ellipsoid(3, 1);
        CmaEs cma = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(5).mean(2, 2, 2).sigma0(1).nIteration(120).build());
        Drive.continueRun(cma, f, 0, cma.firstGeneration(), Integer.MAX_VALUE, p -> p.array("x")[0] > 2.5);
        assertTrue(-cma.bestFitness() < 1e-6, "still converges: " + -cma.bestFitness());

        CmaEs stuck = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(5).mean(2, 2, 2).nIteration(5).build());
        Drive.continueRun(stuck, f, 0, stuck.firstGeneration(), Integer.MAX_VALUE, p -> true);
        assertArrayEquals(new double[] {2, 2, 2}, stuck.mean().array("x"));
        assertEquals(1.0, stuck.sigma());
        assertEquals(Double.NEGATIVE_INFINITY, stuck.bestFitness());
    }

    @Test
    void aStoppingRuleFinishesWithoutRestartsAndRestartsWithADoubledPopulationUnderIpop() {
        Ellipsoid f = new Ellipsoid(3, 1);
        CmaEs once = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(4).nIteration(500).tolX(1e-6).build());
        Drive.run(once, f, Integer.MAX_VALUE);
        assertTrue(once.isFinished() && once.generation() < 499, "tolX ends the run at generation " + once.generation());
        assertEquals(0, once.restarts());

        CmaEs ipop = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(4).nIteration(2000).tolX(1e-6)
                .restarts(CmaEsParameters.Restarts.IPOP).maxRestarts(3).build());
        List<List<Parameters>> generations = Drive.run(ipop, f, Integer.MAX_VALUE);
        assertEquals(3, ipop.restarts());
        assertEquals(7 * 8, ipop.popSize(), "7, 14, 28, 56");
        assertEquals(7, generations.get(0).size());
        assertEquals(56, generations.get(generations.size() - 1).size());
        assertTrue(-ipop.bestFitness() < 1e-10, "best " + -ipop.bestFitness());
    }

    @Test
    void withoutAbsoluteTolerancesTheRunConvergesToTheLimitOfFloatingPoint() {
        // the precision rules wait until the mean cannot move at all: the sphere reaches far below tolFun's 1e-12
        Ellipsoid f = new Ellipsoid(4, 1);
        CmaEs cma = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(6).sigma0(2).nIteration(5000).tolFun(0).tolX(0)
                .tolFunRel(1e-6).build());
        Drive.run(cma, f, Integer.MAX_VALUE);
        assertTrue(cma.isFinished() && cma.generation() < 4999, "a rule ends the run: generation " + cma.generation());
        assertTrue(-cma.bestFitness() < 1e-100, "best " + -cma.bestFitness());
    }

    @Test
    void stopCriterionEndsTheRunEarly() {
        Ellipsoid f = new Ellipsoid(2, 1);
        CmaEs cma = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(1).stopCriterion(-1000).nIteration(50).build());
        assertEquals(1, Drive.run(cma, f, Integer.MAX_VALUE).size());
    }

    @Test
    void continueFromRunsTheLaterGenerationsOfALongerRunAndChecksThePopulationSize() {
        Ellipsoid f = new Ellipsoid(3, 100);
        CmaEsParameters shortRun = CmaEsParameters.builder().seed(8).nIteration(5).build();
        CmaEsParameters longRun = CmaEsParameters.builder().seed(8).nIteration(12).build();
        List<List<Parameters>> expected = Drive.run(new CmaEs(f, MINIMIZE, longRun), f, 99);
        CmaEs first = new CmaEs(f, MINIMIZE, shortRun);
        Drive.run(first, f, 99);
        assertNull(new CmaEs(f, MINIMIZE, shortRun).restoreState(first.saveState()), "a finished run stays finished");
        assertNull(new CmaEs(f, MINIMIZE, shortRun).continueFrom(first.saveState()), "nothing left to do");
        CmaEs more = new CmaEs(f, MINIMIZE, longRun);
        List<Parameters> next = more.continueFrom(first.saveState());
        assertEquals(expected.subList(5, 12), Drive.continueRun(more, f, 5, next, 99, p -> false));
        assertMessage("popSize is 9, but the saved state has a population of 7; continue it with popSize 7",
                () -> new CmaEs(f, MINIMIZE, CmaEsParameters.builder().seed(8).popSize(9).nIteration(12).build())
                        .continueFrom(first.saveState()));
    }

    @Test
    void describeAndEndRecordSettingsAndResult() {
        Ellipsoid f = new Ellipsoid(2, 1);
        CmaEs cma = new CmaEs(f, MINIMIZE, CmaEsParameters.builder().mean(1, 1).nIteration(4).build());
        Trajectory t = new Trajectory("t");
        cma.describe(t);
        Drive.run(cma, f, Integer.MAX_VALUE);
        cma.end(t);
        assertEquals(6L, t.group("cmaes").getLong("popSize"));
        assertEquals(3L, t.group("cmaes").getLong("mu"));
        assertArrayEquals(new double[] {1, 1}, (double[]) t.group("cmaes").get("mean"));
        assertEquals(cma.bestFitness(), t.group("cmaesResult").getDouble("bestFitness"));
        assertEquals(-cma.bestFitness(), f.value((double[]) t.group("cmaesResult").get("best.x")));
        assertEquals(cma.sigma(), t.group("cmaesResult").getDouble("sigma"));
        assertTrue(t.group("cmaesResult").getString("finishReason").contains("nIteration=4"));
        assertTrue(cma.isFinished());
        assertThrows(IllegalStateException.class, () -> cma.next(null));
    }
}
