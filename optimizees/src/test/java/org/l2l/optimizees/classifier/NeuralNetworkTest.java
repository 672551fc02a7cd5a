package org.l2l.optimizees.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.optimizees.classifier.NeuralNetwork.Activation;

class NeuralNetworkTest {
    // 2 inputs -> 2 hidden -> 2 outputs, with biases: hidden W, hidden b, output W, output b
    private static final double[] TINY = {1, -1, 0.5, 0.5, 0, -1, 1, 0, 0, 2, 0.1, -0.2};
    private static final double[] X = {2, 1};

    @Test
    void forwardPassMatchesAHandComputedSigmoidNetwork() {
        NeuralNetwork net = new NeuralNetwork(List.of(2, 2, 2), Activation.SIGMOID, true);
        assertEquals(12, net.weightCount());
        // hidden pre-activations: 2 - 1 + 0 = 1 and 1 + 0.5 - 1 = 0.5
        double h1 = 1 / (1 + Math.exp(-1));
        double h2 = 1 / (1 + Math.exp(-0.5));
        assertArrayEquals(new double[] {h1 + 0.1, 2 * h2 - 0.2}, net.forward(TINY, X), 1e-12);
        assertEquals(0.8310585786300049, net.forward(TINY, X)[0], 1e-12);
        assertEquals(1.0449186624037092, net.forward(TINY, X)[1], 1e-12);
        assertEquals(1, net.predict(TINY, X));
    }

    @Test
    void forwardPassWithTanhAndReluHiddenLayers() {
        assertArrayEquals(new double[] {Math.tanh(1) + 0.1, 2 * Math.tanh(0.5) - 0.2},
                new NeuralNetwork(List.of(2, 2, 2), Activation.TANH, true).forward(TINY, X), 1e-12);
        // with its first weight set to -3, the second hidden unit gets -3 * 2 + 0.5 * 1 - 1 = -6.5, cut to 0 by relu
        assertArrayEquals(new double[] {1 + 0.1, -0.2}, new NeuralNetwork(List.of(2, 2, 2), Activation.RELU, true)
                .forward(altered(TINY, 2, -3), X), 1e-12);
    }

    private static double[] altered(double[] w, int i, double v) {
        double[] c = w.clone();
        c[i] = v;
        return c;
    }

    @Test
    void withoutBiasTheLayoutIsL2lsHiddenThenOutputWeights() {
        NeuralNetwork net = new NeuralNetwork(List.of(3, 2, 2), Activation.SIGMOID, false);
        assertEquals(3 * 2 + 2 * 2, net.weightCount());
        double[] w = {0, 0, 0, 1, 1, 1, 1, 0, 0, 3};
        // hidden: sigmoid(0) = 0.5 and sigmoid(6) for input (1, 2, 3); outputs: 0.5 and 3 * sigmoid(6)
        assertArrayEquals(new double[] {0.5, 3 / (1 + Math.exp(-6))}, net.forward(w, new double[] {1, 2, 3}), 1e-12);
        assertEquals(3, net.fanIn(0));
        assertEquals(3, net.fanIn(5));
        assertEquals(2, net.fanIn(6));
        assertEquals(2, net.fanIn(9));
    }

    @Test
    void accuracyIsTheShareOfSamplesPredictedAsTheirLabel() {
        // no hidden layer, identity weights: the prediction is the index of the larger input
        NeuralNetwork net = new NeuralNetwork(List.of(2, 2), Activation.SIGMOID, false);
        double[] identity = {1, 0, 0, 1};
        Dataset d = new Dataset("test", List.of("a", "b"), List.of("first", "second"),
                new double[][] {{1, 0}, {0, 1}, {2, 3}, {5, 4}, {1, 1}}, new int[] {0, 1, 1, 1, 1});
        // correct: rows 0, 1, 2; wrong: row 3 (predicts 0), row 4 (a tie predicts the first class, 0)
        assertEquals(0.6, net.accuracy(identity, d, new int[] {0, 1, 2, 3, 4}), 1e-12);
        assertEquals(1.0, net.accuracy(identity, d, new int[] {0, 2}), 1e-12);
        assertEquals(0.0, net.accuracy(identity, d, new int[] {3}), 1e-12);
        assertTrue(Double.isNaN(net.accuracy(identity, d, new int[0])));
    }

    @Test
    void rejectsWrongShapesNamingTheExpectedSize() {
        NeuralNetwork net = new NeuralNetwork(List.of(2, 2, 2), Activation.SIGMOID, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(new double[5], X));
        assertTrue(e.getMessage().contains("weights must have 12 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(TINY, new double[3]));
        assertTrue(e.getMessage().contains("input must have 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NeuralNetwork(List.of(2, 0, 2), Activation.RELU, true));
        assertTrue(e.getMessage().contains("layerSizes[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.named("softsign"));
        assertTrue(e.getMessage().contains("sigmoid, tanh, relu"), e.getMessage());
        assertEquals(Activation.TANH, Activation.named(" Tanh "));
    }
}
