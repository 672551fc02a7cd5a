package org.l2l.optimizees.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

class NeuralNetworkClassifierOptimizeeTest {
    private static final NeuralNetworkClassifierOptimizee DEFAULT = NeuralNetworkClassifierOptimizee.builder().build();

    @TempDir
    Path dir;

    private static SimulationResult run(NeuralNetworkClassifierOptimizee o, int generation, Parameters p) {
        return o.simulate(new Individual(generation, 0, p), new SimulationContext(generation, 0, 0, Rng.seeded(99), -1));
    }

    private static double std(double[] v, int from, int to) {
        double s = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
            s2 += v[i] * v[i];
        }
        int n = to - from;
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }

    @Test
    void defaultsAreL2lsMnistNetworkOnTheBuiltInDigits() {
        NeuralNetwork net = DEFAULT.network();
        assertEquals(List.of(64, 10, 10), net.layerSizes());
        assertEquals(64 * 10 + 10 * 10, net.weightCount());
        assertEquals(1000, DEFAULT.preparedData().size());
        assertEquals(250, DEFAULT.testRows().length);
        assertEquals(750, DEFAULT.trainingRows().length);
    }

    @Test
    void initialWeightsAreNormalOverTheSquareRootOfTheFanIn() {
        double[] w = DEFAULT.createIndividual(Rng.seeded(3)).array(NeuralNetworkClassifierOptimizee.PARAM);
        assertEquals(740, w.length);
        assertEquals(1 / 8.0, std(w, 0, 640), 0.015);
        assertEquals(1 / Math.sqrt(10), std(w, 640, 740), 0.07);
        double[] w2 = NeuralNetworkClassifierOptimizee.builder().initScale(2).build().createIndividual(Rng.seeded(3))
                .array(NeuralNetworkClassifierOptimizee.PARAM);
        for (int i = 0; i < w.length; i++) assertEquals(2 * w[i], w2[i], 1e-12);
    }

    @Test
    void theFitnessIsTheTrainingAccuracyAndTheTestAccuracyIsExtraData() {
        Parameters p = DEFAULT.createIndividual(Rng.seeded(5));
        double[] w = p.array(NeuralNetworkClassifierOptimizee.PARAM);
        SimulationResult r = run(DEFAULT, 0, p);
        NeuralNetwork net = DEFAULT.network();
        assertArrayEquals(new double[] {net.accuracy(w, DEFAULT.preparedData(), DEFAULT.trainingRows())}, r.fitness());
        assertEquals(net.accuracy(w, DEFAULT.preparedData(), DEFAULT.testRows()),
                (Double) r.extra().get(NeuralNetworkClassifierOptimizee.TEST_ACCURACY));
        NeuralNetworkClassifierOptimizee noTest = NeuralNetworkClassifierOptimizee.builder().testFraction(0).build();
        assertFalse(run(noTest, 0, p).extra().containsKey(NeuralNetworkClassifierOptimizee.TEST_ACCURACY));
    }

    @Test
    void evaluationIsDeterministicAcrossInstancesAndRandomStreams() {
        Parameters p = DEFAULT.createIndividual(Rng.seeded(5));
        assertEquals(p, DEFAULT.createIndividual(Rng.seeded(5)));
        NeuralNetworkClassifierOptimizee again = NeuralNetworkClassifierOptimizee.builder().build();
        assertEquals(DEFAULT, again);
        SimulationResult a = run(DEFAULT, 4, p);
        SimulationResult b = again.simulate(new Individual(4, 17, p), new SimulationContext(4, 17, 2, Rng.seeded(1), 3));
        assertArrayEquals(a.fitness(), b.fitness());
        assertEquals(a.extra(), b.extra());
    }

    @Test
    void batchesDependOnTheGenerationAndTheSeedOnly() {
        NeuralNetworkClassifierOptimizee o = NeuralNetworkClassifierOptimizee.builder().batchSize(100).build();
        int[] b0 = o.batch(0);
        assertEquals(100, b0.length);
        assertEquals(100, Arrays.stream(b0).distinct().count());
        Set<Integer> train = new HashSet<>();
        for (int i : o.trainingRows()) train.add(i);
        for (int i : b0) assertTrue(train.contains(i), "batch row " + i + " is a training row");
        assertArrayEquals(b0, o.batch(0));
        assertFalse(Arrays.equals(b0, o.batch(1)));
        assertFalse(Arrays.equals(b0, NeuralNetworkClassifierOptimizee.builder().batchSize(100).seed(1).build().batch(0)));
        assertEquals(750, DEFAULT.batch(0).length);
        Parameters p = o.createIndividual(Rng.seeded(8));
        double[] w = p.array(NeuralNetworkClassifierOptimizee.PARAM);
        assertEquals(o.network().accuracy(w, o.preparedData(), o.batch(3)), run(o, 3, p).fitness()[0]);
    }

    @Test
    void theSplitPartitionsTheSamplesAndDependsOnTheSeed() {
        Set<Integer> all = new HashSet<>();
        for (int i : DEFAULT.trainingRows()) all.add(i);
        for (int i : DEFAULT.testRows()) assertTrue(all.add(i), "row " + i + " is in both splits");
        assertEquals(1000, all.size());
        assertFalse(Arrays.equals(DEFAULT.testRows(), NeuralNetworkClassifierOptimizee.builder().seed(7).build().testRows()));
    }

    @Test
    void normalizeScalesEachFeatureByItsLargestTrainingValue() {
        double max = 0;
        for (int i = 0; i < DEFAULT.preparedData().size(); i++) {
            for (double v : DEFAULT.preparedData().features(i)) max = Math.max(max, v);
        }
        assertTrue(max <= 1.0 + 1e-12 && max > 0.5, "max " + max);
        Dataset raw = NeuralNetworkClassifierOptimizee.builder().normalize(false).build().preparedData();
        assertEquals(GlyphDigits.standard(), raw);
    }

    @Test
    void boundIsTheIdentityOrClipping() {
        Parameters p = Parameters.builder().array("weights", -5, 0.5, 7).build();
        assertSame(p, DEFAULT.bound(p));
        Parameters clipped = NeuralNetworkClassifierOptimizee.builder().weightBound(2).build().bound(p);
        assertArrayEquals(new double[] {-2, 0.5, 2}, clipped.array("weights"));
    }

    @Test
    void aLinearClassifierOnACsvReachesFullAccuracyWithTheRightWeights() throws IOException {
        Path f = dir.resolve("onehot.csv");
        StringBuilder sb = new StringBuilder("class,x0,x1,x2\n");
        for (int i = 0; i < 30; i++) {
            int k = i % 3;
            sb.append("c").append(k).append(',').append(k == 0 ? 4 : 0).append(',').append(k == 1 ? 4 : 0).append(',')
                    .append(k == 2 ? 4 : 0).append('\n');
        }
        Files.writeString(f, sb.toString());
        NeuralNetworkClassifierOptimizee o = NeuralNetworkClassifierOptimizee.builder().dataset(f.toString())
                .labelColumn("class").hiddenLayers().testFraction(0.2).build();
        assertEquals(List.of(3, 3), o.network().layerSizes());
        Parameters identity = Parameters.builder().array("weights", 1, 0, 0, 0, 1, 0, 0, 0, 1).build();
        SimulationResult r = run(o, 0, identity);
        assertArrayEquals(new double[] {1.0}, r.fitness());
        assertEquals(1.0, r.extra().get(NeuralNetworkClassifierOptimizee.TEST_ACCURACY));
        Parameters shifted = Parameters.builder().array("weights", 0, 1, 0, 0, 0, 1, 1, 0, 0).build();
        assertArrayEquals(new double[] {0.0}, run(o, 0, shifted).fitness());
    }

    @Test
    void aRelativeDatasetPathIsMadeAbsolute() throws IOException {
        Path f = dir.resolve("two.csv");
        Files.writeString(f, "a,y\n1,0\n2,1\n3,0\n4,1\n");
        Path relative = Path.of("").toAbsolutePath().relativize(f);
        NeuralNetworkClassifierOptimizee o = NeuralNetworkClassifierOptimizee.builder().dataset(relative.toString())
                .testFraction(0).build();
        assertEquals(f.toAbsolutePath().normalize().toString(), o.dataset());
    }

    @Test
    void badSettingsAndBadFilesAreReportedAtConstruction() throws IOException {
        assertMessage("testFraction", () -> NeuralNetworkClassifierOptimizee.builder().testFraction(1).build());
        assertMessage("batchSize", () -> NeuralNetworkClassifierOptimizee.builder().batchSize(-1).build());
        assertMessage("hiddenLayers[1]", () -> NeuralNetworkClassifierOptimizee.builder().hiddenLayers(5, 0).build());
        assertMessage("activation", () -> NeuralNetworkClassifierOptimizee.builder().activation("step").build());
        assertMessage("initScale", () -> NeuralNetworkClassifierOptimizee.builder().initScale(0).build());
        assertMessage("weightBound", () -> NeuralNetworkClassifierOptimizee.builder().weightBound(-1).build());
        assertMessage("labelColumn", () -> NeuralNetworkClassifierOptimizee.builder().labelColumn("digit").build());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,y\n1,2,0\n1,oops,1\n");
        assertMessage("line 3, column 2 (b)", () -> NeuralNetworkClassifierOptimizee.builder().dataset(bad.toString()).build());
        assertMessage("missing.csv", () -> NeuralNetworkClassifierOptimizee.builder()
                .dataset(dir.resolve("missing.csv").toString()).build());
        Parameters wrong = Parameters.builder().array("weights", 1, 2).build();
        assertMessage("740", () -> run(DEFAULT, 0, wrong));
        assertMessage("no array parameter \"weights\"", () -> run(DEFAULT, 0, Parameters.builder().scalar("x", 1).build()));
    }

    @Test
    void differentWeightsGiveDifferentPredictions() {
        Parameters a = DEFAULT.createIndividual(Rng.seeded(1));
        Parameters b = DEFAULT.createIndividual(Rng.seeded(2));
        NeuralNetwork net = DEFAULT.network();
        int differ = 0;
        Dataset d = DEFAULT.preparedData();
        for (int i = 0; i < 100; i++) {
            if (net.predict(a.array("weights"), d.features(i)) != net.predict(b.array("weights"), d.features(i))) differ++;
        }
        assertNotEquals(0, differ);
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
    }
}
