package org.l2l.runner.worker;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.runner.OptimizeeCodec;
import org.l2l.runner.exec.Backoff;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RecordFile;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunLock;

/**
 * A persistent worker process. It recreates the optimizee, then follows its input pipe file: for each
 * {@code RUN gen index attempt offset length} it reads the individual from the run's individuals file,
 * evaluates it, appends the result (or the stack trace of the failure) as one framed record to its own
 * result file, and reports {@code OK} or {@code FAIL} with where that record is, and the time it took, on
 * its output pipe file (see {@link Messages}); on {@code EXIT} it says {@code BYE} and ends. After each write
 * to the output pipe file it appends the same lines, as notices, to the shared notification file. The replies of cheap
 * individuals are written in batches, three writes for many (within 1 ms).
 *
 * <p>An idle worker polls its input pipe file every 20 µs for 5 ms after its last message, then less and
 * less often, each wait a quarter longer than the last, up to 200 ms ({@link Backoff}): a message waits at
 * most about a quarter of the time the worker was idle, and after about a second idle the worker makes 5
 * filesystem calls a second (one positional read each).
 *
 * <p>Its stdout and stderr are the worker log. With {@code --exit-with-driver}, it also ends when its
 * standard input closes, which happens when the driver dies, even by SIGKILL: no worker outlives its
 * driver.
 *
 * <p>With {@code -Dl2l.heartbeat=MILLIS} it touches {@code workers/worker-N.alive} at that interval from a daemon
 * thread ({@link Heartbeat}), so the runner can tell a worker busy in a long simulation from a stopped one.
 *
 * <p>It reports its node as SLURM names it ({@code SLURMD_NODENAME}), else the kernel's host name (the UTS
 * name, which is the node's even where name resolution would say {@code localhost}).
 *
 * <p>Usage: {@code WorkerMain RUN_DIR WORKER_ID|SLURM_PROCID [--exit-with-driver]}
 */
public final class WorkerMain {
    /** Polling of the input pipe file: 20 µs for 5 ms after activity, then growing ({@link Backoff}) up to this ceiling. */
    private static final long MAX_POLL_NANOS = 200_000_000;
    private static final long MIN_POLL_NANOS = 20_000;
    /** How long cheap individuals' replies may wait to be written together. */
    private static final long BATCH_NANOS = 1_000_000;

    /**
     * The worker id argument of a task of a multi-task step: the id is the task's rank, {@code SLURM_PROCID}. Such
     * a worker also halts when the driver creates its stop request file ({@link RunDirectory#workerStopRequest}),
     * checked at each heartbeat.
     */
    public static final String TASK_ID = "SLURM_PROCID";

    /** The system property giving the heartbeat interval in milliseconds; absent or 0: no heartbeat. */
    public static final String HEARTBEAT_PROPERTY = "l2l.heartbeat";

    private WorkerMain() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WorkerMain RUN_DIR WORKER_ID|SLURM_PROCID [--exit-with-driver]");
            System.exit(2);
        }
        RunDirectory dir = new RunDirectory(Path.of(args[0]));
        boolean task = args[1].equals(TASK_ID);
        int id = task ? taskId() : Integer.parseInt(args[1]);
        if (args.length > 2 && args[2].equals("--exit-with-driver")) exitWhenStdinCloses(id);
        long heartbeatMillis = Long.getLong(HEARTBEAT_PROPERTY, 0);
        boolean debug = Boolean.getBoolean("l2l.debug");
        long pid = ProcessHandle.current().pid();
        String host = nodeName();
        System.out.printf("worker %d: pid %d on host %s, java %s%n", id, pid, host, System.getProperty("java.version"));
        System.out.flush();
        if (heartbeatMillis > 0) {
            String job = System.getenv("SLURM_JOB_ID"), step = System.getenv("SLURM_STEP_ID");
            // a task of the pool's shared step names no step: the driver must never cancel it for one worker
            Heartbeat.start(dir.workerHeartbeat(id), java.time.Duration.ofMillis(heartbeatMillis), pid, host.replace(' ', '_'),
                    job == null || task ? "-" : step == null ? job : job + "." + step,
                    task ? dir.workerStopRequest(id) : null);
        }
        if (task) Heartbeat.haltIfRequested(dir.workerStopRequest(id)); // replaced before it got this far

        OptimizeeCodec.Loaded loaded = OptimizeeCodec.read(dir.optimizeeJson());
        Optimizee optimizee = loaded.optimizee();
        optimizee.prepare(dir.root(), id);  // before READY: a failure here is a worker that never started
        KryoCodec codec = new KryoCodec();
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id));
             PipeFile notify = PipeFile.openWriter(dir.notifyFile());
             RecordFile individuals = RecordFile.openReader(dir.individualsFile());
             RecordFile results = RecordFile.create(dir.workerResults(id))) {
            String token = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() ^ System.nanoTime() ^ (pid << 40));
            Replies replies = new Replies(id, token, out, results, notify);
            replies.send(Messages.ready(pid, host.replace(' ', '_'), token));
            Backoff backoff = new Backoff(MIN_POLL_NANOS, MAX_POLL_NANOS);
            while (true) {
                var lines = in.poll();
                if (lines.isEmpty()) {
                    backoff.idle();
                    continue;
                }
                backoff.reset();
                RecordFile.Span batch = batchOf(lines, individuals);
                for (String line : lines) {
                    String[] f = line.split(" ");
                    if (f[0].equals("EXIT")) {
                        replies.flush();
                        replies.send("BYE");
                        System.out.printf("worker %d: told to exit%n", id);
                        System.out.flush();
                        return;
                    }
                    if (!f[0].equals("RUN") || f.length != 6) {
                        System.err.printf("worker %d: ignoring malformed message '%s'%n", id, line);
                        continue;
                    }
                    int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                    String label = "g" + g + "/i" + i;
                    long t0 = System.nanoTime();
                    try {
                        long offset = Long.parseLong(f[4]);
                        int length = Integer.parseInt(f[5]);
                        byte[] record = batch != null && batch.covers(offset, length) ? batch.record(offset, length)
                                : individuals.read(offset, length);
                        Individual ind = codec.decodeRecord(record, 0, record.length, Individual.class, individuals.path());
                        if (ind.generation() != g || ind.index() != i) {
                            throw new IllegalStateException("the message for " + label + " points to individual g"
                                    + ind.generation() + "/i" + ind.index());
                        }
                        if (debug) System.out.printf("worker %d: %s attempt %d %s%n", id, label, a, ind.params());
                        SimulationResult r = optimizee.simulate(ind,
                                new SimulationContext(g, i, a, SimulationContext.randomFor(loaded.seed(), g, i), id));
                        if (r == null) throw new IllegalStateException("simulate returned null for " + ind.label());
                        byte[] frame = RecordFile.frame(codec.encodeRecord(new KryoCodec.ResultRecord(g, i, a, r)));
                        replies.add(true, g, i, a, frame, t0);
                    } catch (Exception | StackOverflowError | AssertionError e) {
                        StringWriter sw = new StringWriter();
                        e.printStackTrace(new PrintWriter(sw));
                        System.err.printf("worker %d: %s attempt %d failed:%n%s", id, label, a, sw);
                        System.err.flush();
                        byte[] frame = RecordFile.frame(codec.encodeRecord(new KryoCodec.FailureRecord(g, i, a, sw.toString())));
                        replies.add(false, g, i, a, frame, t0);
                    }
                }
                replies.flush();
            }
        }
    }

    /**
     * Replies waiting to be written. Cheap individuals' replies are written together, three writes for
     * many (result file, output pipe file, and the same lines as notices to the notification file), as
     * long as the oldest has waited less than {@value #BATCH_NANOS} ns, counting the time the next individual is expected to take (as long as the
     * last one); an individual of that length or more has its reply written at once, so the runner never
     * waits for a reply that is done.
     */
    private static final class Replies {
        private final int id;
        private final String token;
        private final PipeFile out;
        private final RecordFile results;
        private final PipeFile notify;
        private final List<byte[]> frames = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private long oldestNanos;

        Replies(int id, String token, PipeFile out, RecordFile results, PipeFile notify) {
            this.id = id;
            this.token = token;
            this.out = out;
            this.results = results;
            this.notify = notify;
        }

        void add(boolean ok, int g, int i, int a, byte[] frame, long startedNanos) {
            long now = System.nanoTime();
            if (frames.isEmpty()) oldestNanos = now;
            long offset = results.end();
            for (byte[] f : frames) offset += f.length;
            frames.add(frame);
            long took = now - startedNanos;
            lines.add(ok ? Messages.ok(g, i, a, took, offset, frame.length) : Messages.fail(g, i, a, took, offset, frame.length));
            if (now - oldestNanos + took >= BATCH_NANOS) flush();
        }

        /** Writes a control line at once (with any pending replies before it). */
        void send(String line) {
            lines.add(line);
            flush();
        }

        void flush() {
            if (lines.isEmpty()) return;
            if (!frames.isEmpty()) results.append(frames); // the records first: a line never points past the file's end
            long at = out.offset();
            out.appendAll(lines); // the record; then its copy, which saves the runner reading it
            notify.appendAll(Messages.notices(id, token, at, lines));
            frames.clear();
            lines.clear();
        }
    }
    /**
     * The individuals a batch of RUN lines points to, read with one read (the runner appends a worker's
     * individuals of one dispatch round together), or null to read them one by one.
     */
    private static RecordFile.Span batchOf(List<String> lines, RecordFile individuals) {
        long[] range = Messages.span(lines, 64 * 1024);
        if (range == null) return null;
        try {
            return individuals.readSpan(range[0], range[1]);
        } catch (RuntimeException e) {
            return null; // each individual is then read, and judged, on its own
        }
    }

    /**
     * The name of the node this worker runs on: {@code SLURMD_NODENAME} under SLURM, else the kernel's host
     * name ({@code /proc/sys/kernel/hostname}), else what name resolution says.
     */
    static String nodeName() {
        String slurm = System.getenv("SLURMD_NODENAME");
        if (slurm != null && !slurm.isBlank()) return slurm.trim();
        try {
            String uts = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!uts.isEmpty()) return uts;
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to name resolution
        }
        return RunLock.hostName();
    }

    /** The task rank of a multi-task step's task, from {@code SLURM_PROCID}. */
    private static int taskId() {
        String procid = System.getenv("SLURM_PROCID");
        if (procid == null || !procid.trim().matches("\\d+")) {
            System.err.println("WorkerMain: the worker id is " + TASK_ID + ", but SLURM_PROCID is "
                    + (procid == null ? "not set (not a task of an srun step)" : "'" + procid + "'"));
            System.exit(2);
        }
        return Integer.parseInt(procid.trim());
    }

    private static void exitWhenStdinCloses(int id) {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the driver never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken stdin means the same as a closed one
            }
            System.err.printf("worker %d: driver gone (stdin closed), exiting%n", id);
            Runtime.getRuntime().halt(3);
        }, "driver-watch");
        t.setDaemon(true);
        t.start();
    }
}
