package org.l2l.optimizers.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class GradientDescentTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        assertEquals(new GradientDescentParameters.RMSProp(0.01, 0.01, 5, 0.5, 100, Double.POSITIVE_INFINITY, 99),
                GradientDescentParameters.builder().rmsProp());
        assertEquals(new GradientDescentParameters.Adam(0.01, 0.01, 5, 0.8, 0.8, 100, Double.POSITIVE_INFINITY, 99),
                GradientDescentParameters.builder().adam());
        assertEquals(new GradientDescentParameters.Stochastic(0.01, 1, 0.99, 0.01, 5, 100, Double.POSITIVE_INFINITY, 99),
                GradientDescentParameters.builder().stochastic());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("learningRate must be a finite number > 0, but was -0.1",
                () -> GradientDescentParameters.builder().learningRate(-0.1).classic());
        assertMessage("explorationStepSize must be a finite number > 0, but was 0.0",
                () -> GradientDescentParameters.builder().explorationStepSize(0).adam());
        assertMessage("nRandomSteps must be > 0, but was 0",
                () -> GradientDescentParameters.builder().nRandomSteps(0).rmsProp());
        assertMessage("nIteration must be > 0, but was 0", () -> GradientDescentParameters.builder().nIteration(0).classic());
        assertMessage("stopCriterion must be a number (Infinity never stops), but was NaN",
                () -> GradientDescentParameters.builder().stopCriterion(Double.NaN).classic());
        assertMessage("stochasticDeviation must be a finite number >= 0, but was -1.0",
                () -> GradientDescentParameters.builder().stochasticDeviation(-1).stochastic());
        assertMessage("stochasticDecay must be a finite number >= 0, but was NaN",
                () -> GradientDescentParameters.builder().stochasticDecay(Double.NaN).stochastic());
        assertMessage("firstOrderDecay must be in [0, 1), but was 1.0",
                () -> GradientDescentParameters.builder().firstOrderDecay(1).adam());
        assertMessage("secondOrderDecay must be in [0, 1), but was -0.5",
                () -> GradientDescentParameters.builder().secondOrderDecay(-0.5).adam());
        assertMessage("momentumDecay must be a probability in [0, 1], but was 2.0",
                () -> GradientDescentParameters.builder().momentumDecay(2).rmsProp());
    }

    @Test
    void annealingMovesBothRatesGeometricallyToTheirEndsThenHoldsThem() {
        GradientDescentParameters p = GradientDescentParameters.builder().learningRate(0.4).learningRateEnd(0.01)
                .explorationStepSize(1.6).explorationStepSizeEnd(0.001).annealGenerations(10).rmsProp();
        assertEquals(0.4, p.learningRateAt(0));
        assertEquals(1.6, p.explorationStepSizeAt(0));
        assertEquals(0.4 * Math.pow(0.01 / 0.4, 0.5), p.learningRateAt(5), 1e-15);
        assertEquals(1.6 * Math.pow(0.001 / 1.6, 0.3), p.explorationStepSizeAt(3), 1e-15);
        assertEquals(0.01, p.learningRateAt(10));
        assertEquals(0.001, p.explorationStepSizeAt(11));
        // without annealing (L2L's behaviour, the default) both stay, whatever the end values
        GradientDescentParameters constant = GradientDescentParameters.builder().learningRate(0.4).learningRateEnd(0.01)
                .rmsProp();
        assertEquals(0.4, constant.learningRateAt(50));
        assertEquals(0.01, constant.explorationStepSizeAt(50));
        assertEquals(0.01, GradientDescentParameters.builder().classic().explorationStepSizeEnd(), "unset end = start");
        assertMessage("annealGenerations must be >= 0, but was -1",
                () -> GradientDescentParameters.builder().annealGenerations(-1).adam());
        assertMessage("learningRateEnd must be a finite number > 0, but was 0.0",
                () -> GradientDescentParameters.builder().learningRateEnd(0).stochastic());
        assertMessage("explorationStepSizeEnd must be a finite number > 0, but was NaN",
                () -> GradientDescentParameters.builder().explorationStepSizeEnd(Double.NaN).classic());
    }

    @Test
    void annealedExplorationStepsShrinkAsScheduled() {
        // classic descent with a tiny learning rate: x barely moves, so the spread of the exploration steps around
        // the last individual of each generation (x itself) shows the scheduled step size; a wide box clips no step
        TestSphere wide = new TestSphere(2, -100, 100);
        GradientDescent gd = new GradientDescent(wide, MINIMIZE, GradientDescentParameters.builder().seed(4)
                .learningRate(1e-12).explorationStepSize(1).explorationStepSizeEnd(0.01).annealGenerations(4)
                .nRandomSteps(400).nIteration(8).classic());
        List<List<Parameters>> all = Drive.run(gd, wide, 8);
        double[] expected = {1, Math.pow(0.01, 0.25), 0.1, Math.pow(0.01, 0.75), 0.01, 0.01};
        for (int g = 0; g < expected.length; g++) {
            List<Parameters> gen = all.get(g);
            double[] x = gen.get(gen.size() - 1).toVector();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < gen.size() - 1; i++) {
                double[] v = gen.get(i).toVector();
                for (int d = 0; d < v.length; d++) {
                    sum += (v[d] - x[d]) * (v[d] - x[d]);
                    n++;
                }
            }
            double sd = Math.sqrt(sum / n);
            assertEquals(expected[g], sd, 0.1 * expected[g], "generation " + g);
        }
    }

    @Test
    void theGradientEstimateRecoversALinearFunctionsGradient() {
        double[] c = {1.5, -2.0, 0.25};
        Rng r = Rng.seeded(1);
        double[][] dx = new double[6][3];
        double[] f = new double[6];
        double f0 = 7;
        for (int i = 0; i < 6; i++) {
            for (int d = 0; d < 3; d++) dx[i][d] = 0.01 * r.nextGaussian();
            f[i] = f0 + c[0] * dx[i][0] + c[1] * dx[i][1] + c[2] * dx[i][2];
        }
        assertArrayEquals(c, GradientDescent.estimateGradient(dx, f, f0), 1e-9);
        // a failed step is left out; the other five still determine the gradient
        f[2] = Double.NEGATIVE_INFINITY;
        assertArrayEquals(c, GradientDescent.estimateGradient(dx, f, f0), 1e-9);
        assertNull(GradientDescent.estimateGradient(dx, f, Double.NEGATIVE_INFINITY));
    }

    @Test
    void withFewerStepsThanDimensionsTheEstimateIsTheMinimumNormSolutionLikePinv() {
        // one step along (1, 1): pinv gives the gradient (0.5, 0.5) * df / 1
        assertArrayEquals(new double[] {1, 1}, GradientDescent.estimateGradient(new double[][] {{1, 1}}, new double[] {2}, 0),
                1e-12);
        // rank-deficient rows (1, 1) and (2, 2): least squares on x1 + x2, minimum norm
        assertArrayEquals(new double[] {0.5, 0.5},
                GradientDescent.estimateGradient(new double[][] {{1, 1}, {2, 2}}, new double[] {1, 2}, 0), 1e-12);
        // the quadratic x^2 + y^2 at (1, 2), probed with small steps: close to the true gradient (2, 4)
        Rng r = Rng.seeded(2);
        double[][] dx = new double[8][2];
        double[] f = new double[8];
        for (int i = 0; i < 8; i++) {
            dx[i][0] = 1e-4 * r.nextGaussian();
            dx[i][1] = 1e-4 * r.nextGaussian();
            f[i] = Math.pow(1 + dx[i][0], 2) + Math.pow(2 + dx[i][1], 2);
        }
        assertArrayEquals(new double[] {2, 4}, GradientDescent.estimateGradient(dx, f, 5), 1e-3);
    }

    @Test
    void eachGenerationIsTheRandomStepsThenTheCurrentIndividual() {
        GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE,
                GradientDescentParameters.builder().nRandomSteps(3).explorationStepSize(0.01).classic());
        List<Parameters> first = gd.firstGeneration();
        assertEquals(4, first.size());
        assertEquals(SPHERE.bound(gd.currentIndividual()), first.get(3));
        double[] x = gd.currentIndividual().toVector();
        for (int i = 0; i < 3; i++) {
            double[] y = first.get(i).toVector();
            for (int d = 0; d < x.length; d++) assertTrue(Math.abs(y[d] - x[d]) < 0.1);
        }
    }

    @Test
    void everyVariantImprovesClearlyOnTheSphere() {
        GradientDescentParameters.Builder b = GradientDescentParameters.builder().seed(3).learningRate(0.1)
                .explorationStepSize(0.01).nRandomSteps(5).nIteration(40).stochasticDeviation(0.1);
        for (GradientDescentParameters p : List.of(b.classic(), b.stochastic(), b.adam(), b.rmsProp())) {
            GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE, p);
            double start = TestSphere.value(gd.currentIndividual());
            List<List<Parameters>> all = Drive.run(gd, SPHERE, Integer.MAX_VALUE);
            assertEquals(40, all.size());
            double end = TestSphere.value(gd.currentIndividual());
            assertTrue(start > 1 && end < 0.05 * start, p.variant() + ": sphere went from " + start + " to " + end);
        }
    }

    @Test
    void failedEvaluationsLeaveNoNonFiniteValues() {
        GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE,
                GradientDescentParameters.builder().seed(4).learningRate(0.1).nIteration(20).adam());
        Drive.continueRun(gd, SPHERE, 0, gd.firstGeneration(), Integer.MAX_VALUE, p -> p.array("coords")[0] > 0.5);
        for (double v : gd.currentIndividual().toVector()) assertTrue(Double.isFinite(v));
    }

    @Test
    void stopCriterionEndsTheRunOnceTheCurrentFitnessReachesIt() {
        GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE,
                GradientDescentParameters.builder().stopCriterion(-1000).nIteration(10).classic());
        assertEquals(1, Drive.run(gd, SPHERE, Integer.MAX_VALUE).size());
    }

    @Test
    void describeRecordsTheVariantAndItsParameters() {
        GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE, GradientDescentParameters.builder().nIteration(2).adam());
        Trajectory t = new Trajectory("t");
        gd.describe(t);
        assertEquals("adam", t.group("gd").getString("variant"));
        assertEquals(0.8, t.group("gd").getDouble("firstOrderDecay"));
        assertEquals(5L, t.group("gd").getLong("nRandomSteps"));
        Drive.run(gd, SPHERE, Integer.MAX_VALUE);
        gd.end(t);
        assertEquals(2L, t.group("gdResult").getLong("nIteration"));
    }
}
