package org.l2l.runner.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.exec.CommandLine;
import org.l2l.runner.io.PipeFile;

/** The runner's view of one worker: its process, pipe files, queued work and restart count. */
final class WorkerProcess {
    enum State { STARTING, READY, DEAD, STOPPED }

    /** One attempt at one individual, sent to this worker. */
    record Task(int generation, int index, int attempt) {}

    final int id;
    State state = State.STOPPED;
    CommandLine command;
    CompletableFuture<Process> process = new CompletableFuture<>();
    /** Set by commons-exec's result handler thread when the process ends. */
    volatile Integer exitCode;
    volatile Throwable launchFailure;
    OutputStream stdin;
    OutputStream log;
    PipeFile in;
    PipeFile out;
    final Deque<Task> queue = new ArrayDeque<>();
    /** RUN messages of the current dispatch round, written in one append. */
    final java.util.List<String> outbox = new java.util.ArrayList<>();
    long launchedNanos;
    /** When the task at the head of the queue started (approximately: when its predecessor finished). */
    long headSinceNanos;
    int restarts;
    /** Whether any incarnation of this worker reported ready. */
    boolean everReady;
    String host = "?";
    long pid = -1;

    WorkerProcess(int id) {
        this.id = id;
    }

    boolean exited() {
        return exitCode != null;
    }

    void closeFiles() {
        for (AutoCloseable c : new AutoCloseable[] {in, out, stdin, log}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (IOException e) {
                // the process is gone; nothing useful can be done about a failed close
            } catch (Exception e) {
                // same for the pipe files' unchecked exceptions
            }
        }
        in = null;
        out = null;
        stdin = null;
        log = null;
    }
}
