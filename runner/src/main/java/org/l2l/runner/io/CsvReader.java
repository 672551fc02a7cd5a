package org.l2l.runner.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file with a header row one record at a time, so files of any size stream through: the
 * format {@code pandas.to_csv} writes and {@code pandas.read_csv} reads (comma separated, fields with
 * commas, quotes or line breaks in double quotes, a quote inside doubled). Columns are found by name,
 * so files that differ in their other columns read alike. Every error names the file and the line.
 *
 * <pre>{@code
 * try (CsvReader csv = CsvReader.open(in, file, true)) {
 *     int x = csv.requireColumn("x");
 *     while (csv.next()) sum += csv.number(x);
 * }
 * }</pre>
 */
public final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> record = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private long line = 1; // the line the reader is on
    private long recordLine; // the line the current record starts on
    private boolean eof;
    private final char[] buf = new char[1 << 16]; // our own buffer: a Reader.read() per character is much slower
    private int pos, limit;

    /**
     * Reads the header row of {@code in}; {@code file} names the file in errors.
     *
     * @throws RunFileException if the file is empty or cannot be read
     */
    public CsvReader(Reader in, Path file) {
        this.in = in;
        this.file = file;
        if (!readRecord()) throw new RunFileException(file, "is empty: a CSV header row is expected", null);
        this.header = Collections.unmodifiableList(new ArrayList<>(record));
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (columns.putIfAbsent(name, i) != null) throw error("the header names column '" + name + "' twice", null);
        }
    }

    /** Opens UTF-8 CSV from {@code in}, gunzipping it when {@code gzip}; closes {@code in} if that fails. */
    public static CsvReader open(InputStream in, Path file, boolean gzip) {
        try {
            InputStream raw = gzip ? new GZIPInputStream(in, 1 << 16) : in;
            return new CsvReader(new InputStreamReader(raw, StandardCharsets.UTF_8), file);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RunFileException r) throw r;
            throw new RunFileException(file, "cannot be read" + (gzip ? " as gzip" : ""), e);
        }
    }

    /** The column names of the header row, in order. */
    public List<String> header() {
        return header;
    }

    /** The index of column {@code name}, or -1 if the file has no such column. */
    public int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** The index of column {@code name}; fails naming the file if it has no such column. */
    public int requireColumn(String name) {
        int c = column(name);
        if (c < 0) throw new RunFileException(file, "line 1: the header has no column '" + name + "' (it has " + header + ")", null);
        return c;
    }

    /** Moves to the next record; false at the end of the file. Blank lines are skipped. */
    public boolean next() {
        while (readRecord()) {
            if (record.size() == 1 && record.get(0).isEmpty()) continue;
            if (record.size() > header.size()) {
                throw error("has " + record.size() + " fields but the header has " + header.size(), null);
            }
            return true;
        }
        return false;
    }

    /** The line of the file on which the current record starts (the header is line 1). */
    public long line() {
        return recordLine;
    }

    /** Field {@code col} of the current record; empty if the record is shorter (a missing value). */
    public String get(int col) {
        return col < record.size() ? record.get(col) : "";
    }

    /** Field {@code col} as a number; an empty field is NaN, {@code inf}/{@code -inf} are infinities. */
    public double number(int col) {
        String s = get(col).strip();
        if (s.isEmpty()) return Double.NaN;
        switch (s) {
            case "inf", "Infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-Infinity" -> { return Double.NEGATIVE_INFINITY; }
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

    /** An error about the current record, naming the file and line. */
    public RunFileException error(String problem, Throwable cause) {
        return new RunFileException(file, "line " + recordLine + ": " + problem, cause);
    }

    private boolean readRecord() {
        if (eof) return false;
        record.clear();
        field.setLength(0);
        recordLine = line;
        boolean quoted = false, any = false;
        while (true) {
            int c = read();
            if (c < 0) {
                eof = true;
                if (quoted) throw error("a quoted field is not closed", null);
                if (!any) return false;
                record.add(field.toString());
                return true;
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
            throw new RunFileException(file, "line " + line + ": cannot be read", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }
}
