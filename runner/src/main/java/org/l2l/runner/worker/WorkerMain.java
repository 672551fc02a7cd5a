package org.l2l.runner.worker;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunLock;

/**
 * A persistent worker process. It recreates the optimizee, then follows its input pipe file: for each
 * {@code RUN gen index attempt individual} it evaluates the individual carried by the message and reports {@code OK} (carrying the result,
 * its length and CRC-32, and the time it took) or {@code FAIL} (with the stack trace) on its output pipe
 * file, which is its append-only result stream; on {@code EXIT} it says {@code BYE} and ends. The replies of cheap
 * individuals are written in batches, one write for many (within 1 ms).
 *
 * <p>An idle worker polls its input pipe file every 20 µs for 5 ms after its last message, then less and
 * less often, doubling the wait up to 200 ms: after 1 s idle it makes 5 filesystem calls a second (one
 * {@code fstat} each).
 *
 * <p>Its stdout and stderr are the worker log. With {@code --exit-with-driver}, it also ends when its
 * standard input closes, which happens when the driver dies, even by SIGKILL: no worker outlives its
 * driver.
 *
 * <p>Usage: {@code WorkerMain RUN_DIR WORKER_ID [--exit-with-driver]}
 */
public final class WorkerMain {
    /** Polling of the input pipe file: 20 µs for 5 ms after activity, then doubling up to this ceiling. */
    private static final long MAX_POLL_NANOS = 200_000_000;
    private static final long MIN_POLL_NANOS = 20_000;
    /** How long cheap individuals' replies may wait to be written together. */
    private static final long BATCH_NANOS = 1_000_000;

    private WorkerMain() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WorkerMain RUN_DIR WORKER_ID [--exit-with-driver]");
            System.exit(2);
        }
        RunDirectory dir = new RunDirectory(Path.of(args[0]));
        int id = Integer.parseInt(args[1]);
        if (args.length > 2 && args[2].equals("--exit-with-driver")) exitWhenStdinCloses(id);
        boolean debug = Boolean.getBoolean("l2l.debug");
        long pid = ProcessHandle.current().pid();
        String host = RunLock.hostName();
        System.out.printf("worker %d: pid %d on host %s, java %s%n", id, pid, host, System.getProperty("java.version"));
        System.out.flush();

        OptimizeeCodec.Loaded loaded = OptimizeeCodec.read(dir.optimizeeJson());
        Optimizee optimizee = loaded.optimizee();
        optimizee.prepare(dir.root(), id);  // before READY: a failure here is a worker that never started
        KryoCodec codec = new KryoCodec();
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id))) {
            out.append("READY " + pid + " " + host.replace(' ', '_'));
            Backoff backoff = new Backoff(MIN_POLL_NANOS, MAX_POLL_NANOS);
            Replies replies = new Replies(out);
            while (true) {
                var lines = in.poll();
                if (lines.isEmpty()) {
                    backoff.idle();
                    continue;
                }
                backoff.reset();
                for (String line : lines) {
                    String[] f = line.split(" ");
                    if (f[0].equals("EXIT")) {
                        replies.flush();
                        out.append("BYE");
                        System.out.printf("worker %d: told to exit%n", id);
                        System.out.flush();
                        return;
                    }
                    if (!f[0].equals("RUN") || f.length != 5) {
                        System.err.printf("worker %d: ignoring malformed message '%s'%n", id, line);
                        continue;
                    }
                    int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                    String label = "g" + g + "/i" + i;
                    long t0 = System.nanoTime();
                    try {
                        Individual ind = codec.decode(Base64.getDecoder().decode(f[4]), Individual.class, in.path());
                        if (ind.generation() != g || ind.index() != i) {
                            throw new IllegalStateException("the message for " + label + " carries individual g"
                                    + ind.generation() + "/i" + ind.index());
                        }
                        if (debug) System.out.printf("worker %d: %s attempt %d %s%n", id, label, a, ind.params());
                        SimulationResult r = optimizee.simulate(ind,
                                new SimulationContext(g, i, a, SimulationContext.randomFor(loaded.seed(), g, i), id));
                        if (r == null) throw new IllegalStateException("simulate returned null for " + ind.label());
                        byte[] encoded = codec.encode(new KryoCodec.ResultRecord(g, i, a, r));
                        replies.add(Messages.ok(g, i, a, System.nanoTime() - t0, encoded), t0);
                    } catch (Exception | StackOverflowError | AssertionError e) {
                        StringWriter sw = new StringWriter();
                        e.printStackTrace(new PrintWriter(sw));
                        System.err.printf("worker %d: %s attempt %d failed:%n%s", id, label, a, sw);
                        System.err.flush();
                        replies.add("FAIL " + g + " " + i + " " + a + " " + Messages.escape(sw.toString()), t0);
                    }
                }
                replies.flush();
            }
        }
    }

    /**
     * Replies waiting to be written. Cheap individuals' replies are written together, one write for many,
     * as long as the oldest has waited less than {@value #BATCH_NANOS} ns, counting the time the next
     * individual is expected to take (as long as the last one); an individual of that length or more has
     * its reply written at once, so the runner never waits for a reply that is done.
     */
    private static final class Replies {
        private final PipeFile out;
        private final List<String> pending = new ArrayList<>();
        private long oldestNanos;

        Replies(PipeFile out) {
            this.out = out;
        }

        void add(String reply, long startedNanos) {
            long now = System.nanoTime();
            if (pending.isEmpty()) oldestNanos = now;
            pending.add(reply);
            long lastTook = now - startedNanos;
            if (now - oldestNanos + lastTook >= BATCH_NANOS) flush();
        }

        void flush() {
            out.appendAll(pending);
            pending.clear();
        }
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
