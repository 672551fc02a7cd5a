package org.l2l.runner.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A worker's liveness signal: one small file, {@code workers/worker-N.alive}, whose modification time a
 * daemon thread moves forward every {@code interval}, whatever the worker's main thread is computing.
 * It costs one metadata write ({@code utimensat}) per interval, which a parallel filesystem's metadata
 * server can afford for hundreds of workers at a few seconds' interval. The runner does not compare the
 * time with its own clock (nodes' clocks may differ): it notes when it last saw the time change.
 *
 * <p>A stopped (SIGSTOP), frozen or vanished worker, or one whose node is gone, stops beating; a worker busy
 * in a long simulation does not.
 */
public final class Heartbeat {
    private Heartbeat() {}

    /**
     * Creates {@code file} (holding {@code "pid host slurmStep"}, the last {@code -} outside SLURM) and starts the daemon thread that touches it every
     * {@code interval}. A failed write is reported once on stderr and retried at the next beat: the runner then
     * sees the worker as silent, which is the truth as far as the shared filesystem goes.
     */
    public static void start(Path file, Duration interval, long pid, String host, String slurmStep) throws IOException {
        start(file, interval, pid, host, slurmStep, null);
    }

    /**
     * As {@link #start(Path, Duration, long, String, String)}; with a {@code stopRequest} file (a task of a
     * multi-task step, which the driver cannot signal alone), each beat also checks whether that file exists, and
     * if so halts the JVM with exit code {@value #STOPPED}, as if terminated.
     */
    public static void start(Path file, Duration interval, long pid, String host, String slurmStep, Path stopRequest)
            throws IOException {
        Files.writeString(file, pid + " " + host + " " + slurmStep + "\n", StandardCharsets.UTF_8);
        long millis = Math.max(1, interval.toMillis());
        Thread t = new Thread(() -> {
            boolean reported = false;
            while (true) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopRequest != null) haltIfRequested(stopRequest);
                try {
                    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                    reported = false;
                } catch (IOException e) {
                    if (!reported) System.err.println("heartbeat: cannot touch " + file + ": " + e);
                    reported = true;
                }
            }
        }, "l2l-heartbeat");
        t.setDaemon(true);
        t.start();
    }

    /** The exit code of a worker that halted at the driver's request: 128 + SIGTERM, as if terminated. */
    public static final int STOPPED = 143;

    /** Halts the JVM with {@link #STOPPED} if {@code stopRequest} exists: the driver wants this task gone. */
    public static void haltIfRequested(Path stopRequest) {
        if (!Files.exists(stopRequest)) return;
        System.err.println("worker: the driver asked this task to stop (" + stopRequest.getFileName() + "); halting");
        System.err.flush();
        Runtime.getRuntime().halt(STOPPED);
    }
}
