package org.l2l.optimizers.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.TestSphere;

class CrossEntropyTest {
    private static final TestSphere SPHERE = new TestSphere();

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        assertEquals(new CrossEntropyParameters(10, 0.9, 0.0, 0.0, 1000,
                CrossEntropyDistribution.noisyGaussian(1.0, null, 0.99), Double.POSITIVE_INFINITY, 102),
                CrossEntropyParameters.builder().build());
        assertEquals(9, CrossEntropyParameters.builder().build().nElite());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("popSize must be > 0, but was 0", () -> CrossEntropyParameters.builder().popSize(0).build());
        assertMessage("rho must be in (0, 1], but was 1.5", () -> CrossEntropyParameters.builder().rho(1.5).build());
        assertMessage("rho * popSize (the number of elite individuals) must be >= 1, but was 0.05 * 10 = 0.5",
                () -> CrossEntropyParameters.builder().rho(0.05).build());
        assertMessage("smoothing must be in [0, 1), but was 1.0", () -> CrossEntropyParameters.builder().smoothing(1).build());
        assertMessage("tempDecay must be a probability in [0, 1], but was 2.0",
                () -> CrossEntropyParameters.builder().tempDecay(2).build());
        assertMessage("nIteration must be > 0, but was -1", () -> CrossEntropyParameters.builder().nIteration(-1).build());
        assertMessage("stopCriterion must not be NaN",
                () -> CrossEntropyParameters.builder().stopCriterion(Double.NaN).build());
        assertThrows(NullPointerException.class, () -> CrossEntropyParameters.builder().distribution(null).build());
        assertMessage("distribution nComponents must be > 0, but was 0", () -> CrossEntropyDistribution.gaussianMixture(0));
        assertMessage("distribution noiseMagnitude must be a finite number >= 0, but was -1.0",
                () -> CrossEntropyDistribution.noisyGaussian(-1, null, 0.9));
        assertMessage("distribution coordinateScale has 1 values, but the optimizee's individuals have 3",
                () -> new CrossEntropy(SPHERE, FitnessWeights.of(-1), CrossEntropyParameters.builder()
                        .distribution(CrossEntropyDistribution.noisyGaussian(1, new double[] {1}, 0.9)).build()));
    }

    private static double bestOf(List<Parameters> generation) {
        return generation.stream().mapToDouble(TestSphere::value).min().orElseThrow();
    }

    private static double medianOf(List<Parameters> generation) {
        double[] v = generation.stream().mapToDouble(TestSphere::value).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void aFixedSeedClearlyImprovesOnTheSphere() {
        for (CrossEntropyDistribution d : List.of(CrossEntropyDistribution.gaussian(),
                CrossEntropyDistribution.noisyGaussian(0.5, null, 0.8), CrossEntropyDistribution.gaussianMixture(2))) {
            CrossEntropy ce = new CrossEntropy(SPHERE, FitnessWeights.of(-1), CrossEntropyParameters.builder().seed(4)
                    .popSize(40).rho(0.25).smoothing(0.1).tempDecay(0.5).nIteration(25).distribution(d).build());
            List<List<Parameters>> all = Drive.run(ce, SPHERE, 100);
            assertEquals(25, all.size());
            double first = medianOf(all.get(0));
            double last = medianOf(all.get(all.size() - 1));
            assertTrue(last < first / 20 && bestOf(all.get(all.size() - 1)) < 1,
                    d + ": median went from " + first + " to " + last);
            assertTrue(ce.isFinished());
        }
    }

    @Test
    void theStopCriterionEndsTheRun() {
        CrossEntropy ce = new CrossEntropy(SPHERE, FitnessWeights.of(-1),
                CrossEntropyParameters.builder().popSize(10).nIteration(50).stopCriterion(-1000).build());
        List<Parameters> first = ce.firstGeneration();
        Step step = ce.next(Drive.evaluate(0, first, SPHERE, ce.fitnessWeights(), p -> false));
        assertTrue(step instanceof Step.Finished f && f.reason().contains("stopCriterion"), step.toString());
        assertTrue(ce.isFinished());
        assertThrows(IllegalStateException.class,
                () -> ce.next(Drive.evaluate(0, first, SPHERE, ce.fitnessWeights(), p -> false)));
    }

    @Test
    void failedEvaluationsRankLastAndAreNotFitted() {
        CrossEntropy ce = new CrossEntropy(SPHERE, FitnessWeights.of(-1),
                CrossEntropyParameters.builder().popSize(10).rho(0.5).tempDecay(0.9).nIteration(5).build());
        List<Parameters> first = ce.firstGeneration();
        Parameters worst = first.stream().max((a, b) -> Double.compare(TestSphere.value(a), TestSphere.value(b))).orElseThrow();
        GenerationResult r = Drive.evaluate(0, first, SPHERE, ce.fitnessWeights(), p -> p.equals(worst) || p.equals(first.get(0)));
        ce.next(r);
        double bestSuccess = -first.stream().filter(p -> !p.equals(worst) && !p.equals(first.get(0)))
                .mapToDouble(TestSphere::value).min().orElseThrow();
        assertEquals(bestSuccess, ce.bestFitness());
        assertTrue(Double.isFinite(ce.gamma()));
        // all failing: nothing to fit, the run goes on with the previous distribution
        List<List<Parameters>> rest = Drive.continueRun(ce, SPHERE, 1, ce.pending(), 10, p -> true);
        assertEquals(4, rest.size());
        assertEquals(Double.NEGATIVE_INFINITY, ce.bestFitness());
    }

    @Test
    void selectionProbabilityFollowsTheTemperature() {
        assertEquals(1, CrossEntropy.selectionProbability(2, 1, 0.5));
        assertEquals(Math.exp(-2), CrossEntropy.selectionProbability(0, 1, 0.5), 1e-15);
        assertEquals(0, CrossEntropy.selectionProbability(Double.NEGATIVE_INFINITY, 1, 0.5));
        assertEquals(0, CrossEntropy.selectionProbability(0, 1, 0));
    }

    @Test
    void describeRecordsTheParameters() {
        CrossEntropy ce = new CrossEntropy(SPHERE, FitnessWeights.of(-1), CrossEntropyParameters.builder().build());
        Trajectory t = new Trajectory("t");
        ce.describe(t);
        assertEquals(10L, t.group("crossEntropy").getLong("popSize"));
        assertEquals(9L, t.group("crossEntropy").getLong("nElite"));
        assertEquals(3L, t.group("crossEntropy").getLong("dimension"));
        assertEquals("NOISY_GAUSSIAN", t.group("crossEntropy").getString("distribution"));
        assertEquals(0.99, t.group("crossEntropy").getDouble("distribution.noiseDecay"));
    }

    // ---- distribution fitting on known samples ----

    private static final double[][] SAMPLES = {{1, 2}, {3, 2}, {2, 5}, {2, -1}};

    @Test
    void theGaussianFitsMeanAndUnbiasedCovariance() {
        CrossEntropyModel m = new CrossEntropyModel(CrossEntropyDistribution.gaussian(), 2);
        m.fit(SAMPLES, 0, Rng.seeded(1));
        assertArrayEquals(new double[] {2, 2}, m.mean(), 1e-12);
        assertArrayEquals(new double[] {2.0 / 3, 0}, m.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {0, 6}, m.covariance()[1], 1e-12);
        // smoothing: 0.5 * old + 0.5 * new
        m.fit(new double[][] {{4, 4}, {4, 4}}, 0.5, Rng.seeded(1));
        assertArrayEquals(new double[] {3, 3}, m.mean(), 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 0}, m.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {0, 3}, m.covariance()[1], 1e-12);
        double[][] s = m.sample(2000, Rng.seeded(2));
        double[] mean = CrossEntropyLinalg.mean(s, 2);
        assertArrayEquals(new double[] {3, 3}, mean, 0.15);
        double[][] cov = CrossEntropyLinalg.covariance(s, mean);
        assertEquals(1.0 / 3, cov[0][0], 0.05);
        assertEquals(3, cov[1][1], 0.4);
    }

    @Test
    void aSingularCovarianceStillSamples() {
        CrossEntropyModel m = new CrossEntropyModel(CrossEntropyDistribution.gaussian(), 2);
        m.fit(new double[][] {{0, 0}, {1, 1}, {2, 2}}, 0, Rng.seeded(1));
        for (double[] x : m.sample(20, Rng.seeded(3))) assertEquals(x[0], x[1], 1e-9);
        CrossEntropyModel single = new CrossEntropyModel(CrossEntropyDistribution.gaussian(), 2);
        single.fit(new double[][] {{1, 2}}, 0, Rng.seeded(1));
        assertArrayEquals(new double[] {1, 2}, single.sample(1, Rng.seeded(3))[0], 0);
    }

    @Test
    void theNoisyGaussianAddsDecayingDiagonalNoiseForSamplingOnly() {
        CrossEntropyModel m = new CrossEntropyModel(CrossEntropyDistribution.noisyGaussian(2, new double[] {1, 0}, 0.5), 2);
        m.fit(SAMPLES, 0, Rng.seeded(1));
        double[] noise = m.noiseValue()[0];
        assertTrue(noise[0] > 0);
        assertEquals(0, noise[1]);
        assertEquals(2.0 / 3 + noise[0], m.covariance()[0][0], 1e-12);
        assertEquals(6, m.covariance()[1][1], 1e-12);
        assertEquals(1.0, m.noiseMagnitude());
        m.fit(SAMPLES, 0, Rng.seeded(2));
        assertEquals(0.5, m.noiseMagnitude());
        assertEquals(2.0 / 3 + m.noiseValue()[0][0], m.covariance()[0][0], 1e-12);
    }

    @Test
    void theMixtureSeparatesTwoClustersDeterministically() {
        Rng data = Rng.seeded(9);
        double[][] x = new double[200][];
        for (int i = 0; i < x.length; i++) {
            double cx = i < 60 ? -5 : 5;
            x[i] = new double[] {cx + 0.5 * data.nextGaussian(), 2 * cx + 0.2 * data.nextGaussian()};
        }
        CrossEntropyModel m = new CrossEntropyModel(CrossEntropyDistribution.gaussianMixture(2), 2);
        m.fit(x, 0.7, Rng.seeded(5));
        double[][] means = m.means();
        double[] w = m.weights();
        int lo = means[0][0] < means[1][0] ? 0 : 1;
        assertArrayEquals(new double[] {-5, -10}, means[lo], 0.3);
        assertArrayEquals(new double[] {5, 10}, means[1 - lo], 0.3);
        assertEquals(0.3, w[lo], 1e-6);
        assertEquals(0.7, w[1 - lo], 1e-6);
        assertEquals(0.25, m.covariances()[lo][0][0], 0.1);
        assertEquals(0.04, m.covariances()[lo][1][1], 0.02);
        CrossEntropyModel again = new CrossEntropyModel(CrossEntropyDistribution.gaussianMixture(2), 2);
        again.fit(x, 0.7, Rng.seeded(5));
        assertTrue(Arrays.deepEquals(m.means(), again.means()), "deterministic given the Rng");
        double[][] s = m.sample(1000, Rng.seeded(6));
        long low = Arrays.stream(s).filter(v -> v[0] < 0).count();
        assertTrue(low > 240 && low < 360, "about 30% from the low component: " + low);
    }

    @Test
    void theMixtureCopesWithFewerSamplesThanComponentsAndAddsNoise() {
        CrossEntropyModel m = new CrossEntropyModel(CrossEntropyDistribution.noisyGaussianMixture(3, 1, null, 0.5), 2);
        m.fit(new double[][] {{1, 1}, {3, 3}}, 0, Rng.seeded(1));
        double[] w = m.weights();
        assertEquals(1, w[0] + w[1] + w[2], 1e-12);
        assertEquals(0, w[2]);
        assertEquals(3, m.noiseValue().length);
        assertEquals(0.5, m.noiseMagnitude());
        assertEquals(5, m.sample(5, Rng.seeded(2)).length);
    }

    @Test
    void theModelStateRoundTrips() {
        for (CrossEntropyDistribution d : List.of(CrossEntropyDistribution.noisyGaussian(),
                CrossEntropyDistribution.noisyGaussianMixture(2, 1, null, 0.9))) {
            CrossEntropyModel m = new CrossEntropyModel(d, 2);
            m.fit(SAMPLES, 0, Rng.seeded(1));
            StateBytes.Writer w = new StateBytes.Writer();
            m.write(w);
            CrossEntropyModel copy = new CrossEntropyModel(d, 2);
            copy.read(new StateBytes.Reader(w.toBytes()));
            assertTrue(Arrays.deepEquals(m.sample(5, Rng.seeded(4)), copy.sample(5, Rng.seeded(4))));
            assertEquals(m.noiseMagnitude(), copy.noiseMagnitude());
        }
    }
}
