package org.l2l.optimizees.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.l2l.core.Require;

/**
 * A fully connected feed-forward classifier whose weights come from outside, as in L2L's
 * {@code NeuralNetworkClassifier}: the hidden layers apply {@link Activation}, the output layer is
 * linear, and the predicted class is the index of the largest output (the first one on ties).
 *
 * <p>The weights are one flat vector, layer by layer from the input: for a layer from {@code n} to
 * {@code m} units, the {@code m x n} matrix in row-major order ({@code m} rows of {@code n} incoming
 * weights), followed by its {@code m} biases when {@code bias} is on. With {@code bias} off and one
 * hidden layer this is L2L's layout ({@code hidden_weights} then {@code output_weights}).
 *
 * <pre>{@code
 * NeuralNetwork net = new NeuralNetwork(List.of(64, 10, 10), Activation.SIGMOID, false);
 * int k = net.predict(weights, image);     // weights.length == net.weightCount() == 740
 * }</pre>
 */
public final class NeuralNetwork {
    /** The activation function of the hidden layers. */
    public enum Activation {
        /** {@code 1 / (1 + exp(-z))}, L2L's choice. */
        SIGMOID,
        /** {@code tanh(z)}. */
        TANH,
        /** {@code max(0, z)}. */
        RELU;

        /**
         * The activation named {@code name}, case-insensitive ({@code "sigmoid"}, {@code "tanh"}, {@code "relu"}).
         *
         * @throws IllegalArgumentException naming the known activations
         */
        public static Activation named(String name) {
            Require.nonNull("activation", name);
            for (Activation a : values()) if (a.name().equalsIgnoreCase(name.trim())) return a;
            throw new IllegalArgumentException("activation must be one of sigmoid, tanh, relu, but was \"" + name + "\"");
        }

        double apply(double z) {
            return switch (this) {
                case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
                case TANH -> Math.tanh(z);
                case RELU -> Math.max(0, z);
            };
        }
    }

    private final int[] sizes;
    private final Activation activation;
    private final boolean bias;
    private final int weightCount;
    private final int widest;

    /**
     * A network with the given layer sizes.
     *
     * @param layerSizes input size, hidden layer sizes, output size; at least two entries, each {@code > 0}
     * @param activation the hidden layers' activation
     * @param bias whether every layer has biases
     */
    public NeuralNetwork(List<Integer> layerSizes, Activation activation, boolean bias) {
        Require.nonNull("layerSizes", layerSizes);
        if (layerSizes.size() < 2) {
            throw new IllegalArgumentException("layerSizes needs an input and an output size, but was " + layerSizes);
        }
        sizes = new int[layerSizes.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Require.positive("layerSizes[" + i + "]", Require.nonNull("layerSizes[" + i + "]", layerSizes.get(i)));
        }
        this.activation = Require.nonNull("activation", activation);
        this.bias = bias;
        long count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) count += (long) sizes[l + 1] * (sizes[l] + (bias ? 1 : 0));
        if (count > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("the network has too many weights: " + count);
        weightCount = (int) count;
        widest = Arrays.stream(sizes).max().orElseThrow();
    }

    /** The number of weights (and biases) the flat weight vector must have. */
    public int weightCount() {
        return weightCount;
    }

    /** The layer sizes, input first, output last. */
    public List<Integer> layerSizes() {
        return Arrays.stream(sizes).boxed().toList();
    }

    /** The fan-in of weight {@code i} of the flat vector: the size of the layer it comes from (L2L scales by it). */
    public int fanIn(int i) {
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int n = sizes[l + 1] * (sizes[l] + (bias ? 1 : 0));
            if (i < offset + n) return sizes[l];
            offset += n;
        }
        throw new IndexOutOfBoundsException("weight index " + i + " outside 0.." + (weightCount - 1));
    }

    /**
     * The output layer's values for one input.
     *
     * @param weights the flat weight vector, {@link #weightCount()} long
     * @param input the features, as long as the input layer
     */
    public double[] forward(double[] weights, double[] input) {
        check(weights, input);
        double[] a = new double[widest];
        double[] b = new double[widest];
        return Arrays.copyOf(run(weights, input, a, b), sizes[sizes.length - 1]);
    }

    /** The predicted class for one input: the index of the largest output, the first on ties. */
    public int predict(double[] weights, double[] input) {
        check(weights, input);
        return argmax(run(weights, input, new double[widest], new double[widest]), sizes[sizes.length - 1]);
    }

    /**
     * The fraction of the given samples whose predicted class is their label (L2L's {@code score}).
     *
     * @param weights the flat weight vector
     * @param data the samples
     * @param rows which samples of {@code data} to score; none gives NaN
     */
    public double accuracy(double[] weights, Dataset data, int[] rows) {
        if (data.featureCount() != sizes[0]) {
            throw new IllegalArgumentException("the data set has " + data.featureCount() + " features, but the network "
                    + "has " + sizes[0] + " inputs");
        }
        check(weights, null);
        if (rows.length == 0) return Double.NaN;
        double[] a = new double[widest];
        double[] b = new double[widest];
        int correct = 0;
        for (int r : rows) {
            if (argmax(run(weights, data.row(r), a, b), sizes[sizes.length - 1]) == data.label(r)) correct++;
        }
        return correct / (double) rows.length;
    }

    private void check(double[] weights, double[] input) {
        Require.nonNull("weights", weights);
        if (weights.length != weightCount) {
            throw new IllegalArgumentException("weights must have " + weightCount + " values for layers "
                    + layerSizes() + (bias ? " with" : " without") + " biases, but has " + weights.length);
        }
        if (input != null && input.length != sizes[0]) {
            throw new IllegalArgumentException("input must have " + sizes[0] + " values, but has " + input.length);
        }
    }

    /** Runs the layers with two scratch buffers; returns the buffer holding the output. */
    private double[] run(double[] w, double[] input, double[] a, double[] b) {
        double[] in = input;
        double[] out = a;
        int k = 0;
        int last = sizes.length - 2;
        for (int l = 0; l <= last; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            for (int j = 0; j < m; j++) {
                double z = 0;
                for (int i = 0; i < n; i++) z += w[k + i] * in[i];
                out[j] = z;
                k += n;
            }
            if (bias) {
                for (int j = 0; j < m; j++) out[j] += w[k + j];
                k += m;
            }
            if (l < last) for (int j = 0; j < m; j++) out[j] = activation.apply(out[j]);
            in = out;
            out = out == a ? b : a;
        }
        return in;
    }

    private static int argmax(double[] v, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override
    public String toString() {
        return "NeuralNetwork" + layerSizes() + "[" + activation.name().toLowerCase(Locale.ROOT) + (bias ? ", bias" : "") + "]";
    }
}
