package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Parameters;
import org.l2l.core.Require;

/**
 * A model known to match the targets, from which a random walk can explore (ISF's seed points). A seeds
 * file has the header {@code seedpoint,gNa,gKdr,gKM,gLeak,gKA} (the parameter columns in any order), one
 * row per seed; the {@code seedpoint} column names the seed.
 *
 * @param name the seed's name
 * @param conductances its conductance densities
 */
public record SeedPoint(String name, Conductances conductances) {
    /** The name column of a seeds file. */
    static final String NAME_COLUMN = "seedpoint";

    /** Validates the fields. */
    public SeedPoint {
        Require.nonBlank("seedpoint", name);
        Require.nonNull("conductances", conductances);
    }

    /** The seed as an individual's parameters. */
    public Parameters params() {
        return conductances.toParameters();
    }

    /** The shipped seeds ({@code seeds.csv}), each verified to match the shipped targets by a unit test. */
    public static List<SeedPoint> shipped() {
        return fromCsv(Csv.resource("seeds.csv"));
    }

    /**
     * The seeds of a file, in file order.
     *
     * @throws IllegalArgumentException naming the file, line and column of a bad cell, or a bad header
     */
    public static List<SeedPoint> load(String path) {
        return fromCsv(Csv.file("seeds", path));
    }

    static List<SeedPoint> fromCsv(Csv csv) {
        List<String> expected = new ArrayList<>();
        expected.add(NAME_COLUMN);
        expected.addAll(Conductances.NAMES);
        if (csv.header().size() != expected.size() || !csv.header().get(0).equals(NAME_COLUMN)
                || !csv.header().containsAll(expected)) {
            throw new IllegalArgumentException(csv.source() + ": the header must be " + String.join(",", expected)
                    + " (parameter columns in any order), but was " + String.join(",", csv.header()));
        }
        csv.requireRows();
        List<SeedPoint> out = new ArrayList<>();
        for (Csv.Row row : csv.rows()) {
            double[] g = new double[Conductances.NAMES.size()];
            for (int i = 0; i < g.length; i++) {
                String col = Conductances.NAMES.get(i);
                g[i] = csv.number(row, col);
                if (g[i] < 0) throw csv.error(row, col, "must be >= 0 (a conductance), but was " + g[i]);
            }
            String name = csv.text(row, NAME_COLUMN);
            for (SeedPoint s : out) {
                if (s.name().equals(name)) throw csv.error(row, NAME_COLUMN, "seed point '" + name + "' appears twice");
            }
            out.add(new SeedPoint(name, Conductances.of(g)));
        }
        return List.copyOf(out);
    }
}
