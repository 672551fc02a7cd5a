package org.l2l.optimizers.walk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The names of the walk directory's files, the one place that knows them (the walk writes them, {@code l2l inspect}
 * reads them), and a particle's directory {@code <walkDir>/<seedpoint>/<particle>/}: checkpoint files, their
 * concatenation, and bringing the directory in line with a restored state. See RW-FILES.md for the layout.
 */
public final class RandomWalkFiles {
    /** The parameters' ranges, in the walk directory. */
    public static final String RANGES = "ranges.csv";
    /** The seed points, in the walk directory. */
    public static final String SEEDS = "seeds.csv";
    /** The walk's settings, in the walk directory. */
    public static final String SETTINGS = "walk.json";
    private static final String CHECKPOINT_SUFFIX = ".csv.gz";
    private static final String ALL_SUFFIX = ".all.csv.gz";
    private static final String STATE_SUFFIX = ".state";
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d+)" + Pattern.quote(CHECKPOINT_SUFFIX));
    private static final Pattern ALL = Pattern.compile("(\\d+)" + Pattern.quote(ALL_SUFFIX));
    private static final Pattern STATE = Pattern.compile("(\\d+)" + Pattern.quote(STATE_SUFFIX));

    private RandomWalkFiles() {}

    /** A particle's table of the rows since its previous checkpoint, written at checkpoint {@code iteration}. */
    static String checkpointTable(long iteration) {
        return iteration + CHECKPOINT_SUFFIX;
    }

    /** A particle's concatenated table of every row up to checkpoint {@code iteration}. */
    static String concatenatedTable(long iteration) {
        return iteration + ALL_SUFFIX;
    }

    /** A particle's state at checkpoint {@code iteration}. */
    static String stateFile(long iteration) {
        return iteration + STATE_SUFFIX;
    }

    /**
     * The checkpoint of a particle's table, from its file name ({@code <iteration>.csv.gz} or
     * {@code <iteration>.all.csv.gz}), or -1 if {@code fileName} is not a table's.
     */
    public static long tableIteration(String fileName) {
        Matcher m = CHECKPOINT.matcher(fileName);
        if (!m.matches()) m = ALL.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether {@code fileName} is a particle's concatenated table ({@code <iteration>.all.csv.gz}). */
    public static boolean isConcatenatedTable(String fileName) {
        return ALL.matcher(fileName).matches();
    }

    /** The files of a particle's directory by kind, each keyed by its iteration. */
    record Listing(TreeMap<Integer, Path> checkpoints, TreeMap<Integer, Path> alls, TreeMap<Integer, Path> states,
                   List<Path> temporary) {}

    static Listing list(Path dir) {
        TreeMap<Integer, Path> cps = new TreeMap<>(), alls = new TreeMap<>(), states = new TreeMap<>();
        List<Path> tmp = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new Listing(cps, alls, states, tmp);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                Matcher m;
                if ((m = CHECKPOINT.matcher(n)).matches()) cps.put(Integer.parseInt(m.group(1)), p);
                else if ((m = ALL.matcher(n)).matches()) alls.put(Integer.parseInt(m.group(1)), p);
                else if ((m = STATE.matcher(n)).matches()) states.put(Integer.parseInt(m.group(1)), p);
                else if (n.endsWith(".tmp")) tmp.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return new Listing(cps, alls, states, tmp);
    }

    /** Writes a gzip-compressed CSV table atomically. */
    static void writeCsvGz(Path file, RandomWalkTables.Csv table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(RandomWalkTables.toCsv(table).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RandomWalkTables.writeAtomically(file, bytes.toByteArray());
    }

    /** Reads a gzip-compressed CSV table. */
    static RandomWalkTables.Csv readCsvGz(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return RandomWalkTables.parseCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tables one after another under the union of their headers (in order of first appearance). */
    static RandomWalkTables.Csv union(List<RandomWalkTables.Csv> tables) {
        List<String> header = new ArrayList<>();
        for (RandomWalkTables.Csv t : tables) for (String h : t.header()) if (!header.contains(h)) header.add(h);
        List<List<String>> rows = new ArrayList<>();
        for (RandomWalkTables.Csv t : tables) {
            int[] at = new int[header.size()];
            for (int i = 0; i < at.length; i++) at[i] = t.column(header.get(i));
            for (List<String> r : t.rows()) {
                List<String> row = new ArrayList<>(at.length);
                for (int i : at) row.add(i < 0 ? "" : r.get(i));
                rows.add(row);
            }
        }
        return new RandomWalkTables.Csv(header, rows);
    }

    /** Renders rows under the header: the fixed columns, every parameter, then fitness and extras by first appearance. */
    static RandomWalkTables.Csv table(String seedPoint, int particleId, List<String> paramNames, List<String> fitnessNames,
                                      List<RandomWalkParticle.Row> rows) {
        List<String> header = new ArrayList<>(List.of("seedpoint", "particle_id", "iteration", "n_suggestion", "inside"));
        header.addAll(paramNames);
        header.addAll(fitnessNames);
        Map<String, Integer> extraAt = new LinkedHashMap<>();
        for (String n : fitnessNames) extraAt.put(n, header.indexOf(n));
        for (RandomWalkParticle.Row r : rows) {
            for (String n : r.extraNames()) {
                if (!extraAt.containsKey(n)) {
                    extraAt.put(n, header.size());
                    header.add(n);
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (RandomWalkParticle.Row r : rows) {
            List<String> row = new ArrayList<>(Collections.nCopies(header.size(), ""));
            row.set(0, seedPoint);
            row.set(1, Integer.toString(particleId));
            row.set(2, Integer.toString(r.iteration()));
            row.set(3, Integer.toString(r.nSuggestion()));
            row.set(4, Boolean.toString(r.inside()));
            for (int i = 0; i < r.params().length; i++) row.set(5 + i, Double.toString(r.params()[i]));
            for (int i = 0; i < r.extraNames().size(); i++) row.set(extraAt.get(r.extraNames().get(i)), r.extraCells().get(i));
            out.add(row);
        }
        return new RandomWalkTables.Csv(header, out);
    }

    /**
     * Concatenates every checkpoint file of {@code dir} into {@code <iteration>.all.csv.gz}, then deletes them
     * and every state file before {@code iteration}.
     */
    static void concatenate(Path dir, int iteration) {
        Listing l = list(dir);
        if (l.checkpoints().isEmpty()) return;
        List<RandomWalkTables.Csv> tables = new ArrayList<>();
        for (Path p : l.checkpoints().values()) tables.add(readCsvGz(p));
        writeCsvGz(dir.resolve(concatenatedTable(iteration)), union(tables));
        for (Path p : l.checkpoints().values()) delete(p);
        for (Map.Entry<Integer, Path> e : l.states().entrySet()) if (e.getKey() < iteration) delete(e.getValue());
    }

    /**
     * Brings {@code dir} in line with a particle state whose rows up to {@code lastCheckpoint} are on disk and
     * later ones are in memory: deletes temporary files and every file of a later iteration (first moving the
     * rows up to {@code lastCheckpoint} of a later concatenation into {@code <lastCheckpoint>.all.csv.gz}),
     * deletes checkpoint files a concatenation already holds, and rewrites {@code <lastCheckpoint>.state} from
     * {@code stateBytes} if it is missing. Afterwards every row up to {@code lastCheckpoint} is in exactly one file.
     */
    static void reconcile(Path dir, int lastCheckpoint, byte[] stateBytes) {
        Listing l = list(dir);
        for (Path p : l.temporary()) delete(p);
        List<RandomWalkTables.Csv> keep = new ArrayList<>();
        for (Map.Entry<Integer, Path> e : l.alls().tailMap(lastCheckpoint, false).entrySet()) {
            RandomWalkTables.Csv t = readCsvGz(e.getValue());
            int it = t.column("iteration");
            if (it < 0) throw new IllegalArgumentException(e.getValue() + ": has no 'iteration' column");
            List<List<String>> rows = new ArrayList<>();
            for (List<String> r : t.rows()) if (Integer.parseInt(r.get(it)) <= lastCheckpoint) rows.add(r);
            if (!rows.isEmpty()) keep.add(new RandomWalkTables.Csv(t.header(), rows));
        }
        if (!keep.isEmpty()) {
            Path target = dir.resolve(concatenatedTable(lastCheckpoint));
            if (Files.exists(target)) keep.add(0, readCsvGz(target));
            writeCsvGz(target, union(keep));
        }
        for (Path p : l.alls().tailMap(lastCheckpoint, false).values()) delete(p);
        for (Path p : l.checkpoints().tailMap(lastCheckpoint, false).values()) delete(p);
        for (Path p : l.states().tailMap(lastCheckpoint, false).values()) delete(p);
        Listing now = list(dir);
        if (!now.alls().isEmpty()) {
            int lastAll = now.alls().lastKey();
            for (Path p : now.checkpoints().headMap(lastAll, true).values()) delete(p); // a concatenation holds them
        }
        if (lastCheckpoint >= 0 && stateBytes != null && !now.states().containsKey(lastCheckpoint)) {
            RandomWalkTables.writeAtomically(dir.resolve(stateFile(lastCheckpoint)), stateBytes);
        }
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}
