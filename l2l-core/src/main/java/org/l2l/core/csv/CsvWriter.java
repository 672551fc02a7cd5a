package org.l2l.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV as RFC 4180 has it and {@code pandas.read_csv} reads it: comma separated, one record a line, a cell
 * quoted when it holds a comma, a quote, a line break or leading or trailing blanks, a quote inside doubled. The
 * header is a record like any other, so a column name with a comma stays one column.
 *
 * <pre>{@code
 * try (CsvWriter csv = new CsvWriter(Files.newBufferedWriter(file))) {
 *     csv.row(List.of("name", "min, max"));
 *     csv.row(List.of("x", "0"));
 * }
 * }</pre>
 */
public final class CsvWriter implements AutoCloseable {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    /** A writer onto {@code out}, which it closes. */
    public CsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * Writes one record and a line break.
     *
     * @throws UncheckedIOException if {@code out} fails
     */
    public CsvWriter row(List<String> cells) {
        line.setLength(0);
        append(line, cells);
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** As {@link #row(List)}. */
    public CsvWriter row(String... cells) {
        return row(List.of(cells));
    }

    /** Appends one record and a line break to {@code sb}. */
    public static void append(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(cell(cells.get(i)));
        }
        sb.append('\n');
    }

    /** A whole table (header first) as CSV text. */
    public static String text(List<String> header, List<? extends List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        append(sb, header);
        for (List<String> row : rows) append(sb, row);
        return sb.toString();
    }

    /** One cell, quoted if it needs to be; null is written as an empty cell (a missing value). */
    public static String cell(String v) {
        if (v == null || v.isEmpty()) return "";
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1));
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
