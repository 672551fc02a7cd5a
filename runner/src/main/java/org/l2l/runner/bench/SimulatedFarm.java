package org.l2l.runner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RecordFile;
import org.l2l.runner.io.RunDirectory;

/**
 * Thousands of simulated workers in one JVM, for measuring the runner at scale. Each simulated worker
 * speaks the real protocol through the real files of the run directory, exactly as
 * {@link org.l2l.runner.worker.WorkerMain} does: it says {@code READY}, reads {@code RUN} lines from its
 * input pipe file and the individual from the individuals file, and for each appends a result record to
 * its result file, an {@code OK} line to its output pipe file and its id to the notification file; on
 * {@code EXIT} it says {@code BYE}. Only {@code simulate} is simulated: it takes a duration drawn from a
 * configurable distribution, during which the worker is busy without using the CPU. An idle worker polls
 * its input pipe file like a real one (20 µs for 5 ms after activity, then a quarter longer each time up to 200 ms, by {@link org.l2l.runner.exec.Backoff#grow}).
 *
 * <p>One thread runs every worker from a queue of timed events. A worker is started when the driver's
 * launcher writes {@code START id} to the farm's standard input (after the pool prepared that worker's
 * files); the farm ends when every started worker said {@code BYE} or its standard input closes.
 *
 * <p>Each result's extra data holds {@code simNanos} (the simulated duration) and {@code doneNanos}
 * ({@code System.nanoTime()} when the result was written, comparable across processes of one machine),
 * from which a benchmark measures the runner's dispatch latency.
 *
 * <p>Usage: {@code SimulatedFarm RUN_DIR DISTRIBUTION MEAN_MILLIS SEED}, DISTRIBUTION one of {@code fixed},
 * {@code uniform} (0.5 to 1.5 times the mean) or {@code exponential}.
 */
public final class SimulatedFarm {
    private static final long MIN_POLL_NANOS = 20_000;
    private static final long MAX_POLL_NANOS = 200_000_000;
    private static final long HOT_NANOS = 5_000_000;

    private final RunDirectory dir;
    private final String distribution;
    private final long meanNanos;
    private final SplittableRandom random;
    private final KryoCodec codec = new KryoCodec();
    private final PriorityQueue<Sim> events = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private final ConcurrentLinkedQueue<Integer> starts = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Sim> sims = new HashMap<>();
    private volatile boolean stdinClosed;
    private PipeFile notify;
    private RecordFile individuals;
    private int stopped;

    /** One simulated worker. */
    private static final class Sim {
        final int id;
        PipeFile in;
        PipeFile out;
        RecordFile results;
        String token;
        final ArrayDeque<String[]> queue = new ArrayDeque<>();
        /** The running task, or null when idle. */
        String[] running;
        long runningSince;
        long runningNanos;
        /** When the next event (end of the running task, or the next poll when idle) is due. */
        long due;
        long pollWait = MIN_POLL_NANOS;
        long lastActivity;
        boolean stopped;

        Sim(int id) {
            this.id = id;
        }
    }

    SimulatedFarm(RunDirectory dir, String distribution, long meanNanos, long seed) {
        this.dir = dir;
        this.distribution = distribution;
        this.meanNanos = meanNanos;
        this.random = new SplittableRandom(seed);
        if (!List.of("fixed", "uniform", "exponential").contains(distribution)) {
            throw new IllegalArgumentException("distribution must be fixed, uniform or exponential, but was " + distribution);
        }
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SimulatedFarm RUN_DIR fixed|uniform|exponential MEAN_MILLIS SEED");
            System.exit(2);
        }
        SimulatedFarm farm = new SimulatedFarm(new RunDirectory(Path.of(args[0])), args[1],
                (long) (Double.parseDouble(args[2]) * 1e6), Long.parseLong(args[3]));
        farm.readStdin();
        farm.run();
    }

    private void readStdin() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("START ")) starts.add(Integer.parseInt(line.substring(6).trim()));
                }
            } catch (IOException e) {
                // a broken stdin means the same as a closed one
            }
            stdinClosed = true;
        }, "farm-stdin");
        t.setDaemon(true);
        t.start();
    }

    private long duration() {
        return switch (distribution) {
            case "fixed" -> meanNanos;
            case "uniform" -> (long) (meanNanos * (0.5 + random.nextDouble()));
            default -> (long) (-meanNanos * Math.log(1 - random.nextDouble()));
        };
    }

    private void run() throws InterruptedException {
        notify = PipeFile.openWriter(dir.notifyFile());
        individuals = RecordFile.openReader(dir.individualsFile());
        System.out.printf("farm: %s durations, mean %.1f ms%n", distribution, meanNanos / 1e6);
        System.out.flush();
        while (!stdinClosed && (sims.isEmpty() || stopped < sims.size())) {
            Integer id;
            while ((id = starts.poll()) != null) start(id);
            long now = System.nanoTime();
            while (!events.isEmpty() && events.peek().due - now <= 0) {
                Sim s = events.poll();
                step(s, now);
                if (!s.stopped) events.add(s);
                now = System.nanoTime();
            }
            long wait = events.isEmpty() ? 10_000_000 : Math.min(10_000_000, events.peek().due - System.nanoTime());
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        System.out.printf("farm: %d workers stopped%n", stopped);
    }

    private void start(int id) {
        Sim s = new Sim(id);
        s.in = PipeFile.openReader(dir.workerIn(id));
        s.out = PipeFile.openWriter(dir.workerOut(id));
        s.results = RecordFile.create(dir.workerResults(id));
        sims.put(id, s);
        s.token = Long.toHexString(ProcessHandle.current().pid() * 100_003L + id);
        send(s, List.of(Messages.ready(ProcessHandle.current().pid(), "farm", s.token)));
        s.lastActivity = System.nanoTime();
        s.due = s.lastActivity + MIN_POLL_NANOS;
        events.add(s);
    }

    private void step(Sim s, long now) {
        if (s.running != null) {
            if (now - (s.runningSince + s.runningNanos) < 0) {
                s.due = s.runningSince + s.runningNanos;
                return;
            }
            finish(s, now);
        }
        List<String> lines = s.in.poll();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("EXIT")) {
                send(s, List.of("BYE"));
                s.stopped = true;
                stopped++;
                s.in.close();
                s.out.close();
                s.results.close();
                return;
            }
            if (f[0].equals("RUN") && f.length == 6) s.queue.add(f);
        }
        if (!s.queue.isEmpty()) {
            s.running = s.queue.poll();
            s.runningSince = now;
            s.runningNanos = duration();
            s.due = now + s.runningNanos;
            s.lastActivity = now;
            s.pollWait = MIN_POLL_NANOS;
            return;
        }
        if (!lines.isEmpty()) {
            s.lastActivity = now;
            s.pollWait = MIN_POLL_NANOS;
        } else if (now - s.lastActivity > HOT_NANOS) {
            s.pollWait = org.l2l.runner.exec.Backoff.grow(s.pollWait, MAX_POLL_NANOS);
        }
        s.due = now + s.pollWait;
    }

    /** Writes the running task's result as a real worker does: record, then OK line, then notification. */
    private void finish(Sim s, long now) {
        String[] f = s.running;
        int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
        byte[] record = individuals.read(Long.parseLong(f[4]), Integer.parseInt(f[5]));
        Individual ind = codec.decodeRecord(record, 0, record.length, Individual.class, individuals.path());
        if (ind.generation() != g || ind.index() != i) {
            throw new IllegalStateException("worker " + s.id + ": RUN " + g + " " + i + " points to " + ind.label());
        }
        Map<String, Object> extra = new HashMap<>();
        extra.put("simNanos", s.runningNanos);
        extra.put("doneNanos", System.nanoTime());
        SimulationResult r = new SimulationResult(new double[] {0}, extra);
        byte[] frame = RecordFile.frame(codec.encodeRecord(new KryoCodec.ResultRecord(g, i, a, r)));
        long offset = s.results.append(List.of(frame));
        send(s, List.of(Messages.ok(g, i, a, s.runningNanos, offset, frame.length)));
        s.running = null;
        s.lastActivity = now;
    }

    private void send(Sim s, List<String> lines) {
        long at = s.out.offset();
        s.out.appendAll(lines);
        notify.appendAll(Messages.notices(s.id, s.token, at, lines));
    }

    /** The farm's command for {@link SimulatedFarmLauncher}. */
    static List<String> command(RunDirectory dir, String distribution, double meanMillis, long seed, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SimulatedFarm.class.getName());
        cmd.add(dir.root().toString());
        cmd.add(distribution);
        cmd.add(Double.toString(meanMillis));
        cmd.add(Long.toString(seed));
        return cmd;
    }
}
