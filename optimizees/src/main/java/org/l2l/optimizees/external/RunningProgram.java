package org.l2l.optimizees.external;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One started external program, supervised in commons-exec's order: launch (an argument list, through
 * {@code setsid}), register with the {@link ChildReaper}, pump its standard error into the log (keeping
 * the last lines for error messages), then wait, classify the exit, end its whole process tree and
 * deregister. Standard input and output are the caller's: the individual and the result (command mode)
 * or the line protocol (process mode).
 */
final class RunningProgram implements AutoCloseable {
    /** How many of the last lines of standard error (and output) an error message quotes. */
    static final int TAIL_LINES = 20;

    private final Process process;
    private final ChildReaper reaper;
    private final BufferedWriter stdin;
    private final BufferedReader stdout;
    private final Thread stderrPump;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<String> command;
    private volatile Consumer<String> log;
    private boolean ended;

    private RunningProgram(List<String> command, Process process, ChildReaper reaper, Consumer<String> log) {
        this.command = command;
        this.process = process;
        this.reaper = reaper;
        this.log = log;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.stderrPump = new Thread(this::pumpStderr, "l2l-external-stderr-" + process.pid());
        stderrPump.setDaemon(true);
        stderrPump.start();
    }

    /**
     * Starts {@code command} in {@code directory} with the worker's environment plus {@code environment}.
     *
     * @param log where each line of standard error goes (as {@code "err: LINE"}); replaceable later
     * @throws ExternalProgramException if it cannot be started
     */
    static RunningProgram start(List<String> command, Map<String, String> environment, Path directory,
            Consumer<String> log) {
        List<String> argv = new ArrayList<>();
        String setsid = ChildReaper.setsid();
        if (setsid != null) argv.add(setsid);
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile());
        pb.environment().putAll(environment);
        try {
            ChildReaper reaper = ChildReaper.get();
            Process p = pb.start();
            reaper.started(p.pid());
            return new RunningProgram(command, p, reaper, log);
        } catch (IOException e) {
            throw new ExternalProgramException("cannot start " + command + ": " + e.getMessage(), -1, List.of(), null, e);
        }
    }

    /** The program's process id. */
    long pid() {
        return process.pid();
    }

    /** The command it runs. */
    List<String> command() {
        return command;
    }

    /** Where standard error lines go from now on. */
    void log(Consumer<String> log) {
        this.log = log;
    }

    /** Writes one line to the program's log. */
    void logLine(String line) {
        log.accept(line);
    }

    /** The program's standard input. */
    BufferedWriter stdin() {
        return stdin;
    }

    /** The program's standard output. */
    BufferedReader stdout() {
        return stdout;
    }

    /** Whether the program still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the program to end by itself, then ends what is left of its tree; returns its exit code
     * (128 + n for signal n, as Java reports it) or -1 if it did not end within {@code millis}, in which
     * case it is killed.
     */
    int waitFor(long millis) throws InterruptedException {
        boolean done;
        try {
            done = process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            destroyTree();
            throw e;
        }
        if (!done) {
            destroyTree();
            return -1;
        }
        stderrPump.join(1000);  // the last lines, unless a grandchild still holds standard error open
        endGroup();
        return process.exitValue();
    }

    /** Kills the program and all its descendants at once (SIGKILL), and waits up to 5 s for them to go. */
    void destroyTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            stderrPump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endGroup();
    }

    private synchronized void endGroup() {
        if (!ended) {
            ended = true;
            reaper.ended(process.pid());
        }
    }

    /** The last lines of standard error, oldest first. */
    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    /** Describes an exit code as a person reads it. */
    static String describeExit(int code) {
        if (code > 128 && code < 128 + 65) {
            int sig = code - 128;
            String name = switch (sig) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + sig;
            };
            return "was killed by " + name + " (exit code " + code + ")";
        }
        return "exited with code " + code;
    }

    /** Closes standard input and kills the tree if the program does not end within a second. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (waitFor(1000) < 0) destroyTree();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree();
        }
    }

    private void pumpStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == TAIL_LINES) stderrTail.removeFirst();
                    stderrTail.addLast(line);
                }
                log.accept("err: " + line);
            }
        } catch (IOException e) {
            // the stream closed under us: the program was killed
        }
    }
}
