package org.l2l.optimizees.classifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * The weights of a small neural network classifier as the individual, its accuracy on a labelled data
 * set as the fitness: L2L's {@code MNISTOptimizee}, for any data set given as CSV.
 *
 * <p>The individual is one array {@value #PARAM}, the flat weight vector of a {@link NeuralNetwork}
 * with the data set's features as inputs, {@code hiddenLayers} hidden layers and one output per class.
 * The fitness is one component, the <b>training accuracy</b> in [0, 1] (maximize it: fitness weight
 * {@code +1}, as L2L's MNIST examples). The extra data {@value #TEST_ACCURACY} is the accuracy on the
 * held-out test split (absent when {@code testFraction} is 0).
 *
 * <p>Data: the CSV file {@code dataset} ({@link Dataset#readCsv}), or with {@code dataset} empty the
 * built-in {@link GlyphDigits#standard()} noisy 8 x 8 digits (the same data as
 * {@code examples/data/glyph-digits.csv}). A seeded shuffle puts {@code testFraction} of the samples
 * in the test split and the rest in the training split. With {@code normalize}, each feature is
 * divided by its largest absolute value in the training split (L2L divides the 8 x 8 digits by 16,
 * their largest value). A worker JVM reads and prepares the data once and keeps it.
 *
 * <p>Each evaluation scores {@code batchSize} training samples, or all of them with {@code batchSize}
 * 0 (L2L scores the whole data set). A batch is drawn from {@code seed} and the individual's generation,
 * so every individual of a generation sees the same batch, on any worker, and a rerun sees the same
 * batches. The fitness therefore depends only on the weights and the generation.
 *
 * <p>{@link #createIndividual}: like L2L, each weight is a standard normal draw divided by the square
 * root of its layer's fan-in, here also multiplied by {@code initScale} (1 is L2L); biases likewise.
 * {@link #bound}: the identity when {@code weightBound} is 0 (L2L's {@code bounding_func} returns the
 * individual unchanged); otherwise every weight is clipped into {@code [-weightBound, weightBound]}.
 *
 * <pre>{@code
 * Optimizee o = NeuralNetworkClassifierOptimizee.builder().hiddenLayers(10).build();   // built-in digits
 * Optimizee csv = NeuralNetworkClassifierOptimizee.builder().dataset("iris.csv").labelColumn("species")
 *         .hiddenLayers(8).activation("tanh").bias(true).build();
 * }</pre>
 *
 * @param dataset the CSV file (relative paths are made absolute against the working directory), or
 *     empty for the built-in glyph digits
 * @param labelColumn the label column's name, or empty for the last column
 * @param hiddenLayers the hidden layer sizes, each {@code > 0}; empty for a linear classifier
 * @param activation the hidden layers' activation: {@code sigmoid} (L2L), {@code tanh} or {@code relu}
 * @param bias whether every layer has biases (L2L's network has none)
 * @param batchSize training samples scored per evaluation, {@code >= 0}; 0 for all of them
 * @param testFraction the share of samples held out for {@value #TEST_ACCURACY}, in [0, 1)
 * @param normalize whether to divide each feature by its largest absolute training value
 * @param initScale the factor of the initial weights, {@code > 0}
 * @param weightBound 0 for no bounds, otherwise the largest absolute weight {@link #bound} allows
 * @param seed seeds the train/test split and the batches
 */
public record NeuralNetworkClassifierOptimizee(String dataset, String labelColumn, List<Integer> hiddenLayers,
                                               String activation, boolean bias, int batchSize, double testFraction,
                                               boolean normalize, double initScale, double weightBound, long seed)
        implements Optimizee {
    /** The parameter holding the flat weight vector. */
    public static final String PARAM = "weights";
    /** The extra data key of the test accuracy. */
    public static final String TEST_ACCURACY = "testAccuracy";

    private static final Map<DataKey, Prepared> CACHE = new ConcurrentHashMap<>();

    /** Validates every field, and reads the data set, so that a bad file is reported at once. */
    public NeuralNetworkClassifierOptimizee {
        Require.nonNull("dataset", dataset);
        if (!dataset.isBlank()) dataset = Path.of(dataset.trim()).toAbsolutePath().normalize().toString();
        else dataset = "";
        Require.nonNull("labelColumn", labelColumn);
        Require.nonNull("hiddenLayers", hiddenLayers);
        for (int i = 0; i < hiddenLayers.size(); i++) {
            Require.positive("hiddenLayers[" + i + "]", Require.nonNull("hiddenLayers[" + i + "]", hiddenLayers.get(i)));
        }
        hiddenLayers = List.copyOf(hiddenLayers);
        NeuralNetwork.Activation.named(activation);
        Require.nonNegative("batchSize", batchSize);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), but was " + testFraction);
        }
        Require.positive("initScale", initScale);
        Require.nonNegative("weightBound", weightBound);
        prepared(new DataKey(dataset, labelColumn, normalize, testFraction, seed));
    }

    /** A builder with the defaults listed on its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** The network this optimizee's individuals are weights of. */
    public NeuralNetwork network() {
        Dataset d = data().data;
        List<Integer> sizes = new ArrayList<>();
        sizes.add(d.featureCount());
        sizes.addAll(hiddenLayers);
        sizes.add(d.classes().size());
        return new NeuralNetwork(sizes, NeuralNetwork.Activation.named(activation), bias);
    }

    /** The prepared data set (normalized as configured); shared, do not modify. */
    Dataset preparedData() {
        return data().data;
    }

    /** The training split's sample indices into {@link #preparedData()}. */
    int[] trainingRows() {
        return data().train.clone();
    }

    /** The test split's sample indices into {@link #preparedData()}. */
    int[] testRows() {
        return data().test.clone();
    }

    /** The training samples scored in {@code generation}: all, or a batch drawn from the seed and the generation. */
    int[] batch(int generation) {
        int[] train = data().train;
        if (batchSize == 0 || batchSize >= train.length) return train.clone();
        int[] idx = train.clone();
        Rng r = Rng.derive(seed, "batch", generation);
        for (int i = 0; i < batchSize; i++) {
            int j = i + r.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, batchSize);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        NeuralNetwork net = network();
        double[] w = new double[net.weightCount()];
        for (int i = 0; i < w.length; i++) w[i] = random.nextGaussian() * initScale / Math.sqrt(net.fanIn(i));
        return Parameters.builder().array(PARAM, w).build();
    }

    @Override
    public Parameters bound(Parameters params) {
        if (weightBound == 0) return params;
        double[] w = params.array(PARAM);
        for (int i = 0; i < w.length; i++) w[i] = Math.max(-weightBound, Math.min(weightBound, w[i]));
        return Parameters.builder().array(PARAM, w).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        Parameters p = individual.params();
        if (!p.has(PARAM) || !p.isArray(PARAM)) {
            throw new IllegalArgumentException(individual.label() + " has no array parameter \"" + PARAM + "\"; it has "
                    + p.names());
        }
        double[] w = p.array(PARAM);
        NeuralNetwork net = network();
        Prepared d = data();
        double train = net.accuracy(w, d.data, batch(individual.generation()));
        if (d.test.length == 0) return SimulationResult.of(train);
        return new SimulationResult(new double[] {train}, Map.of(TEST_ACCURACY, net.accuracy(w, d.data, d.test)));
    }

    private Prepared data() {
        return prepared(new DataKey(dataset, labelColumn, normalize, testFraction, seed));
    }

    private record DataKey(String dataset, String labelColumn, boolean normalize, double testFraction, long seed) {}

    private record Prepared(Dataset data, int[] train, int[] test) {}

    private static Prepared prepared(DataKey key) {
        Prepared p = CACHE.get(key);
        if (p == null) {
            p = prepare(key);
            CACHE.putIfAbsent(key, p);
        }
        return p;
    }

    private static Prepared prepare(DataKey key) {
        Dataset raw = key.dataset().isEmpty() ? GlyphDigits.standard() : Dataset.readCsv(Path.of(key.dataset()), key.labelColumn());
        if (key.dataset().isEmpty() && !key.labelColumn().isEmpty() && !key.labelColumn().equals(GlyphDigits.LABEL_COLUMN)) {
            throw new IllegalArgumentException("labelColumn must be empty or \"" + GlyphDigits.LABEL_COLUMN
                    + "\" for the built-in data set, but was \"" + key.labelColumn() + "\"");
        }
        int n = raw.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng r = Rng.derive(key.seed(), "split");
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTest = (int) Math.round(key.testFraction() * n);
        if (nTest >= n) {
            throw new IllegalArgumentException("testFraction " + key.testFraction() + " leaves no training samples of the "
                    + n + " in " + raw.source());
        }
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] train = Arrays.copyOfRange(order, nTest, n);
        Arrays.sort(test);
        Arrays.sort(train);
        Dataset data = raw;
        if (key.normalize()) {
            double[] scale = new double[raw.featureCount()];
            for (int i : train) {
                double[] x = raw.row(i);
                for (int j = 0; j < x.length; j++) scale[j] = Math.max(scale[j], Math.abs(x[j]));
            }
            double[][] x = new double[n][];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = raw.features(i);
                for (int j = 0; j < x[i].length; j++) if (scale[j] > 0) x[i][j] /= scale[j];
                y[i] = raw.label(i);
            }
            data = new Dataset(raw.source(), raw.featureNames(), raw.classes(), x, y);
        }
        return new Prepared(data, train, test);
    }

    /** Builds a {@link NeuralNetworkClassifierOptimizee}; every setting has a default. */
    public static final class Builder {
        private String dataset = "";
        private String labelColumn = "";
        private List<Integer> hiddenLayers = List.of(10);
        private String activation = "sigmoid";
        private boolean bias = false;
        private int batchSize = 0;
        private double testFraction = 0.25;
        private boolean normalize = true;
        private double initScale = 1.0;
        private double weightBound = 0;
        private long seed = 200;

        private Builder() {}

        /** The CSV file; default empty: the built-in {@link GlyphDigits#standard()} digits. */
        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        /** The label column's name; default empty: the last column. */
        public Builder labelColumn(String v) {
            labelColumn = v;
            return this;
        }

        /** The hidden layer sizes; default one layer of 10 (L2L's MNIST examples). */
        public Builder hiddenLayers(Integer... v) {
            hiddenLayers = List.of(v);
            return this;
        }

        /** The hidden layers' activation; default {@code sigmoid} (L2L). */
        public Builder activation(String v) {
            activation = v;
            return this;
        }

        /** Whether layers have biases; default false (L2L). */
        public Builder bias(boolean v) {
            bias = v;
            return this;
        }

        /** Training samples per evaluation; default 0: all (L2L). */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** The held-out share; default 0.25. */
        public Builder testFraction(double v) {
            testFraction = v;
            return this;
        }

        /** Whether to scale each feature by its largest absolute value; default true. */
        public Builder normalize(boolean v) {
            normalize = v;
            return this;
        }

        /** The initial weights' factor; default 1 (L2L's {@code randn / sqrt(fan_in)}). */
        public Builder initScale(double v) {
            initScale = v;
            return this;
        }

        /** The clipping bound of {@link #bound}; default 0: no bounds (L2L). */
        public Builder weightBound(double v) {
            weightBound = v;
            return this;
        }

        /** The seed of the split and the batches; default 200 (L2L's {@code optimizee_seed}). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Builds and validates. */
        public NeuralNetworkClassifierOptimizee build() {
            return new NeuralNetworkClassifierOptimizee(dataset, labelColumn, hiddenLayers, activation, bias, batchSize,
                    testFraction, normalize, initScale, weightBound, seed);
        }
    }
}
