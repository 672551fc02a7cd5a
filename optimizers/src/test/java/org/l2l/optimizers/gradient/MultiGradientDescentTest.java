package org.l2l.optimizers.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.FitnessWeights;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.MultiTestSphere;
import org.l2l.optimizers.TestSphere;

class MultiGradientDescentTest {
    private static final TestSphere SPHERE = new TestSphere();
    private static final MultiTestSphere MULTI = new MultiTestSphere(SPHERE);
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);
    private static final Parameters SET = SPHERE.createIndividual(Rng.seeded(0));

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        MultiGradientDescentParameters p = MultiGradientDescentParameters.builder().rmsProp();
        assertEquals(new GradientDescentParameters.RMSProp(0.01, 0.01, 5, 0.5, 100, Double.POSITIVE_INFINITY, 99),
                p.gradientDescent());
        assertEquals(2, p.nInnerParams());
        assertEquals(new GradientDescentParameters.RMSProp(0.01, 0.01, 9, 0.5, 100, Double.POSITIVE_INFINITY, 99),
                p.singleSetParameters(), "5 multi-individuals of 2 sets: 9 random steps and the current individual");
        assertEquals(new GradientDescentParameters.Adam(0.1, 0.01, 5, 0.8, 0.8, 100, Double.POSITIVE_INFINITY, 99),
                MultiGradientDescentParameters.builder().learningRate(0.1).nRandomSteps(2).nInnerParams(3).adam()
                        .singleSetParameters());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertEquals("nInnerParams must be > 0, but was 0", assertThrows(IllegalArgumentException.class,
                () -> MultiGradientDescentParameters.builder().nInnerParams(0).classic()).getMessage());
        assertEquals("nRandomSteps * nInnerParams must be >= 2 (one current individual and at least one random step), "
                + "but was 1 * 1", assertThrows(IllegalArgumentException.class,
                () -> MultiGradientDescentParameters.builder().nRandomSteps(1).nInnerParams(1).stochastic()).getMessage());
        assertEquals("learningRate must be a finite number > 0, but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> MultiGradientDescentParameters.builder().learningRate(0).rmsProp()).getMessage());
    }

    @Test
    void itIsTheGradientDescentOnNRandomStepsTimesNInnerParamsSetsPackedInOrder() {
        MultiGradientDescentParameters p = MultiGradientDescentParameters.builder().seed(3).nRandomSteps(3)
                .nInnerParams(4).nIteration(30).learningRate(0.2).explorationStepSize(0.1).adam();
        GradientDescent gd = new GradientDescent(SPHERE, MINIMIZE, p.singleSetParameters());
        List<List<Parameters>> expected = Drive.run(gd, SPHERE, 100);

        MultiGradientDescent multi = new MultiGradientDescent(MULTI, MINIMIZE, p);
        List<List<Parameters>> got = Drive.run(multi, MULTI, 100);
        assertEquals(expected.size(), got.size());
        for (int g = 0; g < got.size(); g++) {
            assertEquals(3, got.get(g).size(), "nRandomSteps multi-individuals");
            List<Parameters> sets = new ArrayList<>();
            for (Parameters m : got.get(g)) {
                List<Parameters> inner = MultiIndividual.unpack(m, SET);
                assertEquals(4, inner.size(), "nInnerParams sets each");
                sets.addAll(inner);
            }
            assertEquals(expected.get(g), sets, "generation " + g);
        }
        assertEquals(gd.currentIndividual(), multi.currentIndividual());
        List<Parameters> lastSets = MultiIndividual.unpack(got.get(got.size() - 1).get(2), SET);
        assertEquals(multi.currentIndividual(), lastSets.get(3), "the current individual is the last set");
        assertEquals(FitnessWeights.of(-1).repeat(4), multi.fitnessWeights(), "one set's weights, repeated");
        assertArrayEquals(new double[] {-1, -1, -1, -1}, multi.fitnessWeights().values());
    }

    @Test
    void itDescendsTheSphere() {
        MultiGradientDescent multi = new MultiGradientDescent(MULTI, MINIMIZE, MultiGradientDescentParameters.builder()
                .seed(5).nRandomSteps(2).nInnerParams(3).nIteration(60).learningRate(0.2).explorationStepSize(0.05)
                .adam());
        double start = TestSphere.value(multi.currentIndividual());
        Drive.run(multi, MULTI, 100);
        double end = TestSphere.value(multi.currentIndividual());
        assertTrue(end < start / 10, "from " + start + " to " + end);
    }

    @Test
    void aFailedMultiIndividualGivesNoFiniteDifferencesForItsSets() {
        MultiGradientDescentParameters p = MultiGradientDescentParameters.builder().seed(3).nRandomSteps(2)
                .nInnerParams(2).nIteration(5).classic();
        MultiGradientDescent multi = new MultiGradientDescent(MULTI, MINIMIZE, p);
        List<Parameters> g0 = multi.firstGeneration();
        Parameters before = multi.currentIndividual();
        // the second multi-individual holds the current individual: without its fitness there is no estimate
        multi.next(Drive.evaluate(0, g0, MULTI, multi.fitnessWeights(), q -> q.equals(g0.get(1))));
        assertEquals(before, multi.currentIndividual(), "no update without the current individual's fitness");
    }

    @Test
    void describeAndEndWriteTheSettingsAndTheResult() {
        MultiGradientDescent multi = new MultiGradientDescent(MULTI, MINIMIZE, MultiGradientDescentParameters.builder()
                .nIteration(2).momentumDecay(0.7).rmsProp());
        Trajectory t = new Trajectory("t");
        multi.describe(t);
        Drive.run(multi, MULTI, 10);
        multi.end(t);
        assertEquals("rmsprop", t.group(MultiGradientDescent.PARAMETER_GROUP).getString("variant"));
        assertEquals(5, t.group(MultiGradientDescent.PARAMETER_GROUP).getLong("nRandomSteps"));
        assertEquals(2, t.group(MultiGradientDescent.PARAMETER_GROUP).getLong("nInnerParams"));
        assertEquals(0.7, t.group(MultiGradientDescent.PARAMETER_GROUP).getDouble("momentumDecay"));
        assertEquals(2, t.group(GradientDescent.RESULT_GROUP).getLong("nIteration"));
    }
}
