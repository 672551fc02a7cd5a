package org.l2l.runner.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.optimizees.BurnCpuOptimizee;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.OptimizeeCodec;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.cli.Main;
import org.l2l.runner.exec.WorkerPool;
import org.l2l.runner.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark suite of issue 8 ({@code l2l bench all}): parallel efficiency, throughput, scaling to 64
 * workers, driver memory over a million evaluations, and the filesystem footprint. Every figure is printed
 * beside its target and a baseline measured in the same run, as one Markdown table.
 *
 * <p>Figures that need a child JVM (the driver with a capped heap, the processes traced with
 * {@code strace}) run one through the hidden commands {@code memory-driver}, {@code fs-run} and
 * {@code fs-probe}, with the same classpath.
 */
final class BenchSuite {
    private BenchSuite() {}

    /** Worker JVM options of the scaling figure: small heaps, as a user packing many workers on a node would set. */
    static final List<String> SMALL_WORKER_JVM = List.of("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    /** One row of the result table: the measured value is always a plain number, or {@code n/a} with the reason in the note. */
    record Row(String figure, String measured, String target, String baseline, String ratio, String note) {}

    // ------------------------------------------------------------------ shared pieces

    /**
     * Proposes {@code pop} individuals per generation for {@code warmup} unmeasured generations (the JIT
     * compilers of the driver and the workers at work), then {@code generations} measured ones, and stamps
     * the time of every {@code next} call. The results of the measured generations are passed to
     * {@code onResult} (and not kept). With no warm-up, generation 0 ends before the first stamp.
     */
    static final class Proposer implements Optimizer {
        final int warmup;
        final int pop;
        final int generations;
        final List<Long> stamps = new ArrayList<>();
        /** The driver's CPU time at the start and the end of the measured generations (ns). */
        long cpuAtFirst;
        long cpuAtLast;
        /** The CPU time of this JVM's child processes (the workers) at the same two moments (ns). */
        long childCpuAtFirst;
        long childCpuAtLast;
        int seen;
        java.util.function.Consumer<GenerationResult> onResult = r -> {};
        java.util.function.IntConsumer onGeneration = g -> {};

        Proposer(int warmup, int pop, int generations) {
            this.warmup = warmup;
            this.pop = pop;
            this.generations = generations;
        }

        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1);
        }

        @Override
        public List<Parameters> firstGeneration() {
            return proposals(pop);
        }

        @Override
        public Step next(GenerationResult result) {
            long now = System.nanoTime();
            if (result.generation() >= warmup) onResult.accept(result);
            seen++;
            onGeneration.accept(seen);
            if (seen >= warmup + generations) {
                stamps.add(now);
                cpuAtLast = processCpuNanos();
                childCpuAtLast = childrenCpuNanos();
                return Step.finished("done");
            }
            List<Parameters> next = proposals(pop);
            stamps.add(System.nanoTime());
            if (seen == Math.max(warmup, 1)) {
                cpuAtFirst = processCpuNanos();
                childCpuAtFirst = childrenCpuNanos();
            }
            return Step.next(next);
        }

        private static List<Parameters> proposals(int n) {
            List<Parameters> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(Parameters.builder().scalar("x", (i % 100) / 100.0).build());
            return out;
        }

        /** Wall time in seconds of the measured generations, from the {@code next} before them to the last. */
        double measuredSeconds() {
            return (stamps.get(stamps.size() - 1) - stamps.get(Math.max(warmup, 1) - 1)) / 1e9;
        }

        /** Cycle times in ms, from cycle {@code skip} on. */
        double[] cyclesMillis(int skip) {
            double[] out = new double[Math.max(0, stamps.size() - 1 - skip)];
            for (int i = 0; i < out.length; i++) out[i] = (stamps.get(i + skip + 1) - stamps.get(i + skip)) / 1e6;
            return out;
        }
    }

    /** This JVM's CPU time, all threads (ns). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The CPU time of this JVM's child processes that are alive (ns). */
    static long childrenCpuNanos() {
        return ProcessHandle.current().children().mapToLong(c -> c.info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElse(0L)).sum();
    }

    static Experiment run(Path root, String name, RunnerOptions ro, Optimizer opt, Optimizee optimizee) {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).overwrite(true).runner(ro).build());
        ex.runExperiment(opt, optimizee);
        ex.endExperiment(opt);
        return ex;
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command that runs {@code l2l ARGS} in a new JVM with the given JVM options and this JVM's classpath. */
    static List<String> l2lCommand(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static void progress(String s) {
        System.err.println("bench: " + s);
    }

    /** The resident set of a process in bytes, from {@code /proc}; 0 if unknown. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or /proc is not there
        }
        return 0;
    }

    static double median(double[] v) {
        return Bench.median(v);
    }

    static String range(double[] v, int decimals) {
        double min = Arrays.stream(v).min().orElse(Double.NaN), max = Arrays.stream(v).max().orElse(Double.NaN);
        return num(min, decimals) + "–" + num(max, decimals);
    }

    // ------------------------------------------------------------------ 1. parallel efficiency

    static List<Row> efficiency(Path root, boolean quick) {
        int pop = quick ? 40 : 200, gens = quick ? 2 : 10, warmup = quick ? 1 : 5, workers = 2;
        double millis = 10;
        double[] pool = efficiencyOnce(root, "eff-pool", RunnerOptions.builder().maxWorkers(workers).build(), warmup, pop, gens,
                millis);
        double[] threads = efficiencyOnce(root, "eff-threads", RunnerOptions.builder().maxWorkers(workers).inProcess(true).build(),
                warmup, pop, gens, millis);
        progress(String.format(Locale.ROOT, "efficiency: pool %.1f %% (%.2f s CPU in %.2f s, driver CPU %.2f s), threads %.1f %%",
                pool[0] * 100, pool[1], pool[2], pool[3], threads[0] * 100));
        return List.of(new Row("parallel efficiency: simulate CPU ÷ (workers × wall), " + num(millis, 0) + " ms CPU per individual, pop "
                + pop + ", " + workers + " workers, " + gens + " generations after " + warmup + " of warm-up (%)",
                num(pool[0] * 100, 1), "≥ 95",
                "in-process threads " + num(threads[0] * 100, 1), num(pool[0] / threads[0], 3),
                breakdown(pool)));
    }

    /** Where the core-seconds of the measured generations went. */
    static String breakdown(double[] pool) {
        double cores = Runtime.getRuntime().availableProcessors() * pool[2];
        double workersOther = Math.max(0, pool[4] - pool[1]);
        double idle = Math.max(0, cores - pool[4] - pool[3]);
        return "of " + num(cores, 2) + " core-seconds (" + num(pool[2], 2) + " s wall): simulate " + num(pool[1], 2)
                + ", workers' other CPU (JIT compilers, messages) " + num(workersOther, 2) + ", driver " + num(pool[3], 2)
                + ", idle or other processes " + num(idle, 2);
    }

    /** {efficiency, simulate CPU s, wall s, driver CPU s, workers' CPU s (all their threads)}. */
    static double[] efficiencyOnce(Path root, String name, RunnerOptions ro, int warmup, int pop, int gens, double millis) {
        Proposer p = new Proposer(warmup, pop, gens);
        double[] cpuMillis = {0};
        p.onResult = r -> {
            for (Evaluation e : r.evaluations()) cpuMillis[0] += ((Number) e.extra().get(BurnCpuOptimizee.CPU_MILLIS)).doubleValue();
        };
        run(root, name, ro, p, new BurnCpuOptimizee(millis));
        double wall = p.measuredSeconds();
        double driverCpu = (p.cpuAtLast - p.cpuAtFirst) / 1e9;
        double workersCpu = (p.childCpuAtLast - p.childCpuAtFirst) / 1e9;
        double cpu = cpuMillis[0] / 1000;
        return new double[] {cpu / (ro.maxWorkers() * wall), cpu, wall, driverCpu, workersCpu};
    }

    // ------------------------------------------------------------------ 2. throughput

    static List<Row> throughput(Path root, boolean quick) {
        int pop = 1000, gens = quick ? 3 : 40, skip = quick ? 1 : 10;
        double base = throughputOnce(root, "tp-threads", RunnerOptions.builder().maxWorkers(2).inProcess(true).build(), pop, gens, skip);
        List<Row> rows = new ArrayList<>();
        double one = 0;
        for (int w : new int[] {1, 2, 4}) {
            double t = throughputOnce(root, "tp-" + w, RunnerOptions.builder().maxWorkers(w).build(), pop, gens, skip);
            if (w == 1) one = t;
            progress(String.format(Locale.ROOT, "throughput: %d workers %.0f individuals/s", w, t));
            rows.add(new Row("throughput, no-op optimizee, pop " + pop + ", " + w + " worker" + (w > 1 ? "s" : "") + " (individuals/s, median generation after " + skip + " of warm-up)",
                    num(t, 0), w == 2 ? "≥ 25,000 (issue 15)" : "–", "in-process, 2 threads: " + num(base, 0),
                    num(t / base, 3), w == 1 ? "" : num(t / one, 2) + "× the 1-worker figure"));
        }
        // the small-generation figure of issue 15: a whole generation cycle (dispatch, simulate, results, store)
        int small = 32, smallGens = quick ? 20 : 300, smallSkip = quick ? 5 : 20;
        Proposer p32 = new Proposer(0, small, smallGens);
        run(root, "tp-pop32", RunnerOptions.builder().maxWorkers(2).build(), p32, new NoOpOptimizee());
        double g32 = median(p32.cyclesMillis(smallSkip));
        progress(String.format(Locale.ROOT, "throughput: pop 32 on 2 workers, %.2f ms per generation", g32));
        rows.add(new Row("per-generation time, no-op optimizee, pop " + small + ", 2 workers (ms, median over " + (smallGens - smallSkip)
                + " generations)", num(g32, 2), "≤ 4 (issue 15)", "–", "–", "dispatch, simulate, results and storing the generation file"));
        return rows;
    }

    /** Individuals per second over the median generation, after {@code skip} generations of warm-up. */
    static double throughputOnce(Path root, String name, RunnerOptions ro, int pop, int gens, int skip) {
        return throughputOnce(root, name, ro, pop, gens, skip, new NoOpOptimizee());
    }

    /** As {@link #throughputOnce(Path, String, RunnerOptions, int, int, int)} with another optimizee. */
    static double throughputOnce(Path root, String name, RunnerOptions ro, int pop, int gens, int skip, Optimizee optimizee) {
        Proposer p = new Proposer(0, pop, gens);
        run(root, name, ro, p, optimizee);
        return pop / (median(p.cyclesMillis(skip - 1)) / 1000);
    }

    // ------------------------------------------------------------------ 3. scaling

    /** One scaling point: workers, start-up ms, per-generation overhead ms, pool RSS MB, driver RSS MB. */
    record ScalePoint(int workers, double startMillis, double generationMillis, double poolRssMb, double driverRssMb) {}

    static List<Row> scale(Path root, boolean quick, Path plot) throws IOException {
        int[] counts = quick ? new int[] {1, 2} : new int[] {1, 2, 4, 8, 16, 32, 64};
        int gens = quick ? 4 : 30, skip = quick ? 1 : 5;
        List<ScalePoint> points = new ArrayList<>();
        for (int n : counts) {
            RunnerOptions ro = RunnerOptions.builder().maxWorkers(n).jvmOptions(SMALL_WORKER_JVM).oversubscribe(true) // on purpose
                    .workerStartTimeout(java.time.Duration.ofMinutes(5)).build();
            Proposer p = new Proposer(0, n, gens);
            long[] rss = {0, 0};
            p.onGeneration = seen -> {
                if (seen == gens / 2) {
                    ProcessHandle.current().children().forEach(c -> rss[0] += rssBytes(c.pid()));
                    rss[1] = rssBytes(ProcessHandle.current().pid());
                }
            };
            Experiment ex = run(root, "scale-" + n, ro, p, new NoOpOptimizee());
            double start = startMillis(ex.runDirectory());
            double gen = median(p.cyclesMillis(skip));
            points.add(new ScalePoint(n, start, gen, rss[0] / 1048576.0, rss[1] / 1048576.0));
            progress(String.format(Locale.ROOT, "scale: %d workers: start-up %.0f ms, generation %.2f ms, pool RSS %.0f MB",
                    n, start, gen, rss[0] / 1048576.0));
            RunDirectory.deleteTree(ex.runDirectory().root());
        }
        if (plot != null) scalePlot(points, plot);
        List<Row> rows = new ArrayList<>();
        ScalePoint first = points.get(0);
        for (ScalePoint s : points) {
            String tail = " (" + s.workers() + " worker" + (s.workers() > 1 ? "s" : "") + ", -Xmx64m)";
            rows.add(new Row("scaling: per-generation overhead, one no-op individual per worker, median (ms)" + tail,
                    num(s.generationMillis(), 2), "–", "1 worker: " + num(first.generationMillis(), 2),
                    num(s.generationMillis() / first.generationMillis(), 2), ""));
            rows.add(new Row("scaling: worker pool start-up, launch to all ready (ms)" + tail, num(s.startMillis(), 0), "–",
                    "1 worker: " + num(first.startMillis(), 0), num(s.startMillis() / first.startMillis(), 2), ""));
            rows.add(new Row("scaling: resident memory of the pool (MB)" + tail, num(s.poolRssMb(), 0), "–",
                    "1 worker: " + num(first.poolRssMb(), 0), num(s.poolRssMb() / first.poolRssMb(), 2),
                    num(s.poolRssMb() / s.workers(), 1) + " MB per worker; driver " + num(s.driverRssMb(), 0) + " MB"));
        }
        return rows;
    }

    /** Reads "N workers ready in X ms" from the run log. */
    static double startMillis(RunDirectory dir) throws IOException {
        for (String line : Files.readAllLines(dir.runLog())) {
            int i = line.indexOf(" workers ready in ");
            if (i >= 0) return Double.parseDouble(line.substring(i + " workers ready in ".length()).replace(" ms", "").trim());
        }
        return Double.NaN;
    }

    /**
     * Draws {@code docs/scaling.png}: the real workers' figures ({@code points}, or, if null, those stored
     * by the last {@code bench scale} in {@code scaling-real.csv} beside the plot), and the simulated
     * workers' driver cost per result stored by the last {@code bench scale --simulated}, if any.
     */
    static void scalePlot(List<ScalePoint> points, Path file) throws IOException {
        Path realCsv = file.resolveSibling("scaling-real.csv");
        if (points != null) {
            List<String> lines = new ArrayList<>(List.of("workers,start_ms,generation_ms,pool_rss_mb,driver_rss_mb"));
            for (ScalePoint p : points) {
                lines.add(String.format(Locale.ROOT, "%d,%.1f,%.3f,%.1f,%.1f", p.workers(), p.startMillis(), p.generationMillis(),
                        p.poolRssMb(), p.driverRssMb()));
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(realCsv, lines);
        } else {
            points = new ArrayList<>();
            if (Files.exists(realCsv)) {
                List<String> lines = Files.readAllLines(realCsv);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    points.add(new ScalePoint(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                }
            }
        }
        double[] x = points.stream().mapToDouble(ScalePoint::workers).toArray();
        List<XYChart> list = new ArrayList<>();
        if (!points.isEmpty()) {
            list.add(chart("Per-generation overhead", "ms (one no-op individual per worker)", x,
                    points.stream().mapToDouble(ScalePoint::generationMillis).toArray()));
            list.add(chart("Worker pool start-up", "ms (launch to all ready)", x,
                    points.stream().mapToDouble(ScalePoint::startMillis).toArray()));
            list.add(chart("Resident memory of the pool", "MB (all worker JVMs, -Xmx64m)", x,
                    points.stream().mapToDouble(ScalePoint::poolRssMb).toArray()));
        }
        List<double[]> sim = SimulatedScale.ScalingData.readSimulated(file);
        if (!sim.isEmpty()) {
            double[] sx = sim.stream().mapToDouble(r -> r[0]).toArray();
            XYChart c = chart("Simulated workers: driver cost per result", "CPU µs, filesystem calls (log scale)", sx,
                    sim.stream().mapToDouble(r -> r[1]).toArray());
            c.addSeries("filesystem calls per result", sx, sim.stream().mapToDouble(r -> r[2]).toArray())
                    .setMarker(SeriesMarkers.DIAMOND);
            c.getSeriesMap().values().iterator().next().setLabel("driver CPU µs per result");
            c.getStyler().setLegendVisible(true);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            c.getStyler().setYAxisLogarithmic(true);
            list.add(c);
        }
        if (list.isEmpty()) return;
        XYChart[] charts = list.toArray(new XYChart[0]);
        int w = 520, h = 420;
        // without the real figures' data (a plot drawn before they were kept), keep their charts from the old plot
        BufferedImage old = points.isEmpty() && Files.exists(file) ? ImageIO.read(file.toFile()) : null;
        int kept = old == null ? 0 : Math.min(3, old.getWidth() / w);
        BufferedImage all = new BufferedImage(w * (kept + charts.length), h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        if (kept > 0) g.drawImage(old.getSubimage(0, 0, kept * w, Math.min(h, old.getHeight())), 0, 0, null);
        for (int i = 0; i < charts.length; i++) g.drawImage(BitmapEncoder.getBufferedImage(charts[i]), (kept + i) * w, 0, null);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ImageIO.write(all, "png", file.toFile());
        progress("scaling plot written to " + file);
    }

    private static XYChart chart(String title, String yTitle, double[] x, double[] y) {
        XYChart c = new XYChartBuilder().width(520).height(420).title(title).xAxisTitle("workers (log scale)").yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisDecimalPattern("0");
        c.addSeries(title, x, y).setMarker(SeriesMarkers.CIRCLE);
        return c;
    }

    // ------------------------------------------------------------------ 4. driver memory

    static List<Row> memory(Path root, boolean quick) throws IOException, InterruptedException {
        int gens = quick ? 10 : 1000, pop = 1000;
        Path dir = root.resolve("memory");
        List<String> cmd = l2lCommand(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), "bench", "memory-driver",
                "--generations", Integer.toString(gens), "--pop", Integer.toString(pop), "--dir", dir.toString());
        progress("memory: " + gens + " generations x " + pop + " individuals, driver -Xmx256m (a child JVM)");
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<long[]> heap = new ArrayList<>();
        double seconds = Double.NaN;
        long evaluations = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("heap")) {
                    heap.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                    progress("memory: generation " + f[1] + ": heap after GC " + Long.parseLong(f[2]) / 1048576 + " MB");
                } else if (f[0].equals("done")) {
                    evaluations = Long.parseLong(f[1]);
                    seconds = Double.parseDouble(f[2]);
                }
            }
        }
        int code = proc.waitFor();
        RunDirectory.deleteTree(dir);
        if (code != 0 || heap.size() < 2) {
            return List.of(new Row("driver memory: " + gens + " generations × " + pop + " individuals, driver heap capped at 256 MB (MB)",
                    "n/a", "completes", "–", "–", "the driver failed with exit code " + code));
        }
        // the baseline is the sample at a tenth of the run, after class loading and JIT warm-up
        long[] first = heap.stream().filter(h -> h[0] >= Math.max(1, gens / 10)).findFirst().orElse(heap.get(0));
        long[] last = heap.get(heap.size() - 1);
        double firstMb = first[1] / 1048576.0, lastMb = last[1] / 1048576.0;
        double[] later = heap.stream().filter(h -> h[0] >= first[0]).mapToDouble(h -> h[1] / 1048576.0).toArray();
        return List.of(
                new Row("driver memory: heap after full GC at generation " + last[0] + " of " + gens + " × " + pop
                        + " no-op individuals, -Xmx256m (MB)", num(lastMb, 1), "completes, no growth",
                        "at generation " + first[0] + ": " + num(firstMb, 1), num(lastMb / firstMb, 3),
                        evaluations + " evaluations completed in " + num(seconds, 0) + " s ("
                                + num(evaluations / seconds, 0) + " individuals/s); from generation " + first[0]
                                + " on, every sample " + range(later, 1) + " MB"));
    }

    /** Generations after which the memory driver samples its heap. */
    static boolean sampleAt(int generation, int generations) {
        int step = Math.max(1, generations / 10);
        return generation == Math.min(10, generations) || generation % step == 0;
    }

    // ------------------------------------------------------------------ 5. filesystem footprint

    static List<Row> fs(Path root, boolean quick) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        if (!strace()) {
            String why = "strace is not installed (apt-get install strace); filesystem figures not measured";
            progress(why);
            rows.add(new Row("file creates + renames per individual, pop 1000, 2 workers", "n/a", "≤ 3", "–", "–", why));
            rows.add(new Row("filesystem calls per second of an idle worker, after 1 s idle", "n/a", "≤ 10", "–", "–", why));
            rows.add(new Row("filesystem calls per second of the runner, all workers busy on long individuals", "n/a", "≤ 50", "–",
                    "–", why));
            return rows;
        }
        int pop = quick ? 200 : 1000, small = quick ? 1 : 2, large = quick ? 2 : 6;
        long[] a = traceRun(root, "fs-a", pop, small);
        long[] b = traceRun(root, "fs-b", pop, large);
        double perIndividual = (double) (b[0] + b[1]) / (pop * large);
        double marginal = (double) (b[0] + b[1] - a[0] - a[1]) / (pop * (large - small));
        double perGeneration = (double) (b[0] + b[1] - a[0] - a[1]) / (large - small);
        progress(String.format(Locale.ROOT, "fs: %d gens: %d creates %d renames %d unlinks; %d gens: %d creates %d renames %d unlinks",
                small, a[0], a[1], a[2], large, b[0], b[1], b[2]));
        rows.add(new Row("file creates + renames per individual, pop " + pop + ", 2 workers, " + large + " generation"
                + (large > 1 ? "s" : "") + " (whole run)",
                num(perIndividual, 4), "≤ 3", "per generation, marginal: " + num(perGeneration, 1),
                num(perIndividual / 3, 4), "marginal per individual " + num(marginal, 4) + "; unlinks per generation "
                        + num((double) (b[2] - a[2]) / (large - small), 1)));

        int window = quick ? 2 : 5;
        Calls[] probe = probe(root, window);
        double idle = (double) probe[0].total() / window, busy = (double) probe[1].total() / window;
        rows.add(new Row("filesystem calls per second of an idle worker, after 1 s idle (" + window + " s traced)",
                num(idle, 1), "≤ 10", "target 10", num(idle / 10, 2), "in " + window + " s: " + probe[0].top()));
        rows.add(new Row("filesystem calls per second of the runner, 2 workers busy on long individuals (" + window + " s traced)",
                num(busy, 1), "≤ 50", "target 50", num(busy / 50, 2), "in " + window + " s: " + probe[1].top()));
        return rows;
    }

    static boolean strace() {
        try {
            Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a no-op run under {@code strace -f}; returns {creates, renames, unlinks} inside its run directory. */
    static long[] traceRun(Path root, String name, int pop, int gens) throws IOException, InterruptedException {
        Path out = root.resolve(name + ".strace");
        Path dir = root.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", out.toString(), "-e",
                "trace=open,openat,creat,rename,renameat,renameat2,link,linkat,mkdir,mkdirat,unlink,unlinkat,rmdir"));
        cmd.addAll(l2lCommand(List.of("-XX:-UsePerfData"), "bench", "fs-run", "--pop", Integer.toString(pop),
                "--generations", Integer.toString(gens), "--dir", dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) throw new IllegalStateException("the traced run failed: " + String.join(" ", cmd));
        long creates = 0, renames = 0, unlinks = 0;
        String marker = dir.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(out)) {
            if (!line.contains(marker) || line.contains("resumed>")) continue;
            String call = line.replaceFirst("^\\d+\\s+", "");
            int paren = call.indexOf('(');
            if (paren < 0) continue;
            String name2 = call.substring(0, paren);
            if (call.contains("= -1")) continue; // failed calls change nothing
            switch (name2) {
                case "open", "openat" -> { if (call.contains("O_CREAT")) creates++; }
                case "creat", "mkdir", "mkdirat", "link", "linkat" -> creates++;
                case "rename", "renameat", "renameat2" -> renames++;
                case "unlink", "unlinkat", "rmdir" -> unlinks++;
                default -> { }
            }
        }
        Files.deleteIfExists(out);
        RunDirectory.deleteTree(dir);
        return new long[] {creates, renames, unlinks};
    }

    /**
     * Starts {@code fs-probe} in a child JVM and traces, for {@code window} seconds each, one idle worker
     * after 1 s of idleness, then the driver while both workers run long individuals. Returns the two
     * rates of filesystem calls per second.
     */
    static Calls[] probe(Path root, int window) throws IOException, InterruptedException {
        Path dir = root.resolve("fs-probe");
        Process child = new ProcessBuilder(l2lCommand(List.of(), "bench", "fs-probe", "--window", Integer.toString(window),
                "--dir", dir.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Calls idle = null, busy = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("idle")) {
                    Thread.sleep(1000);
                    idle = traceCalls(Long.parseLong(f[1]), window);
                    progress("fs: idle worker, " + window + " s: " + idle.total() + " calls: " + idle.bySyscall());
                } else if (f[0].equals("busy")) {
                    Thread.sleep(1000);
                    busy = traceCalls(Long.parseLong(f[1]), window);
                    progress("fs: runner with busy workers, " + window + " s: " + busy.total() + " calls: " + busy.bySyscall());
                }
            }
        }
        child.waitFor(1, TimeUnit.MINUTES);
        RunDirectory.deleteTree(dir);
        if (idle == null || busy == null) throw new IllegalStateException("the fs-probe child ended early" + (child.isAlive() ? "" : " (exit code " + child.exitValue() + ")"));
        return new Calls[] {idle, busy};
    }

    /** Calls counted by {@link #traceCalls}: in all and by system call, most frequent first. */
    record Calls(long total, Map<String, Long> bySyscall) {
        String top() {
            StringBuilder sb = new StringBuilder();
            bySyscall.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(" ").append(e.getKey()));
            return sb.toString();
        }
    }

    /**
     * Attaches {@code strace -c -f} to every thread of {@code pid} for {@code seconds} and counts the calls
     * of strace's file and file-descriptor classes, except {@code mmap} (memory, not the filesystem).
     */
    static Calls traceCalls(long pid, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("timeout", "-s", "INT", Integer.toString(seconds), "strace", "-c", "-f", "-qq",
                "-e", "trace=%file,%desc", "-p", Long.toString(pid)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, Long> by = new java.util.TreeMap<>();
        long total = 0;
        boolean table = false;
        for (String line : out.split("\n")) {
            String t = line.trim();
            if (t.startsWith("% time")) table = true;
            if (!table || t.startsWith("%") || t.startsWith("---") || t.isEmpty()) continue;
            String[] f = t.split("\\s+");
            String call = f[f.length - 1];
            if (call.equals("total") || call.equals("mmap") || f.length < 5) continue;
            long n = Long.parseLong(f[3]); // % time, seconds, usecs/call, calls, [errors], syscall
            by.put(call, n);
            total += n;
        }
        if (!table && !out.isBlank()) throw new IllegalStateException("strace -p " + pid + " failed: " + out.strip());
        return new Calls(total, by);
    }

    // ------------------------------------------------------------------ printing

    static void print(List<Row> rows) {
        System.out.println("| figure | measured | target | baseline (same run) | ratio | note |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.println("| " + r.figure() + " | " + r.measured() + " | " + r.target() + " | " + r.baseline() + " | "
                    + r.ratio() + " | " + r.note() + " |");
        }
    }

    static void header(String what) {
        System.out.printf(Locale.ROOT, "l2l bench %s on %d cores, %s, java %s, load average %s, run directories in %s%n%n", what,
                Runtime.getRuntime().availableProcessors(), LocalDate.now(), System.getProperty("java.version"), loadAverage(),
                System.getProperty("java.io.tmpdir"));
    }

    /** Runs some figures in a temporary directory and prints them as one table. */
    static int runAndPrint(String what, boolean quick, Path plot, List<String> figures) throws Exception {
        header(what + (quick ? " --quick" : ""));
        long t0 = System.nanoTime();
        Path root = Files.createTempDirectory("l2l-bench");
        List<Row> rows = new ArrayList<>();
        try {
            for (String f : figures) {
                switch (f) {
                    case "efficiency" -> rows.addAll(efficiency(root, quick));
                    case "throughput" -> rows.addAll(throughput(root, quick));
                    case "scale" -> rows.addAll(scale(root, quick, plot));
                    case "memory" -> rows.addAll(memory(root, quick));
                    case "fs" -> rows.addAll(fs(root, quick));
                    case "async" -> rows.addAll(AsyncBench.rows(root, quick));
                    default -> throw new IllegalArgumentException("unknown benchmark " + f);
                }
            }
        } finally {
            RunDirectory.deleteTree(root);
        }
        print(rows);
        System.out.printf(Locale.ROOT, "%nfinished in %.0f s; load average at the end %s%n", (System.nanoTime() - t0) / 1e9, loadAverage());
        return 0;
    }

    static Path defaultPlot() {
        String home = System.getProperty("l2l.home");
        return (home == null ? Path.of(".") : Path.of(home)).resolve("docs").resolve("scaling.png");
    }

    // ------------------------------------------------------------------ commands

    /** {@code l2l bench all [--quick]}. */
    @Command(name = "all", description = "The whole suite (issue 8): efficiency, throughput, scaling, driver memory, filesystem footprint.")
    static final class All implements Callable<Integer> {
        @Option(names = "--quick", description = "a smoke run of every figure with small sizes (under a minute)")
        boolean quick;

        @Option(names = "--plot", paramLabel = "PNG", description = "where to write the scaling plot (default docs/scaling.png; none with --quick)")
        Path plot;

        @Override
        public Integer call() throws Exception {
            Path p = plot != null ? plot : quick ? null : defaultPlot();
            return runAndPrint("all", quick, p, List.of("efficiency", "throughput", "scale", "memory", "fs"));
        }
    }

    /** One figure of the suite as its own command. */
    abstract static class One implements Callable<Integer> {
        @Option(names = "--quick", description = "small sizes, for a smoke run")
        boolean quick;

        abstract String figure();

        Path plot() {
            return null;
        }

        @Override
        public Integer call() throws Exception {
            return runAndPrint(figure(), quick, plot(), List.of(figure()));
        }
    }

    /** {@code l2l bench efficiency}. */
    @Command(name = "efficiency", description = "Parallel efficiency with 10 ms CPU-burning individuals, pop 200, 2 workers.")
    static final class Efficiency extends One {
        @Override
        String figure() {
            return "efficiency";
        }
    }

    /** {@code l2l bench throughput}. */
    @Command(name = "throughput", description = "No-op individuals per second at pop 1000 with 1, 2 and 4 workers.")
    static final class Throughput extends One {
        @Override
        String figure() {
            return "throughput";
        }
    }

    /** {@code l2l bench scale [--simulated]}. */
    @Command(name = "scale", description = "1 to 64 workers on -Xmx64m: per-generation overhead, start-up, resident memory; plot. "
            + "With --simulated: 16 to 4,096 simulated workers in one farm process, driven by the real pool through the real files.")
    static final class Scale extends One {
        @Option(names = "--plot", paramLabel = "PNG", description = "where to write the plot (default docs/scaling.png; none with --quick)")
        Path plotFile;

        @Option(names = "--simulated", description = "simulated workers (16, 256, 1024, 4096) instead of worker JVMs (1 to 64)")
        boolean simulated;

        @Option(names = "--distribution", defaultValue = "uniform",
                description = "simulated individual durations: fixed, uniform (0.5 to 1.5 x mean) or exponential; default uniform")
        String distribution;

        @Option(names = "--mean-ms", defaultValue = "1000", description = "mean simulated individual duration in ms; default 1000")
        double meanMillis;

        @Option(names = "--workers", split = ",", paramLabel = "N", description = "simulated worker counts (default 16,256,1024,4096)")
        int[] workers;

        @Override
        public Integer call() throws Exception {
            if (!simulated) return super.call();
            header("scale --simulated" + (quick ? " --quick" : ""));
            long t0 = System.nanoTime();
            Path root = Files.createTempDirectory("l2l-bench");
            List<Row> rows;
            try {
                rows = SimulatedScale.run(root, quick, plot(), distribution, meanMillis, workers);
            } finally {
                RunDirectory.deleteTree(root);
            }
            if (plot() != null) scalePlot(null, plot());
            print(rows);
            System.out.printf(Locale.ROOT, "%nfinished in %.0f s; load average at the end %s%n", (System.nanoTime() - t0) / 1e9,
                    loadAverage());
            return 0;
        }

        @Override
        String figure() {
            return "scale";
        }

        @Override
        Path plot() {
            return plotFile != null ? plotFile : quick ? null : defaultPlot();
        }
    }

    /** {@code l2l bench memory}. */
    @Command(name = "memory", description = "A million no-op evaluations with the driver's heap capped at 256 MB.")
    static final class Memory extends One {
        @Override
        String figure() {
            return "memory";
        }
    }

    /** {@code l2l bench fs}. */
    @Command(name = "fs", description = "File creates and renames per individual; filesystem calls of idle workers and a busy runner (strace).")
    static final class Fs extends One {
        @Override
        String figure() {
            return "fs";
        }
    }

    /** The driver of the memory figure, in a JVM started with a capped heap: prints {@code heap GEN BYTES} and {@code done EVALS SECONDS}. */
    @Command(name = "memory-driver", hidden = true)
    static final class MemoryDriver implements Callable<Integer> {
        @Option(names = "--generations", required = true)
        int generations;

        @Option(names = "--pop", required = true)
        int pop;

        @Option(names = "--dir", required = true)
        Path dir;

        @Override
        public Integer call() {
            Proposer p = new Proposer(0, pop, generations);
            long[] evaluations = {0};
            p.onResult = r -> evaluations[0] += r.size();
            p.onGeneration = g -> {
                if (sampleAt(g, generations)) {
                    System.gc();
                    System.out.println("heap " + g + " " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    System.out.flush();
                }
            };
            long t0 = System.nanoTime();
            run(dir.getParent(), dir.getFileName().toString(), RunnerOptions.builder().maxWorkers(2).build(), p, new NoOpOptimizee());
            System.out.printf(Locale.ROOT, "done %d %.3f%n", evaluations[0], (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    /** A plain no-op run, traced by the filesystem figure. */
    @Command(name = "fs-run", hidden = true)
    static final class FsRun implements Callable<Integer> {
        @Option(names = "--generations", required = true)
        int generations;

        @Option(names = "--pop", required = true)
        int pop;

        @Option(names = "--dir", required = true)
        Path dir;

        @Override
        public Integer call() {
            RunnerOptions ro = RunnerOptions.builder().maxWorkers(2)
                    .jvmOptions(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData")).build();
            run(dir.getParent(), dir.getFileName().toString(), ro, new Proposer(0, pop, generations), new NoOpOptimizee());
            return 0;
        }
    }

    /**
     * Starts a pool of 2 workers, prints {@code idle WORKER_PID} and stays idle for {@code window + 2} s,
     * then prints {@code busy DRIVER_PID} and runs one individual per worker that burns {@code window + 2}
     * s of CPU.
     */
    @Command(name = "fs-probe", hidden = true)
    static final class FsProbe implements Callable<Integer> {
        @Option(names = "--window", required = true)
        int window;

        @Option(names = "--dir", required = true)
        Path dir;

        @Override
        public Integer call() throws InterruptedException {
            RunDirectory d = new RunDirectory(dir);
            d.create(true);
            Optimizee o = new BurnCpuOptimizee((window + 2) * 1000.0);
            OptimizeeCodec.write(d.optimizeeJson(), o, 1);
            try (WorkerPool pool = new WorkerPool(d, RunnerOptions.builder().maxWorkers(2).build())) {
                pool.start();
                long worker = ProcessHandle.current().children().mapToLong(ProcessHandle::pid).min().orElseThrow();
                System.out.println("idle " + worker);
                System.out.flush();
                Thread.sleep((window + 2) * 1000L);
                System.out.println("busy " + ProcessHandle.current().pid());
                System.out.flush();
                IntFunction<Individual> ind = i -> new Individual(0, i, Parameters.builder().scalar("x", 0.5).build());
                pool.evaluate(0, List.of(ind.apply(0), ind.apply(1)), FitnessWeights.of(-1));
            }
            return 0;
        }
    }
}
