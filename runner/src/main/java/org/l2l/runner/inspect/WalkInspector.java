package org.l2l.runner.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.l2l.core.csv.CsvException;
import org.l2l.core.csv.CsvReader;
import org.l2l.optimizers.walk.RandomWalk;
import org.l2l.optimizers.walk.RandomWalkFiles;
import org.l2l.runner.io.RunArchive;
import org.l2l.runner.io.RunFileException;

/**
 * Reads the output of a random walk (the {@code walk/} directory of a run, see the RandomWalk optimizer)
 * in one streaming pass over its gzip CSV files, and sums it up per particle: proposals evaluated,
 * inside models, acceptance rate, iterations, and the distance from the seed point in the normalized
 * parameter space. For {@code inspect --plot} it also gathers each explored parameter's deviation from
 * its seed, the acceptance rate over iterations, and a few inside models spread over the walk, all in
 * memory bounded independently of the walk's length.
 */
final class WalkInspector {
    /** The walk's directory, relative to the run directory. */
    static final String DIR = RandomWalk.DEFAULT_DIRECTORY;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WalkInspector() {}

    /** A parameter's allowed range, from {@code ranges.csv}. */
    record Range(String name, double min, double max) {}

    /**
     * One particle's numbers. {@code evaluated} and {@code inside} count the proposals, without the
     * evaluation of the seed point itself (iteration 0); the distances are Euclidean in the space of the
     * explored parameters, each scaled to [0, 1] by its range, and are NaN if no inside model was read.
     */
    record ParticleStats(String seedpoint, int particle, long evaluated, long inside, long iterations,
                         double finalDistance, double maxDistance) {}

    /** An inside model: where it was found and all its parameters, in the order of {@code ranges.csv}. */
    record Model(String seedpoint, int particle, long iteration, double[] params) {}

    /** What {@link #read} found. */
    record Walk(String directory, List<Range> ranges, List<String> explored, List<String> seedpoints,
                List<ParticleStats> particles, Map<String, Quantiles> deviationPercent, Acceptance acceptance,
                List<Model> models) {}

    /** The files of the run's walk directory, relative to the run (empty if it has none); pass them to {@link #read}. */
    static List<String> files(RunArchive.Source src) {
        return src.list(DIR);
    }

    /**
     * Reads the walk directory of a run.
     *
     * @param walkFiles the walk directory's files, from {@link #files}
     * @param models how many inside models, spread over the walk, to keep for trace plots
     * @throws RunFileException naming the file and line of anything malformed
     */
    static Walk read(RunArchive.Source src, List<String> walkFiles, int models) {
        try {
            return readWalk(src, walkFiles, models);
        } catch (CsvException e) {
            throw new RunFileException(Path.of(e.source()), "line " + e.line() + ": " + e.problem(), e);
        }
    }

    private static Walk readWalk(RunArchive.Source src, List<String> walkFiles, int models) {
        Path loc = src.location().resolve(DIR);
        List<Range> ranges = readRanges(src);
        List<String> names = ranges.stream().map(Range::name).toList();
        List<String> explored = explored(src, names);
        int[] exploredIdx = explored.stream().mapToInt(names::indexOf).toArray();
        for (int i : exploredIdx) {
            Range r = ranges.get(i);
            if (!(r.max() > r.min())) {
                throw new RunFileException(loc.resolve(RandomWalkFiles.RANGES), "parameter '" + r.name() + "' is explored but its range ["
                        + r.min() + ", " + r.max() + "] is empty", null);
            }
        }
        Map<String, double[]> seeds = readSeeds(src, names, explored);

        // walk/<seedpoint>/<particle>/<iteration>[.all].csv.gz, grouped by particle in seeds.csv order
        Map<String, TreeMap<Integer, List<String>>> files = new LinkedHashMap<>();
        for (String s : seeds.keySet()) files.put(s, new TreeMap<>());
        for (String rel : walkFiles) {
            String[] parts = rel.split("/");
            if (parts.length != 4 || RandomWalkFiles.tableIteration(parts[3]) < 0) continue;
            TreeMap<Integer, List<String>> bySeed = files.get(parts[1]);
            if (bySeed == null) {
                throw new RunFileException(src.location().resolve(rel), "its seed point '" + parts[1] + "' is not in "
                        + DIR + "/" + RandomWalkFiles.SEEDS + " (which has " + seeds.keySet() + ")", null);
            }
            int particle;
            try {
                particle = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                continue; // not a particle directory
            }
            bySeed.computeIfAbsent(particle, p -> new ArrayList<>()).add(rel);
        }

        Map<String, Quantiles> deviation = new LinkedHashMap<>();
        for (String e : explored) deviation.put(e, new Quantiles());
        Acceptance acceptance = new Acceptance();
        Spread spread = new Spread(Math.max(16, 8 * models));
        List<ParticleStats> stats = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, List<String>>> s : files.entrySet()) {
            double[] seed = seeds.get(s.getKey());
            for (Map.Entry<Integer, List<String>> p : s.getValue().entrySet()) {
                List<String> rels = new ArrayList<>(p.getValue());
                rels.sort(Comparator.comparingLong((String r) -> RandomWalkFiles.tableIteration(fileName(r)))
                        .thenComparing(r -> !RandomWalkFiles.isConcatenatedTable(fileName(r))));
                long evaluated = 0, inside = 0, iterations = 0, finalIteration = -1;
                double finalDistance = Double.NaN, maxDistance = Double.NaN;
                for (String rel : rels) {
                    Path file = src.location().resolve(rel);
                    try (CsvReader csv = openCsv(src.open(rel), file, true, false)) {
                        int itCol = csv.requireColumn("iteration"), inCol = csv.requireColumn("inside");
                        int[] cols = new int[names.size()];
                        for (int i = 0; i < cols.length; i++) cols[i] = csv.column(names.get(i));
                        for (int i : exploredIdx) csv.requireColumn(names.get(i));
                        while (csv.next()) {
                            long it = csv.integer(itCol);
                            boolean in = csv.bool(inCol);
                            iterations = Math.max(iterations, it);
                            if (it != 0) {
                                evaluated++;
                                if (in) inside++;
                                acceptance.add(s.getKey(), it, in);
                            }
                            if (!in) continue;
                            double sq = 0;
                            for (int i : exploredIdx) {
                                double x = csv.number(cols[i]);
                                if (Double.isNaN(x)) throw csv.error("the explored parameter '" + names.get(i) + "' is empty", null);
                                double delta = (x - seed[i]) / (ranges.get(i).max() - ranges.get(i).min());
                                deviation.get(names.get(i)).add(100 * delta);
                                sq += delta * delta;
                            }
                            double d = Math.sqrt(sq);
                            if (!(d <= maxDistance)) maxDistance = d;
                            if (it >= finalIteration) {
                                finalIteration = it;
                                finalDistance = d;
                            }
                            if (models > 0 && spread.wants()) {
                                double[] v = new double[cols.length];
                                for (int i = 0; i < v.length; i++) v[i] = cols[i] < 0 ? seed[i] : csv.number(cols[i]);
                                spread.keep(new Model(s.getKey(), p.getKey(), it, v));
                            }
                            spread.count();
                        }
                    }
                }
                stats.add(new ParticleStats(s.getKey(), p.getKey(), evaluated, inside, iterations, finalDistance, maxDistance));
            }
        }
        return new Walk(loc.toString(), ranges, explored, List.copyOf(seeds.keySet()), stats, deviation, acceptance,
                spread.pick(models));
    }

    private static String fileName(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    /** A small table of the walk directory, read once; a missing one is an error naming it. */
    private static CsvReader openTable(RunArchive.Source src, String rel, Path file) {
        byte[] bytes = src.read(rel).orElseThrow(() ->
                new RunFileException(file, "is missing: the walk directory is incomplete", null));
        return openCsv(new java.io.ByteArrayInputStream(bytes), file, false, true);
    }

    /** UTF-8 CSV from {@code in}, gunzipped when {@code gzip}; closes {@code in} if that fails. */
    private static CsvReader openCsv(InputStream in, Path file, boolean gzip, boolean comments) {
        try {
            InputStream raw = gzip ? new GZIPInputStream(in, 1 << 16) : in;
            return new CsvReader(new InputStreamReader(raw, StandardCharsets.UTF_8), file.toString(), comments);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof CsvException c) throw c;
            throw new RunFileException(file, "cannot be read" + (gzip ? " as gzip" : ""), e);
        }
    }

    private static List<Range> readRanges(RunArchive.Source src) {
        String rel = DIR + "/" + RandomWalkFiles.RANGES;
        Path file = src.location().resolve(rel);
        List<Range> out = new ArrayList<>();
        try (CsvReader csv = openTable(src, rel, file)) {
            int n = csv.requireColumn("name"), lo = csv.requireColumn("min"), hi = csv.requireColumn("max");
            while (csv.next()) {
                String name = csv.get(n).strip();
                if (name.isEmpty()) throw csv.error("the name is empty", null);
                if (out.stream().anyMatch(r -> r.name().equals(name))) throw csv.error("parameter '" + name + "' is listed twice", null);
                out.add(new Range(name, csv.number(lo), csv.number(hi)));
            }
        }
        if (out.isEmpty()) throw new RunFileException(file, "lists no parameters", null);
        return out;
    }

    /** {@code paramsToExplore} from walk.json; without walk.json, every parameter with a non-empty range. */
    private static List<String> explored(RunArchive.Source src, List<String> names) {
        String rel = DIR + "/" + RandomWalkFiles.SETTINGS;
        Path file = src.location().resolve(rel);
        var bytes = src.read(rel);
        if (bytes.isEmpty()) return names;
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes.get());
        } catch (IOException e) {
            throw new RunFileException(file, "is not valid JSON", e);
        }
        JsonNode p = n.path("paramsToExplore");
        if (!p.isArray() || p.isEmpty()) return names;
        List<String> out = new ArrayList<>();
        for (JsonNode x : p) {
            if (!names.contains(x.asText())) {
                throw new RunFileException(file, "paramsToExplore names '" + x.asText() + "', which ranges.csv does not list "
                        + "(it has " + names + ")", null);
            }
            out.add(x.asText());
        }
        return out;
    }

    /** The seed points by id, each as a vector in the order of ranges.csv (NaN where seeds.csv has no column). */
    private static Map<String, double[]> readSeeds(RunArchive.Source src, List<String> names, List<String> explored) {
        String rel = DIR + "/" + RandomWalkFiles.SEEDS;
        Path file = src.location().resolve(rel);
        Map<String, double[]> out = new LinkedHashMap<>();
        try (CsvReader csv = openTable(src, rel, file)) {
            int id = csv.requireColumn("seedpoint");
            int[] cols = new int[names.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = explored.contains(names.get(i)) ? csv.requireColumn(names.get(i)) : csv.column(names.get(i));
            }
            while (csv.next()) {
                String s = csv.get(id).strip();
                if (out.containsKey(s)) throw csv.error("seed point '" + s + "' is listed twice", null);
                double[] v = new double[cols.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = cols[i] < 0 ? Double.NaN : csv.number(cols[i]);
                    if (Double.isNaN(v[i]) && explored.contains(names.get(i))) {
                        throw csv.error("the explored parameter '" + names.get(i) + "' is empty", null);
                    }
                }
                out.put(s, v);
            }
        }
        return out;
    }

    /**
     * Quantiles of a stream of percentages: exact while it holds up to {@value #EXACT} values, then from a
     * histogram over [-100, 100] in steps of 0.01 (minimum and maximum stay exact).
     */
    static final class Quantiles {
        private static final int EXACT = 1 << 16;
        private static final int BINS = 20_000;
        private static final double LO = -100, HI = 100;
        private double[] values = new double[64];
        private long[] histogram;
        private long count;
        private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (histogram != null) {
                histogram[bin(v)]++;
                return;
            }
            if (count > values.length) values = Arrays.copyOf(values, values.length * 2);
            values[(int) count - 1] = v;
            if (count == EXACT) {
                histogram = new long[BINS];
                for (int i = 0; i < count; i++) histogram[bin(values[i])]++;
                values = null;
            }
        }

        private static int bin(double v) {
            return (int) Math.max(0, Math.min(BINS - 1, Math.floor((v - LO) / (HI - LO) * BINS)));
        }

        long count() {
            return count;
        }

        /** {min, q1, median, q3, max}, quantiles interpolated linearly between order statistics; NaNs if empty. */
        double[] summary() {
            if (count == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            return new double[] {min, quantile(0.25), quantile(0.5), quantile(0.75), max};
        }

        private double quantile(double p) {
            double rank = p * (count - 1);
            if (histogram == null) {
                double[] sorted = Arrays.copyOf(values, (int) count);
                Arrays.sort(sorted);
                int lo = (int) Math.floor(rank);
                int hi = Math.min(lo + 1, sorted.length - 1);
                return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
            }
            long below = 0;
            for (int b = 0; b < BINS; b++) {
                long n = histogram[b];
                if (n > 0 && below + n > rank) {
                    double w = (HI - LO) / BINS;
                    double v = LO + w * (b + (rank - below + 0.5) / n);
                    return Math.max(min, Math.min(max, v));
                }
                below += n;
            }
            return max;
        }
    }

    /**
     * The acceptance rate over iterations, per seed point and over all ({@link #ALL}), in at most
     * {@value #MAX_BINS} bins of equal width; the width doubles (neighbouring bins merge) as iterations grow.
     */
    static final class Acceptance {
        /** The series of all seed points together. */
        static final String ALL = "all";
        private static final int MAX_BINS = 100;
        private long width = 1;
        private final Map<String, long[][]> series = new LinkedHashMap<>(); // {evaluated[], inside[]}

        void add(String seedpoint, long iteration, boolean inside) {
            long b = (Math.max(1, iteration) - 1) / width;
            while (b >= MAX_BINS) {
                merge();
                b = (Math.max(1, iteration) - 1) / width;
            }
            for (String key : new String[] {ALL, seedpoint}) {
                long[][] s = series.computeIfAbsent(key, k -> new long[2][MAX_BINS]);
                s[0][(int) b]++;
                if (inside) s[1][(int) b]++;
            }
        }

        private void merge() {
            width *= 2;
            for (long[][] s : series.values()) {
                for (long[] a : s) {
                    for (int i = 0; i < MAX_BINS; i++) a[i] = i < MAX_BINS / 2 ? a[2 * i] + a[2 * i + 1] : 0;
                }
            }
        }

        /** The series names: {@link #ALL} first, then the seed points in the order they were read. */
        List<String> names() {
            List<String> out = new ArrayList<>(series.keySet());
            out.remove(ALL);
            out.add(0, ALL);
            if (series.isEmpty()) out.clear();
            return out;
        }

        /** {bin centres (iterations), acceptance rates} of the bins of {@code name} that have evaluations. */
        double[][] points(String name) {
            long[][] s = series.get(name);
            List<double[]> pts = new ArrayList<>();
            for (int b = 0; s != null && b < MAX_BINS; b++) {
                if (s[0][b] > 0) pts.add(new double[] {1 + b * width + (width - 1) / 2.0, (double) s[1][b] / s[0][b]});
            }
            double[][] out = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                out[0][i] = pts.get(i)[0];
                out[1][i] = pts.get(i)[1];
            }
            return out;
        }

        /** The width of a bin, in iterations. */
        long width() {
            return width;
        }
    }

    /** Keeps every k-th of a stream (k doubling as needed) in bounded memory, so the kept items spread over it. */
    private static final class Spread {
        private final int capacity;
        private final List<Model> kept = new ArrayList<>();
        private long stride = 1, seen;

        Spread(int capacity) {
            this.capacity = capacity;
        }

        boolean wants() {
            return seen % stride == 0;
        }

        void keep(Model m) {
            kept.add(m);
            if (kept.size() > capacity) {
                for (int i = 0; i < (kept.size() + 1) / 2; i++) kept.set(i, kept.get(2 * i));
                kept.subList((kept.size() + 1) / 2, kept.size()).clear();
                stride *= 2;
            }
        }

        void count() {
            seen++;
        }

        /** Up to {@code n} of the kept items, evenly spaced, first and last included. */
        List<Model> pick(int n) {
            if (n <= 0 || kept.isEmpty()) return List.of();
            if (kept.size() <= n) return List.copyOf(kept);
            List<Model> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(kept.get((int) Math.round(i * (kept.size() - 1) / (double) (n - 1))));
            return out;
        }
    }

    /** The walk as JSON: per particle, totals and per-parameter deviations; steps per second need the run's elapsed time. */
    static ObjectNode json(Walk w, double elapsedSeconds, String elapsedUntil) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("directory", w.directory());
        ArrayNode ex = n.putArray("paramsToExplore");
        w.explored().forEach(ex::add);
        n.put("seedpoints", w.seedpoints().size());
        if (Double.isFinite(elapsedSeconds)) {
            n.put("elapsedSeconds", elapsedSeconds);
            n.put("elapsedUntil", elapsedUntil);
        }
        ArrayNode ps = n.putArray("particles");
        long evaluated = 0, inside = 0, iterations = 0;
        double maxDistance = Double.NaN, sumFinal = 0;
        int finals = 0;
        for (ParticleStats p : w.particles()) {
            ObjectNode o = ps.addObject();
            o.put("seedpoint", p.seedpoint());
            o.put("particle", p.particle());
            counts(o, p.evaluated(), p.inside(), p.iterations(), elapsedSeconds);
            number(o, "finalDistance", p.finalDistance());
            number(o, "maxDistance", p.maxDistance());
            evaluated += p.evaluated();
            inside += p.inside();
            iterations += p.iterations();
            if (!(p.maxDistance() <= maxDistance)) maxDistance = p.maxDistance();
            if (!Double.isNaN(p.finalDistance())) {
                sumFinal += p.finalDistance();
                finals++;
            }
        }
        ObjectNode t = n.putObject("total");
        t.put("particles", w.particles().size());
        counts(t, evaluated, inside, iterations, elapsedSeconds);
        number(t, "meanFinalDistance", finals == 0 ? Double.NaN : sumFinal / finals);
        number(t, "maxDistance", maxDistance);
        ObjectNode dev = n.putObject("deviationPercent");
        w.deviationPercent().forEach((name, q) -> {
            double[] s = q.summary();
            ObjectNode d = dev.putObject(name);
            d.put("models", q.count());
            String[] keys = {"min", "q1", "median", "q3", "max"};
            for (int i = 0; i < keys.length; i++) number(d, keys[i], s[i]);
        });
        return n;
    }

    private static void counts(ObjectNode o, long evaluated, long inside, long iterations, double elapsedSeconds) {
        o.put("evaluated", evaluated);
        o.put("inside", inside);
        number(o, "acceptanceRate", evaluated == 0 ? Double.NaN : (double) inside / evaluated);
        o.put("iterations", iterations);
        number(o, "stepsPerSecond", elapsedSeconds > 0 ? iterations / elapsedSeconds : Double.NaN);
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    /** A human-readable rendering of {@link #json}. */
    static String text(JsonNode w) {
        StringBuilder sb = new StringBuilder();
        JsonNode t = w.path("total");
        sb.append(String.format(Locale.ROOT, "%nrandom walk  %s: %d seed points, %d particles, explored %s%n",
                w.path("directory").asText(), w.path("seedpoints").asInt(), t.path("particles").asInt(), w.path("paramsToExplore")));
        if (w.has("elapsedSeconds")) {
            sb.append(String.format(Locale.ROOT, "             steps per second over %.1f s (until %s)%n",
                    w.path("elapsedSeconds").asDouble(), w.path("elapsedUntil").asText()));
        }
        sb.append(String.format("%n%-12s %8s %10s %8s %10s %10s %9s %9s%n", "seedpoint", "particle", "evaluated", "inside",
                "acceptance", "steps/s", "distance", "max dist"));
        for (JsonNode p : w.path("particles")) {
            sb.append(String.format(Locale.ROOT, "%-12s %8d %10d %8d %10s %10s %9s %9s%n", p.path("seedpoint").asText(),
                    p.path("particle").asInt(), p.path("evaluated").asLong(), p.path("inside").asLong(),
                    fmt(p.get("acceptanceRate"), "%.3f"), fmt(p.get("stepsPerSecond"), "%.2f"),
                    fmt(p.get("finalDistance"), "%.4f"), fmt(p.get("maxDistance"), "%.4f")));
        }
        sb.append(String.format(Locale.ROOT, "%-12s %8d %10d %8d %10s %10s %9s %9s%n", "total", t.path("particles").asInt(),
                t.path("evaluated").asLong(), t.path("inside").asLong(), fmt(t.get("acceptanceRate"), "%.3f"),
                fmt(t.get("stepsPerSecond"), "%.2f"), fmt(t.get("meanFinalDistance"), "%.4f"), fmt(t.get("maxDistance"), "%.4f")));
        sb.append("(distances: Euclidean from the seed point over the explored parameters, each scaled to [0, 1] by its range;"
                + " total distance is the mean final distance)\n");
        return sb.toString();
    }

    private static String fmt(JsonNode v, String format) {
        return v == null || v.isNull() ? "-" : String.format(Locale.ROOT, format, v.asDouble());
    }
}
