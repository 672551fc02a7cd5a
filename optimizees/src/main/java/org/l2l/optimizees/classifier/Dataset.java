package org.l2l.optimizees.classifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.l2l.core.Require;
import org.l2l.core.csv.CsvReader;

/**
 * A labelled data set: one row of numeric features and one class label per sample. Immutable.
 *
 * <p>Read from CSV with {@link #readCsv}: a header row naming the columns, then one sample per line,
 * fields separated by commas (no quoting). Every column but the label column is a feature and must
 * hold finite numbers; the label column may hold any text. The classes are the distinct labels,
 * numerically sorted when all labels are numbers and alphabetically otherwise; a sample's label is
 * its class's index in {@link #classes()}.
 */
public final class Dataset {
    private final String source;
    private final List<String> featureNames;
    private final List<String> classes;
    private final double[][] features;
    private final int[] labels;

    /**
     * A data set from arrays (copied).
     *
     * @param source where the data came from, for messages
     * @param featureNames one name per feature
     * @param classes the class names; label {@code k} means {@code classes.get(k)}
     * @param features one row per sample, each with {@code featureNames.size()} finite values
     * @param labels one class index per sample
     */
    public Dataset(String source, List<String> featureNames, List<String> classes, double[][] features, int[] labels) {
        this.source = Require.nonNull("source", source);
        this.featureNames = List.copyOf(Require.nonNull("featureNames", featureNames));
        this.classes = List.copyOf(Require.nonNull("classes", classes));
        Require.nonNull("features", features);
        Require.nonNull("labels", labels);
        if (features.length != labels.length) {
            throw new IllegalArgumentException(source + ": " + features.length + " feature rows but " + labels.length
                    + " labels");
        }
        if (this.featureNames.isEmpty()) throw new IllegalArgumentException(source + ": there are no feature columns");
        this.features = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null || features[i].length != this.featureNames.size()) {
                throw new IllegalArgumentException(source + ": sample " + i + " has "
                        + (features[i] == null ? "no" : features[i].length) + " features, expected "
                        + this.featureNames.size());
            }
            for (int j = 0; j < features[i].length; j++) {
                if (!Double.isFinite(features[i][j])) {
                    throw new IllegalArgumentException(source + ": sample " + i + " feature " + this.featureNames.get(j)
                            + " is not finite: " + features[i][j]);
                }
            }
            if (labels[i] < 0 || labels[i] >= this.classes.size()) {
                throw new IllegalArgumentException(source + ": sample " + i + " has label " + labels[i] + ", outside 0.."
                        + (this.classes.size() - 1));
            }
            this.features[i] = features[i].clone();
        }
        this.labels = labels.clone();
    }

    /**
     * Reads a CSV file.
     *
     * @param file the CSV file
     * @param labelColumn the label column's name in the header; empty for the last column
     * @throws IllegalArgumentException naming the file, line and column of the first problem, or if the
     *     file cannot be read
     */
    public static Dataset readCsv(Path file, String labelColumn) {
        Require.nonNull("file", file);
        Require.nonNull("labelColumn", labelColumn);
        String where = "dataset " + file;
        List<double[]> rows = new ArrayList<>();
        List<String> rawLabels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String[] header;
        int label;
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), where, false)) {
            header = csv.header().toArray(new String[0]);
            label = header.length - 1;
            if (!labelColumn.isEmpty()) {
                label = csv.column(labelColumn);
                if (label < 0) {
                    throw new IllegalArgumentException(where + ": line 1: no column \"" + labelColumn
                            + "\" (labelColumn) in the header; the columns are " + Arrays.toString(header));
                }
            }
            if (header.length < 2) {
                throw new IllegalArgumentException(where + ": line 1: needs at least one feature column and the label "
                        + "column, but the header has " + header.length + " column");
            }
            for (int c = 0; c < header.length; c++) if (c != label) names.add(header[c]);
            while (csv.next()) {
                int lineNo = Math.toIntExact(csv.line());
                if (csv.size() != header.length) {
                    throw csv.error(csv.size() + " columns, but the header has " + header.length, null);
                }
                double[] x = new double[names.size()];
                int k = 0;
                for (int c = 0; c < header.length; c++) {
                    if (c == label) continue;
                    x[k++] = number(csv.get(c).strip(), where, lineNo, c, header[c]);
                }
                String labelValue = csv.get(label).strip();
                if (labelValue.isEmpty()) {
                    throw new IllegalArgumentException(where + ": line " + lineNo + ", column " + (label + 1) + " ("
                            + header[label] + "): the label is empty");
                }
                rows.add(x);
                rawLabels.add(labelValue);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read it: " + e, e);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(where + ": no data rows after the header");
        List<String> classes = sortedClasses(new LinkedHashSet<>(rawLabels));
        if (classes.size() < 2) {
            throw new IllegalArgumentException(where + ": column " + (label + 1) + " (" + header[label]
                    + ", the label) needs at least 2 classes, but has only " + classes);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) index.put(classes.get(i), i);
        int[] y = new int[rawLabels.size()];
        for (int i = 0; i < y.length; i++) y[i] = index.get(rawLabels.get(i));
        return new Dataset(file.toString(), names, classes, rows.toArray(new double[0][]), y);
    }

    private static double number(String s, String where, int line, int column, String name) {
        // the message names the file, line, column and text; a NumberFormatException would add nothing (and
        // the experiment file reader reports the deepest cause's message)
        double v = isNumber(s) ? Double.parseDouble(s) : Double.NaN;
        if (Double.isNaN(v) && !s.equalsIgnoreCase("NaN")) {
            throw new IllegalArgumentException(where + ": line " + line + ", column " + (column + 1) + " (" + name
                    + "): not a number: \"" + s + "\"");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": line " + line + ", column " + (column + 1) + " (" + name
                    + "): not a finite number: \"" + s + "\"");
        }
        return v;
    }

    private static List<String> sortedClasses(Set<String> labels) {
        List<String> sorted = new ArrayList<>(labels);
        boolean numeric = sorted.stream().allMatch(Dataset::isNumber);
        sorted.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return sorted;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) return false;
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where the data came from (a file name, or a description). */
    public String source() {
        return source;
    }

    /** The feature names, in column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names; a label is an index into this list. */
    public List<String> classes() {
        return classes;
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** The number of features per sample. */
    public int featureCount() {
        return featureNames.size();
    }

    /** A copy of sample {@code i}'s features. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** Sample {@code i}'s class index. */
    public int label(int i) {
        return labels[i];
    }

    /** Sample {@code i}'s features, not copied: for this package's read-only use. */
    double[] row(int i) {
        return features[i];
    }

    /** Two data sets are equal if they have the same features, classes and samples (the source is ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && featureNames.equals(d.featureNames) && classes.equals(d.classes)
                && Arrays.deepEquals(features, d.features) && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(features) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ": " + size() + " samples, " + featureCount() + " features, classes " + classes + "]";
    }
}
