package org.l2l.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV with a header row one record at a time, so files of any size stream through: RFC 4180 as
 * {@code pandas.to_csv} writes it and {@code pandas.read_csv} reads it (comma separated; a cell with commas, quotes
 * or line breaks in double quotes, a quote inside doubled; header and cells alike). Blank lines are skipped; with
 * {@code comments}, so are lines starting with {@code #} ({@code read_csv(comment='#')} for whole-line comments). A
 * byte order mark is dropped and header names are trimmed. Columns are found by name, so files that differ in their
 * other columns read alike. Every error is a {@link CsvException} naming the source and the line.
 *
 * <pre>{@code
 * try (CsvReader csv = new CsvReader(Files.newBufferedReader(file), file.toString(), false)) {
 *     int x = csv.requireColumn("x");
 *     while (csv.next()) sum += csv.number(x);
 * }
 * }</pre>
 */
public final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final String source;
    private final boolean comments;
    private final List<String> header;
    private final long headerLine;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> record = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private long line = 1; // the line the reader is on
    private long recordLine; // the line the current record starts on
    private boolean eof;
    private final char[] buf = new char[1 << 16]; // our own buffer: a Reader.read() per character is much slower
    private int pos;
    private int limit;

    /**
     * Reads the header row of {@code in}.
     *
     * @param source names the file or resource in errors
     * @param comments whether lines starting with {@code #} are skipped
     * @throws CsvException if there is no header row, or it names a column twice
     */
    public CsvReader(Reader in, String source, boolean comments) {
        this.in = in;
        this.source = source;
        this.comments = comments;
        if (!nextRecord()) throw new CsvException(source, line, "is empty: a CSV header row is expected", null);
        headerLine = recordLine;
        List<String> names = new ArrayList<>();
        for (String s : record) names.add(s.strip());
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) names.set(0, names.get(0).substring(1).strip());
        header = Collections.unmodifiableList(names);
        for (int i = 0; i < header.size(); i++) {
            if (columns.putIfAbsent(header.get(i), i) != null) {
                throw error("the header names column '" + header.get(i) + "' twice", null);
            }
        }
    }

    /** A reader of {@code text}. */
    public static CsvReader of(String text, String source, boolean comments) {
        return new CsvReader(new StringReader(text), source, comments);
    }

    /** The column names of the header row, in order, trimmed. */
    public List<String> header() {
        return header;
    }

    /** The index of column {@code name}, or -1 if there is no such column. */
    public int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** The index of column {@code name}; fails naming the header's line if there is no such column. */
    public int requireColumn(String name) {
        int c = column(name);
        if (c < 0) {
            throw new CsvException(source, headerLine, "the header has no column '" + name + "' (it has " + header + ")",
                    null);
        }
        return c;
    }

    /**
     * Moves to the next record; false at the end. A record may be shorter than the header (its last cells are
     * missing values), not longer.
     */
    public boolean next() {
        if (!nextRecord()) return false;
        if (record.size() > header.size()) {
            throw error("has " + record.size() + " fields but the header has " + header.size(), null);
        }
        return true;
    }

    /** The line on which the current record starts. */
    public long line() {
        return recordLine;
    }

    /** The number of fields of the current record. */
    public int size() {
        return record.size();
    }

    /** Field {@code col} of the current record, as written; empty if the record is shorter (a missing value). */
    public String get(int col) {
        return col < record.size() ? record.get(col) : "";
    }

    /** Field {@code col} as a number; an empty field is NaN, {@code inf}/{@code -inf} are infinities. */
    public double number(int col) {
        String s = get(col).strip();
        if (s.isEmpty()) return Double.NaN;
        switch (s) {
            case "inf", "Infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-Infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error("column '" + header.get(col) + "' is not a number: '" + s + "'", e);
        }
    }

    /** Field {@code col} as a whole number; it must be present. */
    public long integer(int col) {
        String s = get(col).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // pandas writes an integer column holding a missing value as floats: 3.0
            double d = s.isEmpty() ? Double.NaN : number(col);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
            throw error("column '" + header.get(col) + "' is not a whole number: '" + s + "'", e);
        }
    }

    /** Field {@code col} as a boolean: {@code true}/{@code false} in any case, or 1/0. */
    public boolean bool(int col) {
        String s = get(col).strip();
        if (s.equalsIgnoreCase("true") || s.equals("1") || s.equals("1.0")) return true;
        if (s.equalsIgnoreCase("false") || s.equals("0") || s.equals("0.0")) return false;
        throw error("column '" + header.get(col) + "' is not true or false: '" + s + "'", null);
    }

    /** An error about the current record, naming the source and line. */
    public CsvException error(String problem, Throwable cause) {
        return new CsvException(source, recordLine, problem, cause);
    }

    /** The next record that is neither blank nor (with comments) a comment line. */
    private boolean nextRecord() {
        while (readRecord()) {
            if (record.size() == 1 && record.get(0).isEmpty()) continue;
            return true;
        }
        return false;
    }

    private boolean readRecord() {
        if (eof) return false;
        record.clear();
        field.setLength(0);
        recordLine = line;
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = read();
            if (c < 0) {
                eof = true;
                if (quoted) throw error("a quoted field is not closed", null);
                if (!any) return false;
                record.add(field.toString());
                return true;
            }
            if (!any && comments && c == '#') {
                skipLine();
                recordLine = line;
                continue;
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        pos++;
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                line++;
                record.add(field.toString());
                return true;
            } else if (c != '\r') {
                field.append((char) c);
            }
        }
    }

    private void skipLine() {
        int c;
        do {
            c = read();
        } while (c >= 0 && c != '\n');
        if (c == '\n') line++;
    }

    private int read() {
        if (pos == limit && !fill()) return -1;
        return buf[pos++];
    }

    private int peek() {
        if (pos == limit && !fill()) return -1;
        return buf[pos];
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) return false;
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new CsvException(source, line, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Closes the underlying reader; a failure to close is ignored (nothing read is lost). */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }
}
