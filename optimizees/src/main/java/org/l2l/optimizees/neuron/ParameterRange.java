package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Require;

/**
 * The allowed interval of one conductance parameter. A ranges file has the columns {@code name,min,max}
 * and one row for each name of {@link Conductances#NAMES} (in any order); values are in mS/cm².
 *
 * @param name the parameter name, one of {@link Conductances#NAMES}
 * @param min the lower bound; finite and {@code >= 0}
 * @param max the upper bound; finite and {@code > min}
 */
public record ParameterRange(String name, double min, double max) {
    /** The columns of a ranges file. */
    static final List<String> COLUMNS = List.of("name", "min", "max");

    /** Validates the fields. */
    public ParameterRange {
        Require.nonBlank("name", name);
        Require.nonNegative(name + " min", min);
        Require.finite(name + " max", max);
        if (!(max > min)) throw new IllegalArgumentException(name + " max must be > min = " + min + ", but was " + max);
    }

    /** {@code x} clipped into {@code [min, max]}. */
    public double clip(double x) {
        return Math.max(min, Math.min(max, x));
    }

    /** {@code x} mapped to {@code [0, 1]} over this range: {@code (x - min) / (max - min)}. */
    public double normalize(double x) {
        return (x - min) / (max - min);
    }

    /** The inverse of {@link #normalize}. */
    public double denormalize(double u) {
        return min + u * (max - min);
    }

    /** Whether {@code min <= x <= max}. */
    public boolean contains(double x) {
        return x >= min && x <= max;
    }

    /** The shipped ranges, in the order of {@link Conductances#NAMES}. */
    public static List<ParameterRange> shipped() {
        return fromCsv(Csv.resource("ranges.csv"));
    }

    /**
     * The ranges of a file, in the order of {@link Conductances#NAMES}.
     *
     * @throws IllegalArgumentException naming the file, line and column of a bad cell, an unknown, repeated
     *     or missing name
     */
    public static List<ParameterRange> load(String path) {
        return fromCsv(Csv.file("ranges", path));
    }

    static List<ParameterRange> fromCsv(Csv csv) {
        csv.requireHeader(COLUMNS).requireRows();
        ParameterRange[] byIndex = new ParameterRange[Conductances.NAMES.size()];
        for (Csv.Row row : csv.rows()) {
            String name = csv.text(row, "name");
            int i = Conductances.NAMES.indexOf(name);
            if (i < 0) throw csv.error(row, "name", "unknown parameter '" + name + "'; the parameters are " + Conductances.NAMES);
            if (byIndex[i] != null) throw csv.error(row, "name", "parameter '" + name + "' appears twice");
            double min = csv.number(row, "min");
            double max = csv.number(row, "max");
            if (min < 0) throw csv.error(row, "min", "must be >= 0 (a conductance), but was " + min);
            if (!(max > min)) throw csv.error(row, "max", "must be > min = " + min + ", but was " + max);
            byIndex[i] = new ParameterRange(name, min, max);
        }
        List<ParameterRange> out = new ArrayList<>();
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null) {
                throw new IllegalArgumentException(csv.source() + ": has no row for parameter '"
                        + Conductances.NAMES.get(i) + "'; it needs one row for each of " + Conductances.NAMES);
            }
            out.add(byIndex[i]);
        }
        return List.copyOf(out);
    }
}
