package org.l2l.optimizers.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestSphere;

class EvolutionStrategiesTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        assertEquals(new EvolutionStrategiesParameters(0.1, 1.0, true, true, 20, 1000, Double.POSITIVE_INFINITY, 1234),
                EvolutionStrategiesParameters.builder().build());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("learningRate must be a finite number > 0, but was 0.0",
                () -> EvolutionStrategiesParameters.builder().learningRate(0).build());
        assertMessage("noiseStd must be a finite number > 0, but was NaN",
                () -> EvolutionStrategiesParameters.builder().noiseStd(Double.NaN).build());
        assertMessage("popSize must be > 0, but was 0", () -> EvolutionStrategiesParameters.builder().popSize(0).build());
        assertMessage("nIteration must be > 0, but was -1",
                () -> EvolutionStrategiesParameters.builder().nIteration(-1).build());
        assertMessage("stopCriterion must be a number (Infinity never stops), but was NaN",
                () -> EvolutionStrategiesParameters.builder().stopCriterion(Double.NaN).build());
    }

    @Test
    void generationsHoldMirroredPerturbationsAndTheCurrentIndividualLast() {
        EvolutionStrategies es = new EvolutionStrategies(SPHERE, MINIMIZE,
                EvolutionStrategiesParameters.builder().seed(3).popSize(3).build());
        List<Parameters> first = es.firstGeneration();
        assertEquals(7, first.size());
        double[] theta = es.currentIndividual().toVector();
        assertEquals(SPHERE.bound(es.currentIndividual()), first.get(6));
        for (int i = 0; i < 3; i++) {
            double[] a = first.get(i).toVector();
            double[] b = first.get(i + 3).toVector();
            for (int d = 0; d < theta.length; d++) {
                // where no bound clipped, the mirrored perturbation is the exact opposite
                if (Math.abs(a[d]) < 5 && Math.abs(b[d]) < 5) assertEquals(a[d] - theta[d], theta[d] - b[d], 1e-12);
            }
        }
    }

    @Test
    void improvesClearlyOnTheSphere() {
        for (boolean shaping : new boolean[] {true, false}) {
            EvolutionStrategies es = new EvolutionStrategies(SPHERE, MINIMIZE, EvolutionStrategiesParameters.builder()
                    .seed(5).popSize(10).noiseStd(0.3).learningRate(shaping ? 0.5 : 0.02).fitnessShaping(shaping)
                    .nIteration(60).build());
            double start = TestSphere.value(es.currentIndividual());
            List<List<Parameters>> all = Drive.run(es, SPHERE, Integer.MAX_VALUE);
            assertEquals(60, all.size());
            assertTrue(es.isFinished());
            double end = TestSphere.value(es.currentIndividual());
            assertTrue(start > 1 && end < 0.1 * start, "shaping=" + shaping + ": sphere went from " + start + " to " + end);
        }
    }

    @Test
    void failedEvaluationsCountAsWorstAndNeverBreakTheUpdate() {
        for (boolean shaping : new boolean[] {true, false}) {
            EvolutionStrategies es = new EvolutionStrategies(SPHERE, MINIMIZE, EvolutionStrategiesParameters.builder()
                    .seed(9).popSize(6).fitnessShaping(shaping).nIteration(20).build());
            List<List<Parameters>> all = Drive.continueRun(es, SPHERE, 0, es.firstGeneration(), Integer.MAX_VALUE,
                    p -> p.scalar("x") > 1);
            for (List<Parameters> g : all) {
                for (Parameters p : g) for (double v : p.toVector()) assertTrue(Double.isFinite(v), p.toString());
            }
            for (double v : es.currentIndividual().toVector()) assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void stopCriterionEndsTheRunEarly() {
        EvolutionStrategies es = new EvolutionStrategies(SPHERE, MINIMIZE,
                EvolutionStrategiesParameters.builder().seed(1).stopCriterion(-1000).nIteration(50).build());
        assertEquals(1, Drive.run(es, SPHERE, Integer.MAX_VALUE).size());
    }

    @Test
    void describeAndEndRecordParametersAndResult() {
        EvolutionStrategies es = new EvolutionStrategies(SPHERE, MINIMIZE,
                EvolutionStrategiesParameters.builder().popSize(2).nIteration(3).build());
        Trajectory t = new Trajectory("t");
        es.describe(t);
        Drive.run(es, SPHERE, Integer.MAX_VALUE);
        es.end(t);
        assertEquals(0.1, t.group("es").getDouble("learningRate"));
        assertEquals(2L, t.group("es").getLong("popSize"));
        assertEquals(true, t.group("es").get("mirroredSampling"));
        assertEquals(3L, t.group("esResult").getLong("nIteration"));
    }
}
