package org.l2l.optimizers.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.OptimizerContractTest;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.TestSphere;

class FaceTest {
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        assertEquals(new FaceParameters(20, 50, 10, 0.2, 0, 5, 1, CrossEntropyDistribution.gaussian(),
                Double.POSITIVE_INFINITY, 109), FaceParameters.builder().build());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("minPopSize must be > 0, but was 0", () -> FaceParameters.builder().minPopSize(0).build());
        assertMessage("maxPopSize must be >= minPopSize (20), but was 10", () -> FaceParameters.builder().maxPopSize(10).build());
        assertMessage("nElite must be <= minPopSize (20), but was 21", () -> FaceParameters.builder().nElite(21).build());
        assertMessage("nElite must be > 0, but was 0", () -> FaceParameters.builder().nElite(0).build());
        assertMessage("smoothing must be in [0, 1), but was -0.1", () -> FaceParameters.builder().smoothing(-0.1).build());
        assertMessage("tempDecay must be a probability in [0, 1], but was 1.1", () -> FaceParameters.builder().tempDecay(1.1).build());
        assertMessage("nExpand must be > 0, but was 0", () -> FaceParameters.builder().nExpand(0).build());
        assertMessage("nIteration must be >= 0, but was -1", () -> FaceParameters.builder().nIteration(-1).build());
        assertMessage("stopCriterion must not be NaN", () -> FaceParameters.builder().stopCriterion(Double.NaN).build());
    }

    @Test
    void aFixedSeedClearlyImprovesOnTheSphere() {
        Face face = new Face(SPHERE, FitnessWeights.of(-1), FaceParameters.builder().seed(3).minPopSize(20).maxPopSize(60)
                .nElite(6).smoothing(0.1).tempDecay(0.5).nIteration(30).build());
        List<List<Parameters>> all = Drive.run(face, SPHERE, 100);
        double first = all.get(0).stream().mapToDouble(TestSphere::value).min().orElseThrow();
        double last = all.get(all.size() - 1).stream().mapToDouble(TestSphere::value).min().orElseThrow();
        assertTrue(last < first / 10 && last < 0.5, "best went from " + first + " to " + last);
        assertTrue(face.isFinished());
        assertTrue(all.size() <= 31);
    }

    @Test
    void theStopCriterionEndsTheRun() {
        Face face = new Face(SPHERE, FitnessWeights.of(-1), FaceParameters.builder().nIteration(50).stopCriterion(-1000).build());
        Step step = face.next(Drive.evaluate(0, face.firstGeneration(), SPHERE, face.fitnessWeights(), p -> false));
        assertTrue(step instanceof Step.Finished f && f.reason().contains("stopCriterion"), step.toString());
    }

    /** Evaluates every individual with the same constant fitness: no generation after the first improves. */
    private static GenerationResult constant(int g, List<Parameters> ps, FitnessWeights w) {
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) out.add(Evaluation.success(new Individual(g, i, ps.get(i)), SimulationResult.of(1000), w));
        return new GenerationResult(g, out);
    }

    @Test
    void withoutImprovementThePopulationGrowsUntilMaxPopSizeThenTheRunEnds() {
        FitnessWeights w = FitnessWeights.of(-1);
        Face face = new Face(SPHERE, w, FaceParameters.builder().minPopSize(10).maxPopSize(22).nElite(5).nExpand(5)
                .nIteration(100).build());
        List<Parameters> current = face.firstGeneration();
        List<Integer> sizes = new ArrayList<>();
        Step step;
        int g = 0;
        while (true) {
            sizes.add(current.size());
            step = face.next(constant(g++, current, w));
            if (step instanceof Step.Finished) break;
            current = ((Step.Next) step).individuals();
        }
        // generation 0 improves on -inf: (10 + 10) / 2 = 10; then 15, 20, and 25 would exceed 22
        assertEquals(List.of(10, 10, 15, 20), sizes);
        assertTrue(((Step.Finished) step).reason().contains("possibly diverged"), step.toString());
    }

    @Test
    void withRestartOnDivergenceARunThatCannotImproveStartsAfreshAndARestoredCheckpointGoesOnIdentically() {
        FitnessWeights w = FitnessWeights.of(-1);
        FaceParameters params = FaceParameters.builder().seed(5).minPopSize(10).maxPopSize(22).nElite(5).nExpand(5)
                .nIteration(100).restartOnDivergence(true).build();
        Face face = new Face(SPHERE, w, params);
        List<Parameters> current = face.firstGeneration();
        List<Integer> sizes = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            sizes.add(current.size());
            Step step = face.next(constant(g, current, w));
            assertTrue(step instanceof Step.Next, "generation " + g + ": " + step);
            current = ((Step.Next) step).individuals();
        }
        // 10, 10, 15, 20; 25 would exceed 22, so a fresh generation 0 of minPopSize; it improves on -inf, then grows
        assertEquals(List.of(10, 10, 15, 20, 10, 10), sizes);

        byte[] saved = face.saveState();
        List<Parameters> restored = new Face(SPHERE, w, params).restoreState(saved);
        assertEquals(current, restored);
        Face again = new Face(SPHERE, w, params);
        again.restoreState(saved);
        assertEquals(((Step.Next) face.next(constant(6, current, w))).individuals(),
                ((Step.Next) again.next(constant(6, restored, w))).individuals());
    }

    @Test
    void theFreshStartIsDrawnLikeGenerationZeroNotFromTheConvergedDistribution() {
        FitnessWeights w = FitnessWeights.of(-1);
        // a plain Gaussian contracts on the sphere; maxPopSize 100 lets no run of a few failed generations diverge
        Face face = new Face(SPHERE, w, FaceParameters.builder().seed(6).minPopSize(10).maxPopSize(100).nElite(3)
                .smoothing(0).nExpand(5).nIteration(500).restartOnDivergence(true).build());
        List<Parameters> current = face.firstGeneration();
        int g = 0;
        for (; g < 25; g++) current = ((Step.Next) face.next(Drive.evaluate(g, current, SPHERE, w, p -> false))).individuals();
        double converged = spread(current);
        assertTrue(converged < 0.5, "the distribution contracted: " + converged);
        // now nothing improves: the population grows by 5 up to 100, then the run starts afresh with 10
        while (current.size() != 10 || g < 26) {
            current = ((Step.Next) face.next(constant(g++, current, w))).individuals();
            assertTrue(g < 60, "no restart after " + g + " generations");
        }
        assertTrue(spread(current) > 2, "the fresh individuals spread over [-5, 5]: " + spread(current));
    }

    private static double spread(List<Parameters> generation) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Parameters p : generation) {
            lo = Math.min(lo, p.scalar("x"));
            hi = Math.max(hi, p.scalar("x"));
        }
        return hi - lo;
    }

    @Test
    void anImprovementShrinksThePopulationTowardsMinPopSize() {
        FitnessWeights w = FitnessWeights.of(-1);
        Face face = new Face(SPHERE, w, FaceParameters.builder().minPopSize(10).maxPopSize(40).nElite(5).nExpand(10)
                .nIteration(100).build());
        List<Parameters> g0 = face.firstGeneration();
        List<Parameters> g1 = ((Step.Next) face.next(constant(0, g0, w))).individuals();
        List<Parameters> g2 = ((Step.Next) face.next(constant(1, g1, w))).individuals();
        assertEquals(20, g2.size());
        List<Parameters> g3 = ((Step.Next) face.next(Drive.evaluate(2, g2, SPHERE, w, p -> false))).individuals();
        assertEquals(15, g3.size(), "(20 + 10) / 2");
    }

    @Test
    void describeRecordsTheParameters() {
        Face face = new Face(SPHERE, FitnessWeights.of(-1), FaceParameters.builder().build());
        Trajectory t = new Trajectory("t");
        face.describe(t);
        assertEquals(50L, t.group("face").getLong("maxPopSize"));
        assertEquals("GAUSSIAN", t.group("face").getString("distribution"));
        face.end(t);
        assertTrue(t.hasGroup("faceResult"));
    }

    /** The contract test's FACE, whose golden checkpoints are committed. */
    private static Face golden() {
        return new Face(OptimizerContractTest.OPTIMIZEE, FitnessWeights.of(-1), FaceParameters.builder().seed(7)
                .minPopSize(10).maxPopSize(20).nElite(4).tempDecay(0.9).nExpand(5).nIteration(6).build());
    }

    @Test
    void aFormat1CheckpointContinuesExactlyAndIsSavedAgainInFormat2() throws IOException {
        byte[] format1;
        try (InputStream in = OptimizerContractTest.class.getResourceAsStream("golden/Face.state")) {
            format1 = in.readAllBytes();
        }
        assertEquals(1, new StateBytes.Reader(format1).integer());
        Face old = golden();
        List<List<Parameters>> expected = Drive.continueRun(old, OptimizerContractTest.OPTIMIZEE, 2,
                old.restoreState(format1), 99, p -> false);
        Face upgraded = golden();
        upgraded.restoreState(format1);
        byte[] format2 = upgraded.saveState();
        assertEquals(2, new StateBytes.Reader(format2).integer());
        Face resumed = golden();
        assertEquals(expected, Drive.continueRun(resumed, OptimizerContractTest.OPTIMIZEE, 2,
                resumed.restoreState(format2), 99, p -> false));
        assertTrue(expected.size() > 1, "the golden run goes on for more than one generation");
    }

    @Test
    void anUnknownFormatNamesTheFormatsThisVersionReads() {
        byte[] format9 = new StateBytes.Writer().ints(9, 0).bool(false).toBytes();
        assertMessage("FACE state format 9 is not supported (this version reads formats 1 and 2)",
                () -> golden().restoreState(format9));
    }
}
