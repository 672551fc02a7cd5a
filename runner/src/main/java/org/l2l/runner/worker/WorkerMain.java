package org.l2l.runner.worker;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.zip.CRC32;
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
 * {@code RUN gen index attempt} it evaluates the individual, writes the result file atomically and
 * reports {@code OK} (with the file's length and CRC-32) or {@code FAIL} (with the stack trace) on its
 * output pipe file; on {@code EXIT} it says {@code BYE} and ends.
 *
 * <p>Its stdout and stderr are the worker log. With {@code --exit-with-driver}, it also ends when its
 * standard input closes, which happens when the driver dies, even by SIGKILL: no worker outlives its
 * driver.
 *
 * <p>Usage: {@code WorkerMain RUN_DIR WORKER_ID [--exit-with-driver]}
 */
public final class WorkerMain {
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
        KryoCodec codec = new KryoCodec();
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id))) {
            out.append("READY " + pid + " " + host.replace(' ', '_'));
            Backoff backoff = new Backoff(20_000, 100_000_000);
            KryoCodec.IndividualBatch batch = null;
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
                        out.append("BYE");
                        System.out.printf("worker %d: told to exit%n", id);
                        System.out.flush();
                        return;
                    }
                    if (!f[0].equals("RUN") || f.length != 4) {
                        System.err.printf("worker %d: ignoring malformed message '%s'%n", id, line);
                        continue;
                    }
                    int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                    String label = "g" + g + "/i" + i;
                    try {
                        if (batch == null || batch.generation() != g) {
                            batch = codec.read(dir.individualsFile(g), KryoCodec.IndividualBatch.class);
                        }
                        Individual ind = batch.individuals().get(i);
                        if (debug) System.out.printf("worker %d: %s attempt %d %s%n", id, label, a, ind.params());
                        SimulationResult r = optimizee.simulate(ind,
                                new SimulationContext(g, i, a, SimulationContext.randomFor(loaded.seed(), g, i), id));
                        if (r == null) throw new IllegalStateException("simulate returned null for " + ind.label());
                        byte[] bytes = codec.write(dir.resultFile(g, i, a), new KryoCodec.ResultRecord(g, i, a, r));
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        out.append("OK " + g + " " + i + " " + a + " " + bytes.length + " " + crc.getValue());
                    } catch (Exception | StackOverflowError | AssertionError e) {
                        StringWriter sw = new StringWriter();
                        e.printStackTrace(new PrintWriter(sw));
                        System.err.printf("worker %d: %s attempt %d failed:%n%s", id, label, a, sw);
                        System.err.flush();
                        out.append("FAIL " + g + " " + i + " " + a + " " + Messages.escape(sw.toString()));
                    }
                }
            }
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
