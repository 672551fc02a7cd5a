package org.l2l.optimizers.walk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the random walk's tables: CSV (RFC 4180: quoted cells, doubled quotes), a small JSON
 * reader for parameter ranges, and loading from a file path or a {@code classpath:} resource.
 */
final class RandomWalkTables {
    /** The prefix naming a resource on the classpath instead of a file. */
    static final String CLASSPATH = "classpath:";

    private RandomWalkTables() {}

    /** A CSV table: its header and its rows (each as long as the header). */
    record Csv(List<String> header, List<List<String>> rows) {
        /** The index of {@code column}, or -1. */
        int column(String column) {
            return header.indexOf(column);
        }
    }

    /** The text of a file path or {@code classpath:} resource; errors name the source. */
    static String read(String source) {
        if (source.startsWith(CLASSPATH)) {
            String name = source.substring(CLASSPATH.length());
            while (name.startsWith("/")) name = name.substring(1);
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            InputStream in = cl == null ? null : cl.getResourceAsStream(name);
            if (in == null) in = RandomWalkTables.class.getClassLoader().getResourceAsStream(name);
            if (in == null) throw new IllegalArgumentException(source + ": no such resource on the classpath");
            try (InputStream i = in) {
                return new String(i.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(source + ": cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            return Files.readString(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses CSV text; {@code what} names the source in errors. Blank lines and lines starting with {@code #} are skipped. */
    static Csv parseCsv(String text, String what) {
        List<List<String>> records = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
            } else if (c == '#' && !any && cell.length() == 0 && cur.isEmpty()) {
                // a comment line, as pandas reads with comment='#' (the shipped neuron tables document themselves)
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n' && text.charAt(i + 1) != '\r') i++;
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cur.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                line++;
                if (any || cell.length() > 0) {
                    cur.add(cell.toString());
                    records.add(cur);
                }
                cur = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException(what + ": a quoted cell is not closed before the end (line " + line + ")");
        if (any || cell.length() > 0) {
            cur.add(cell.toString());
            records.add(cur);
        }
        if (records.isEmpty()) throw new IllegalArgumentException(what + ": is empty; it needs a header row");
        List<String> header = records.get(0);
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        for (int i = 0; i < header.size(); i++) header.set(i, header.get(i).trim());
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(what + ": row " + r + " has " + row.size() + " cells, but the header has "
                        + header.size() + " columns " + header);
            }
            rows.add(List.copyOf(row));
        }
        return new Csv(List.copyOf(header), List.copyOf(rows));
    }

    /** One CSV cell, quoted if it needs to be. */
    static String cell(String v) {
        if (v.isEmpty()) return v;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1));
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** Appends one CSV line (with a trailing newline). */
    static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells.get(i)));
        }
        out.append('\n');
    }

    /** A CSV table as text. */
    static String toCsv(Csv table) {
        StringBuilder sb = new StringBuilder();
        line(sb, table.header());
        for (List<String> row : table.rows()) line(sb, row);
        return sb.toString();
    }

    /** Parses a decimal number in a table cell; errors name the source, row and column. */
    static double number(String cell, String what, int row, String column) {
        String t = cell.trim();
        try {
            if (t.isEmpty()) throw new NumberFormatException();
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": row " + row + ", column '" + column + "': \"" + cell
                    + "\" is not a number", e);
        }
    }

    /**
     * Reads parameter ranges from CSV ({@code name,min,max}; a first column with another or no name, as pandas
     * writes an index, also names the parameters) or JSON ({@code {"p": [min, max]}}, {@code {"p": {"min": a,
     * "max": b}}}, or pandas' {@code {"min": {"p": a}, "max": {"p": b}}}).
     */
    static List<RandomWalkParameters.Range> ranges(String source) {
        String text = read(source);
        if (text.stripLeading().startsWith("{")) return rangesFromJson(text, source);
        Csv csv = parseCsv(text, source);
        int min = csv.column("min"), max = csv.column("max"), name = csv.column("name");
        if (min < 0 || max < 0) {
            throw new IllegalArgumentException(source + ": needs the columns name,min,max, but the header is " + csv.header());
        }
        if (name < 0) {
            for (int i = 0; i < csv.header().size() && name < 0; i++) if (i != min && i != max) name = i;
            if (name < 0) throw new IllegalArgumentException(source + ": missing column 'name' (header " + csv.header() + ")");
        }
        List<RandomWalkParameters.Range> out = new ArrayList<>();
        for (int r = 0; r < csv.rows().size(); r++) {
            List<String> row = csv.rows().get(r);
            String n = row.get(name).trim();
            if (n.isEmpty()) throw new IllegalArgumentException(source + ": row " + (r + 1) + ", column 'name' is empty");
            double lo = number(row.get(min), source, r + 1, "min"), hi = number(row.get(max), source, r + 1, "max");
            try {
                out.add(new RandomWalkParameters.Range(n, lo, hi));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(source + ": has no parameter rows");
        return out;
    }

    private static List<RandomWalkParameters.Range> rangesFromJson(String text, String source) {
        Object root = new Json(text, source).document();
        if (!(root instanceof Map<?, ?> m)) throw new IllegalArgumentException(source + ": must be a JSON object");
        List<RandomWalkParameters.Range> out = new ArrayList<>();
        if (m.size() == 2 && m.get("min") instanceof Map<?, ?> mins && m.get("max") instanceof Map<?, ?> maxs) {
            for (Map.Entry<?, ?> e : mins.entrySet()) {
                String n = (String) e.getKey();
                if (!maxs.containsKey(n)) throw new IllegalArgumentException(source + ": 'max' has no value for '" + n + "'");
                out.add(range(source, n, e.getValue(), maxs.get(n)));
            }
            for (Object n : maxs.keySet()) {
                if (!mins.containsKey(n)) throw new IllegalArgumentException(source + ": 'min' has no value for '" + n + "'");
            }
        } else {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String n = (String) e.getKey();
                if (e.getValue() instanceof List<?> l && l.size() == 2) {
                    out.add(range(source, n, l.get(0), l.get(1)));
                } else if (e.getValue() instanceof Map<?, ?> o && o.size() == 2 && o.containsKey("min") && o.containsKey("max")) {
                    out.add(range(source, n, o.get("min"), o.get("max")));
                } else {
                    throw new IllegalArgumentException(source + ": '" + n + "' must be [min, max] or {\"min\": .., \"max\": ..}");
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(source + ": has no parameters");
        return out;
    }

    private static RandomWalkParameters.Range range(String source, String name, Object min, Object max) {
        if (!(min instanceof Double lo) || !(max instanceof Double hi)) {
            throw new IllegalArgumentException(source + ": the range of '" + name + "' must be two numbers, but was "
                    + min + ", " + max);
        }
        try {
            return new RandomWalkParameters.Range(name, lo, hi);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads seed points: one row per seed point, a column per parameter (other columns are ignored). The id is
     * the {@code seedpoint} column if there is one, else an unnamed first column (a pandas index), else the row
     * index 0, 1, ...
     */
    static List<RandomWalkParameters.SeedPoint> seeds(String source, List<RandomWalkParameters.Range> ranges) {
        Csv csv = parseCsv(read(source), source);
        int id = csv.column("seedpoint");
        if (id < 0 && !csv.header().isEmpty() && csv.header().get(0).isEmpty()) id = 0;
        int[] cols = new int[ranges.size()];
        for (int p = 0; p < ranges.size(); p++) {
            cols[p] = csv.column(ranges.get(p).name());
            if (cols[p] < 0) {
                throw new IllegalArgumentException(source + ": missing column '" + ranges.get(p).name()
                        + "' (every parameter of the ranges needs one); the header is " + csv.header());
            }
        }
        List<RandomWalkParameters.SeedPoint> out = new ArrayList<>();
        for (int r = 0; r < csv.rows().size(); r++) {
            List<String> row = csv.rows().get(r);
            String sid = id >= 0 ? row.get(id).trim() : Integer.toString(r);
            if (sid.isEmpty()) throw new IllegalArgumentException(source + ": row " + (r + 1) + ", column 'seedpoint' is empty");
            Map<String, Double> values = new LinkedHashMap<>();
            for (int p = 0; p < ranges.size(); p++) {
                RandomWalkParameters.Range range = ranges.get(p);
                double v = number(row.get(cols[p]), source, r + 1, range.name());
                if (!(v >= range.min() && v <= range.max())) {
                    throw new IllegalArgumentException(source + ": row " + (r + 1) + " (seed point '" + sid + "'), column '"
                            + range.name() + "': " + v + " is outside its range [" + range.min() + ", " + range.max() + "]");
                }
                values.put(range.name(), v);
            }
            out.add(new RandomWalkParameters.SeedPoint(sid, values));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(source + ": has no seed point rows");
        return out;
    }

    /** Writes {@code text} to {@code file} through a temporary file and an atomic rename. */
    static void writeAtomically(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A minimal JSON reader: objects (insertion-ordered maps), arrays (lists), numbers (Double), strings, booleans, null. */
    static final class Json {
        private final String s;
        private final String what;
        private int i;

        Json(String s, String what) {
            this.s = s;
            this.what = what;
        }

        Object document() {
            Object v = value();
            ws();
            if (i < s.length()) throw error("unexpected text after the JSON value");
            return v;
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException(what + ": malformed JSON at character " + i + ": " + msg);
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek('}')) return m;
                do {
                    ws();
                    if (i >= s.length() || s.charAt(i) != '"') throw error("expected a key");
                    String k = string();
                    ws();
                    expect(':');
                    if (m.put(k, value()) != null) throw error("key '" + k + "' appears twice");
                    ws();
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek(']')) return l;
                do {
                    l.add(value());
                    ws();
                } while (peek(','));
                expect(']');
                return l;
            }
            if (c == '"') return string();
            for (String lit : new String[] {"true", "false", "null"}) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return lit.equals("null") ? null : Boolean.valueOf(lit);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                i = start;
                throw error("expected a value");
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
        }

        private String string() {
            i++; // the opening quote
            StringBuilder sb = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (i >= s.length()) break;
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) throw error("bad \\u escape");
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }
    }

    /** A JSON string literal. */
    static String jsonString(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
