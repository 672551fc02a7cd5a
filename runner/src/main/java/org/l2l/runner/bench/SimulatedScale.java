package org.l2l.runner.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.exec.WorkerPool;
import org.l2l.runner.io.RunDirectory;

/**
 * {@code l2l bench scale --simulated}: the real {@link WorkerPool} driving 16 to 4,096 simulated workers
 * hosted by one {@link org.l2l.runner.bench.SimulatedFarm} process, through the real files. The pool is kept
 * saturated through its asynchronous API (every free slot refilled as results arrive); after a warm-up the
 * driver's CPU time per result, the dispatch latency (a result written by its worker to its replacement
 * handed out), the workers' utilization, the driver's heap and threads are measured over a window, then
 * the driver's filesystem calls over a second window with {@code strace -f -c} attached to it.
 */
final class SimulatedScale {
    private SimulatedScale() {}

    /** One measured worker count. */
    record Point(int workers, double startMillis, long results, double cpuMicrosPerResult, double callsPerSecond,
                 double callsPerResult, double idleCallsPerSecond, double latencyMedianMillis, double latencyP99Millis,
                 double utilization, double heapMb, int threads, String topCalls) {}

    static List<BenchSuite.Row> run(Path root, boolean quick, Path plot, String distribution, double meanMillis, int[] workers)
            throws IOException, InterruptedException {
        int[] counts = workers != null ? workers : quick ? new int[] {16, 256} : new int[] {16, 256, 1024, 4096};
        int warmup = quick ? 3 : 6, window = quick ? 4 : 15, traced = quick ? 3 : 8;
        List<Point> points = new ArrayList<>();
        for (int n : counts) {
            points.add(measure(root, n, distribution, meanMillis, warmup, window, traced));
            Point p = points.get(points.size() - 1);
            BenchSuite.progress(String.format(Locale.ROOT, "simulated %d workers: %d results, %.1f µs CPU/result, %.1f empty polls/s, %.0f fs calls/s"
                    + " (%.2f per result), latency median %.2f ms p99 %.2f ms, utilization %.3f, heap %.1f MB, %d threads",
                    n, p.results(), p.cpuMicrosPerResult(), p.idleCallsPerSecond(), p.callsPerSecond(), p.callsPerResult(), p.latencyMedianMillis(),
                    p.latencyP99Millis(), p.utilization(), p.heapMb(), p.threads()));
        }
        if (plot != null) ScalingData.writeSimulated(plot, points);
        return rows(points, distribution, meanMillis);
    }

    private static Point measure(Path root, int n, String distribution, double meanMillis, int warmup, int window, int traced)
            throws IOException, InterruptedException {
        RunDirectory dir = new RunDirectory(root.resolve("simulated-" + n));
        dir.create(true);
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(n).workerStartTimeout(Duration.ofMinutes(5)).build();
        FitnessWeights w = FitnessWeights.of(-1);
        try (SimulatedFarmLauncher farm = new SimulatedFarmLauncher(dir, distribution, meanMillis, 42,
                List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:TieredStopAtLevel=1"));
             WorkerPool pool = new WorkerPool(dir, ro, null, farm)) {
            long t0 = System.nanoTime();
            pool.start();
            double startMillis = (System.nanoTime() - t0) / 1e6;
            Feeder feeder = new Feeder(pool, w);
            feeder.runFor(warmup, null);
            System.gc();
            Window m = new Window();
            WorkerPool.PollCounts before = pool.pollCounts();
            feeder.runFor(window, m);
            WorkerPool.PollCounts after = pool.pollCounts();
            double idle = (after.emptyPolls() - before.emptyPolls()) / (m.wallNanos / 1e9);
            double outReadsPerResult = (double) (after.outReads() - before.outReads()) / Math.max(1, m.results);
            double poolCallsPerResult = (double) (after.total() - before.total()) / Math.max(1, m.results);
            double heapMb = heapAfterGc();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            // the filesystem calls, in a window of their own: strace slows the traced driver
            AtomicReference<Object> calls = new AtomicReference<>();
            Thread tracer = new Thread(() -> {
                try {
                    calls.set(BenchSuite.traceCalls(ProcessHandle.current().pid(), traced));
                } catch (IOException | InterruptedException | RuntimeException e) {
                    calls.set(e);
                }
            }, "bench-strace");
            tracer.start();
            Window t = new Window();
            Thread.sleep(300); // strace attaches
            long tracedFrom = t.results;
            feeder.runWhile(tracer::isAlive, t);
            tracer.join();
            double callsPerSecond = Double.NaN, callsPerResult = Double.NaN;
            String top = "strace not available";
            if (calls.get() instanceof BenchSuite.Calls c) {
                callsPerSecond = (double) c.total() / traced;
                long results = t.results - tracedFrom;
                callsPerResult = (double) c.total() / Math.max(1, results);
                top = c.top();
            } else if (calls.get() instanceof Exception e) {
                top = "strace failed: " + e.getMessage();
            }
            double cpuPerResult = m.cpuNanos / 1e3 / Math.max(1, m.results);
            double[] lat = m.latencies();
            double utilization = m.busyNanos / (n * (m.wallNanos));
            top += "; the pool's own count: " + BenchSuite.num(poolCallsPerResult, 2) + " calls per result, "
                    + BenchSuite.num(outReadsPerResult, 2) + " .out reads per result";
            return new Point(n, startMillis, m.results, cpuPerResult, callsPerSecond, callsPerResult, idle,
                    percentile(lat, 0.5) / 1e6, percentile(lat, 0.99) / 1e6, utilization, heapMb, threads, top);
        } finally {
            RunDirectory.deleteTree(dir.root());
        }
    }

    private static double heapAfterGc() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() / 1048576.0;
    }

    /** What one measuring window saw. */
    private static final class Window {
        long results;
        long cpuNanos;
        long wallNanos;
        double busyNanos;
        long[] latency = new long[1024];
        int latencyCount;

        void latency(long nanos) {
            if (latencyCount == latency.length) latency = Arrays.copyOf(latency, latency.length * 2);
            latency[latencyCount++] = nanos;
        }

        double[] latencies() {
            double[] v = new double[latencyCount];
            for (int i = 0; i < latencyCount; i++) v[i] = latency[i];
            Arrays.sort(v);
            return v;
        }
    }

    /** Keeps the pool saturated: submits as many new individuals as it has free slots, as results arrive. */
    private static final class Feeder {
        private final WorkerPool pool;
        private final FitnessWeights weights;
        private int generation;
        private final Parameters params = Parameters.builder().scalar("x", 0.5).array("coords", 0.1, 0.2, 0.3).build();

        Feeder(WorkerPool pool, FitnessWeights weights) {
            this.pool = pool;
            this.weights = weights;
        }

        void runFor(int seconds, Window m) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            runWhile(() -> System.nanoTime() - end < 0, m);
        }

        void runWhile(java.util.function.BooleanSupplier go, Window m) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            refill();
            while (go.getAsBoolean()) {
                List<Evaluation> got = pool.poll(Duration.ofMillis(100));
                refill();
                long now = System.nanoTime();
                if (m == null) continue;
                for (Evaluation e : got) {
                    m.results++;
                    m.busyNanos += ((Number) e.extra().get("simNanos")).doubleValue();
                    m.latency(now - ((Number) e.extra().get("doneNanos")).longValue());
                }
            }
            if (m != null) {
                m.cpuNanos += os.getProcessCpuTime() - cpu0;
                m.wallNanos += System.nanoTime() - wall0;
            }
        }

        private void refill() {
            int free = pool.freeSlots();
            if (free == 0) return;
            List<Individual> batch = new ArrayList<>(free);
            int g = generation++;
            for (int i = 0; i < free; i++) batch.add(new Individual(g, i, params));
            pool.submit(batch, weights);
        }
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static List<BenchSuite.Row> rows(List<Point> points, String distribution, double meanMillis) {
        List<BenchSuite.Row> rows = new ArrayList<>();
        Point first = points.get(0);
        String unit = distribution + " durations, mean " + BenchSuite.num(meanMillis, 0) + " ms";
        for (Point p : points) {
            String tail = " (" + p.workers() + " simulated workers, " + unit + ")";
            rows.add(new BenchSuite.Row("simulated: driver CPU per result (µs)" + tail, BenchSuite.num(p.cpuMicrosPerResult(), 1),
                    "≤ 1.5 × 16 workers", "16 workers: " + BenchSuite.num(first.cpuMicrosPerResult(), 1),
                    BenchSuite.num(p.cpuMicrosPerResult() / first.cpuMicrosPerResult(), 2), p.results() + " results in the window"));
            rows.add(new BenchSuite.Row("simulated: driver filesystem calls per result (strace)" + tail,
                    BenchSuite.num(p.callsPerResult(), 2), "≈ 2", "16 workers: " + BenchSuite.num(first.callsPerResult(), 2),
                    BenchSuite.num(p.callsPerResult() / first.callsPerResult(), 2),
                    BenchSuite.num(p.callsPerSecond(), 0) + " calls/s: " + p.topCalls()));
            rows.add(new BenchSuite.Row("simulated: driver polls finding nothing per second (idle rate)" + tail,
                    BenchSuite.num(p.idleCallsPerSecond(), 1), "≤ 20", "16 workers: " + BenchSuite.num(first.idleCallsPerSecond(), 1),
                    BenchSuite.num(p.idleCallsPerSecond() / 20, 2), "reads of the notification file that found no news"));
            rows.add(new BenchSuite.Row("simulated: dispatch latency, result written to replacement handed out, median / p99 (ms)"
                    + tail, BenchSuite.num(p.latencyMedianMillis(), 2) + " / " + BenchSuite.num(p.latencyP99Millis(), 2),
                    "≤ 1.5 × 16 workers", "16 workers: " + BenchSuite.num(first.latencyMedianMillis(), 2) + " / "
                    + BenchSuite.num(first.latencyP99Millis(), 2),
                    BenchSuite.num(p.latencyMedianMillis() / first.latencyMedianMillis(), 2), ""));
            rows.add(new BenchSuite.Row("simulated: worker utilization" + tail, BenchSuite.num(p.utilization(), 3), "–",
                    "16 workers: " + BenchSuite.num(first.utilization(), 3), BenchSuite.num(p.utilization() / first.utilization(), 2),
                    "simulated busy time over workers × window"));
            rows.add(new BenchSuite.Row("simulated: driver heap after GC (MB) / threads" + tail,
                    BenchSuite.num(p.heapMb(), 1) + " / " + p.threads(), "≤ 1.5 × 16 workers",
                    "16 workers: " + BenchSuite.num(first.heapMb(), 1) + " / " + first.threads(),
                    BenchSuite.num(p.heapMb() / first.heapMb(), 2), "start-up " + BenchSuite.num(p.startMillis(), 0) + " ms"));
        }
        return rows;
    }

    /** Where the figures of {@code bench scale} and {@code bench scale --simulated} meet for the plot. */
    static final class ScalingData {
        private ScalingData() {}

        /** The simulated figures, as a CSV next to the plot. */
        static Path csv(Path plot) {
            return plot.resolveSibling("scaling-simulated.csv");
        }

        static void writeSimulated(Path plot, List<Point> points) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("workers,cpu_us_per_result,fs_calls_per_result,latency_median_ms,latency_p99_ms,utilization,heap_mb,threads");
            for (Point p : points) {
                lines.add(String.format(Locale.ROOT, "%d,%.2f,%.3f,%.3f,%.3f,%.4f,%.2f,%d", p.workers(), p.cpuMicrosPerResult(),
                        p.callsPerResult(), p.latencyMedianMillis(), p.latencyP99Millis(), p.utilization(), p.heapMb(), p.threads()));
            }
            Path parent = plot.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(csv(plot), lines);
        }

        /** Reads the simulated figures written by {@link #writeSimulated}: {workers, cpu µs/result, fs calls/result} rows. */
        static List<double[]> readSimulated(Path plot) throws IOException {
            List<double[]> rows = new ArrayList<>();
            if (!Files.exists(csv(plot))) return rows;
            List<String> lines = Files.readAllLines(csv(plot));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
            return rows;
        }
    }
}
