package org.l2l.optimizees.classifier;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Require;
import org.l2l.core.Rng;

/**
 * A small labelled data set that needs no download: noisy 8 x 8 images of the digits 0 to 9, in the
 * spirit of the 8 x 8 scikit-learn digits L2L's MNIST optimizee uses with {@code use_small_mnist}.
 *
 * <p>Each image is a 5 x 7 glyph of its digit placed at one of eight positions in the 8 x 8 frame.
 * Stroke pixels get an intensity of 6 to 9, about one in twenty of them fades to 0 to 2, and about one
 * background pixel in ten gets 1 to 3. Pixels are integers 0 to 9, so the CSV stays small; images
 * are in row-major order ({@code p0} is the top left pixel, {@code p7} the top right one).
 *
 * <p>{@link #standard()} is the built-in data set of {@link NeuralNetworkClassifierOptimizee} (its
 * default when no CSV is given) and is exactly the file {@code examples/data/glyph-digits.csv},
 * which {@link #main} writes:
 * <pre>{@code
 * java -cp optimizees/target/classes:l2l-core/target/classes \
 *     org.l2l.optimizees.classifier.GlyphDigits examples/data/glyph-digits.csv
 * }</pre>
 */
public final class GlyphDigits {
    /** Images per digit in {@link #standard()}. */
    public static final int STANDARD_PER_CLASS = 100;
    /** The seed of {@link #standard()}. */
    public static final long STANDARD_SEED = 2024;
    /** The label column's name in the CSV. */
    public static final String LABEL_COLUMN = "label";

    private static final int SIZE = 8;
    private static final String[][] GLYPHS = {
        {"01110", "10001", "10011", "10101", "11001", "10001", "01110"},
        {"00100", "01100", "00100", "00100", "00100", "00100", "01110"},
        {"01110", "10001", "00001", "00010", "00100", "01000", "11111"},
        {"11111", "00010", "00100", "00010", "00001", "10001", "01110"},
        {"00010", "00110", "01010", "10010", "11111", "00010", "00010"},
        {"11111", "10000", "11110", "00001", "00001", "10001", "01110"},
        {"00110", "01000", "10000", "11110", "10001", "10001", "01110"},
        {"11111", "00001", "00010", "00100", "01000", "01000", "01000"},
        {"01110", "10001", "10001", "01110", "10001", "10001", "01110"},
        {"01110", "10001", "10001", "01111", "00001", "00010", "01100"},
    };

    private GlyphDigits() {}

    /** The built-in data set: {@value #STANDARD_PER_CLASS} images per digit, seed {@value #STANDARD_SEED}. */
    public static Dataset standard() {
        return generate(STANDARD_PER_CLASS, STANDARD_SEED);
    }

    /**
     * Generates {@code perClass} images of each digit; row {@code i} shows digit {@code i % 10}.
     *
     * @param perClass images per digit, {@code > 0}
     * @param seed the same seed gives the same images
     */
    public static Dataset generate(int perClass, long seed) {
        Require.positive("perClass", perClass);
        Rng rng = Rng.derive(seed, "glyph-digits");
        int n = perClass * GLYPHS.length;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % GLYPHS.length;
            x[i] = image(GLYPHS[y[i]], rng);
        }
        List<String> features = new ArrayList<>();
        for (int p = 0; p < SIZE * SIZE; p++) features.add("p" + p);
        List<String> classes = new ArrayList<>();
        for (int d = 0; d < GLYPHS.length; d++) classes.add(Integer.toString(d));
        return new Dataset("built-in glyph digits", features, classes, x, y);
    }

    private static double[] image(String[] glyph, Rng rng) {
        int height = glyph.length;
        int width = glyph[0].length();
        int dx = rng.nextInt(SIZE - width + 1);
        int dy = rng.nextInt(SIZE - height + 1);
        double[] img = new double[SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                int gr = r - dy;
                int gc = c - dx;
                boolean stroke = gr >= 0 && gr < height && gc >= 0 && gc < width && glyph[gr].charAt(gc) == '1';
                int v;
                if (stroke) {
                    v = rng.nextDouble() < 0.05 ? rng.nextInt(3) : 6 + rng.nextInt(4);
                } else {
                    v = rng.nextDouble() < 0.1 ? 1 + rng.nextInt(3) : 0;
                }
                img[r * SIZE + c] = v;
            }
        }
        return img;
    }

    /** Writes {@code data} as CSV: a header {@code p0,...,p63,label}, then one row per image. */
    public static void writeCsv(Dataset data, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", data.featureNames()) + "," + LABEL_COLUMN + "\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < data.size(); i++) {
                sb.setLength(0);
                for (double v : data.features(i)) sb.append((long) v).append(',');
                sb.append(data.classes().get(data.label(i))).append('\n');
                w.write(sb.toString());
            }
        }
    }

    /**
     * Writes {@link #standard()} to the CSV file named by the only argument.
     *
     * @param args the output file
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GlyphDigits OUTPUT.csv");
            System.exit(2);
        }
        writeCsv(standard(), Path.of(args[0]));
    }
}
