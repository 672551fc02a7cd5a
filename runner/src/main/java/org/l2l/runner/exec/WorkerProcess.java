package org.l2l.runner.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RecordFile;

/** The runner's view of one worker: its process, pipe and result files, queued work and restart count. */
final class WorkerProcess {
    enum State { STARTING, READY, DEAD, STOPPED }

    /** One attempt at one individual, sent to this worker. */
    record Task(int generation, int index, int attempt) {}

    final int id;
    State state = State.STOPPED;
    WorkerLauncher.Launched launched;
    /** Counts launches, so that the end of an earlier incarnation is not taken for the current one's. */
    int incarnation;
    /** The exit code once the current incarnation has ended (set by the pool's thread). */
    Integer exitCode;
    Throwable launchFailure;
    PipeFile in;
    PipeFile out;
    /** The worker's result file, opened at its first reply that points into it. */
    RecordFile results;
    final Deque<Task> queue = new ArrayDeque<>();
    /** How many tasks the current dispatch round gave this worker (the last ones of its queue). */
    int sent;
    /** RUN messages of the current dispatch round, written in one append. */
    final List<String> outbox = new ArrayList<>();
    /** Whether the worker is in the pool's list of workers that may have room for more work. */
    boolean listedForWork;
    long launchedNanos;
    /** When the task at the head of the queue started (approximately: when its predecessor finished). */
    long headSinceNanos;
    /**
     * When the pool last read a message of this worker: a free liveness signal (every message is announced
     * in the notification file, which the pool reads anyway).
     */
    long lastHeardNanos;
    int restarts;
    /** Whether any incarnation of this worker reported ready. */
    boolean everReady;
    String host = "?";
    long pid = -1;
    /** The token of this worker process's {@code READY} line, which its notices carry; null before it or if it sent none. */
    String token;

    WorkerProcess(int id) {
        this.id = id;
    }

    boolean exited() {
        return exitCode != null;
    }

    void closeFiles() {
        for (AutoCloseable c : new AutoCloseable[] {in, out, results}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                // the process is gone; nothing useful can be done about a failed close
            }
        }
        if (launched != null) launched.release();
        in = null;
        out = null;
        results = null;
    }
}
