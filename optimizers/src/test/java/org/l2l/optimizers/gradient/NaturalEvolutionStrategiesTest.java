package org.l2l.optimizers.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class NaturalEvolutionStrategiesTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    private static NaturalEvolutionStrategiesParameters.Builder base() {
        return NaturalEvolutionStrategiesParameters.builder().mu(3, 3, 3).sigma(1);
    }

    @Test
    void unsetRatesAndPopulationTakeWierstrasDefaultsAsL2lDoes() {
        NaturalEvolutionStrategiesParameters p = base().build();
        assertEquals(1.0, p.learningRateMu());
        assertEquals((3 + Math.log(3)) / (5 * Math.sqrt(3)), p.learningRateSigma(), 1e-15);
        assertEquals(4 + 3, p.popSize()); // 4 + floor(3 ln 3) = 4 + floor(3.29)
        assertArrayEquals(new double[] {1, 1, 1}, p.sigma());
        assertTrue(p.mirroredSampling() && p.fitnessShaping());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("mu must have at least one value, but was null",
                () -> NaturalEvolutionStrategiesParameters.builder().sigma(1).build());
        assertMessage("sigma must have 1 or 3 values (one per value of mu), but has 2", () -> base().sigma(1, 2).build());
        assertMessage("sigma[1] must be a finite number > 0, but was -1.0", () -> base().sigma(1, -1, 1).build());
        assertMessage("mu[2] must be finite, but was NaN", () -> base().mu(0, 0, Double.NaN).build());
        assertMessage("learningRateMu must be a finite number > 0, but was 0.0", () -> base().learningRateMu(0).build());
        assertMessage("learningRateSigma must be a finite number > 0, but was Infinity",
                () -> base().learningRateSigma(Double.POSITIVE_INFINITY).build());
        assertMessage("popSize must be > 0, but was 0", () -> base().popSize(0).build());
        assertMessage("nIteration must be > 0, but was 0", () -> base().nIteration(0).build());
        assertMessage("mu has 2 values, but the optimizee's individuals [x, coords_0, coords_1] have 3",
                () -> new NaturalEvolutionStrategies(SPHERE, MINIMIZE,
                        NaturalEvolutionStrategiesParameters.builder().mu(0, 0).sigma(1).build()));
    }

    @Test
    void improvesClearlyOnTheSphereAndShrinksSigma() {
        NaturalEvolutionStrategies nes = new NaturalEvolutionStrategies(SPHERE, MINIMIZE,
                base().seed(4).popSize(8).nIteration(80).build());
        List<List<Parameters>> all = Drive.run(nes, SPHERE, Integer.MAX_VALUE);
        assertEquals(80, all.size());
        assertEquals(16, all.get(0).size());
        double end = 0;
        for (double m : nes.mu()) end += m * m;
        assertTrue(end < 0.01 * 27, "|mu|^2 went from 27 to " + end);
        for (double s : nes.sigma()) assertTrue(s < 0.5, "sigma " + s);
    }

    @Test
    void failedEvaluationsCountAsWorstAndNeverBreakTheUpdate() {
        for (boolean shaping : new boolean[] {true, false}) {
            NaturalEvolutionStrategies nes = new NaturalEvolutionStrategies(SPHERE, MINIMIZE,
                    base().seed(2).fitnessShaping(shaping).learningRateMu(0.05).learningRateSigma(0.01).nIteration(15)
                            .build());
            Drive.continueRun(nes, SPHERE, 0, nes.firstGeneration(), Integer.MAX_VALUE, p -> p.scalar("x") > 3);
            for (double v : nes.mu()) assertTrue(Double.isFinite(v));
            for (double v : nes.sigma()) assertTrue(Double.isFinite(v) && v > 0);
        }
    }

    @Test
    void describeRecordsResolvedParameters() {
        NaturalEvolutionStrategies nes = new NaturalEvolutionStrategies(SPHERE, MINIMIZE, base().nIteration(2).build());
        Trajectory t = new Trajectory("t");
        nes.describe(t);
        assertEquals(7L, t.group("nes").getLong("popSize"));
        assertArrayEquals(new double[] {3, 3, 3}, (double[]) t.group("nes").get("mu"));
        Drive.run(nes, SPHERE, Integer.MAX_VALUE);
        nes.end(t);
        assertEquals(2L, t.group("nesResult").getLong("nIteration"));
    }
}
