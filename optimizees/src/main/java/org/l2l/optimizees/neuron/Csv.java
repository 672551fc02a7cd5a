package org.l2l.optimizees.neuron;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.l2l.core.csv.CsvReader;

/**
 * A small reader for the neuron optimizee's comma-separated files, whose errors name the file, the line
 * and the column.
 *
 * <p>The files are read by {@link CsvReader}: RFC 4180 quoting, the first non-comment line is the header, blank
 * lines and lines starting with {@code #} are skipped; cells are trimmed.
 *
 * @param source the file name used in messages
 * @param header the column names
 * @param rows the data rows
 */
record Csv(String source, List<String> header, List<Row> rows) {

    /**
     * One data row.
     *
     * @param line its line number in the file, from 1
     * @param cells its cells, as many as the header has columns
     */
    record Row(int line, List<String> cells) {}

    /** The package of the shipped resources, with a trailing slash. */
    static final String RESOURCES = "/org/l2l/optimizees/neuron/";

    /** Reads a shipped resource such as {@code targets.csv}. */
    static Csv resource(String name) {
        InputStream in = Csv.class.getResourceAsStream(RESOURCES + name);
        if (in == null) throw new IllegalStateException("shipped resource " + RESOURCES + name + " is missing");
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse("shipped " + name, r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped " + name, e);
        }
    }

    /**
     * Reads a file; {@code what} names its role for messages (e.g. {@code "targets"}).
     *
     * @throws IllegalArgumentException naming the file if it is missing, unreadable or malformed
     */
    static Csv file(String what, String path) {
        Path p = Path.of(path);
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return parse(what + " file " + path, r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " file " + path + " does not exist (resolved to "
                    + p.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The shipped resource when {@code path} is null or blank, else the file. */
    static Csv shippedOr(String what, String path, String resource) {
        return path == null || path.isBlank() ? resource(resource) : file(what, path);
    }

    private static Csv parse(String source, Reader reader) {
        List<Row> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(reader, source, true)) {
            List<String> header = csv.header();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).isEmpty()) throw csv.error("header column " + (i + 1) + " is empty", null);
            }
            while (csv.next()) {
                if (csv.size() != header.size()) {
                    throw csv.error("has " + csv.size() + " cells but the header " + header + " has " + header.size()
                            + " columns", null);
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < csv.size(); c++) cells.add(csv.get(c).strip());
                rows.add(new Row(Math.toIntExact(csv.line()), List.copyOf(cells)));
            }
            return new Csv(source, header, List.copyOf(rows));
        }
    }

    /** Fails unless the header is exactly {@code expected}, in this order. */
    Csv requireHeader(List<String> expected) {
        if (!header.equals(expected)) {
            throw new IllegalArgumentException(source + ": the header must be " + String.join(",", expected)
                    + ", but was " + String.join(",", header));
        }
        return this;
    }

    /** Fails unless there is at least one data row. */
    Csv requireRows() {
        if (rows.isEmpty()) throw new IllegalArgumentException(source + " has a header but no data rows");
        return this;
    }

    /** The cell of {@code row} in the named column. */
    String text(Row row, String column) {
        int i = header.indexOf(column);
        if (i < 0) throw new IllegalArgumentException(source + " has no column '" + column + "'; the header is " + header);
        String v = row.cells().get(i);
        if (v.isEmpty()) throw error(row, column, "is empty");
        return v;
    }

    /** The cell of {@code row} in the named column as a finite number. */
    double number(Row row, String column) {
        String v = text(row, column);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(row, column) + ": must be a number, but was '" + v + "'", e);
        }
        if (!Double.isFinite(d)) throw error(row, column, "must be finite, but was '" + v + "'");
        return d;
    }

    /** An error naming the file, line and column. */
    IllegalArgumentException error(Row row, String column, String message) {
        return new IllegalArgumentException(where(row, column) + ": " + message);
    }

    private String where(Row row, String column) {
        return source + " line " + row.line() + ", column '" + column + "'";
    }
}
