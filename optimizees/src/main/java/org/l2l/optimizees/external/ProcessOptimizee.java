package org.l2l.optimizees.external;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.l2l.core.Individual;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An external program kept running, one per worker, fed individual after individual over a line
 * protocol ({@code "type": "process"}); loading a simulator once per worker instead of once per
 * individual.
 *
 * <p>The protocol, JSON lines on the program's standard input and output (version {@value #PROTOCOL_VERSION}):
 * <ol>
 *   <li>The program starts and writes a handshake: {@code {"protocol": "l2l", "version": 1}}.
 *   <li>For each individual the worker writes one request line (the JSON in {@link ExternalOptimizee})
 *       and the program answers one line: the result, or {@code {"error": "why"}} if this individual
 *       failed (a failed attempt; the program stays).
 *   <li>At the end the worker closes the program's standard input; the program exits.
 * </ol>
 * Lines on standard output that do not start with <code>{</code> are not protocol: they go to the worker
 * log, as does standard error. The program's working directory is {@code RUN/work/worker-N} (removed when it
 * ends unless {@link ProgramSettings#keepWorkDirs()}); its environment adds {@code L2L_MODE=process},
 * {@code L2L_RUN_DIR}, {@code L2L_WORK_DIR}, {@code L2L_WORKER_ID} and the shipped Python module on
 * {@code PYTHONPATH}.
 *
 * <p>In a worker JVM the program starts in {@link #prepare}, before the worker reports ready: its start is paid
 * once per worker, and a program that cannot start (or dies before its handshake) is a worker that never
 * started, which ends the run with its log's last lines. If the program dies during an individual, or answers
 * something that is not a result, that attempt fails with the exit code and the last lines of standard error,
 * and the next individual gets a fresh program; when every attempt fails that way the run ends through
 * {@code maxRetries} and {@code stopRun}. An {@code individualTimeout} kills the worker with the program's whole
 * process group ({@link ChildReaper}), and the restarted worker starts a fresh one. In-process runs keep one
 * program per evaluating thread.
 */
public final class ProcessOptimizee extends ExternalOptimizee {
    /** The protocol version this side speaks. */
    public static final int PROTOCOL_VERSION = 1;

    private static final AtomicInteger IN_PROCESS_IDS = new AtomicInteger();

    private final Deque<RunningProgram> idle = new ArrayDeque<>();
    private final List<RunningProgram> all = new ArrayList<>();
    private Thread closer;
    private final AtomicInteger starts = new AtomicInteger();

    /** The optimizee running {@code settings}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProcessOptimizee(ProgramSettings settings) {
        super(settings);
    }

    /** Also starts the program, in a worker JVM. */
    @Override
    public void prepare(Path runDirectory, int workerId) throws Exception {
        super.prepare(runDirectory, workerId);
        if (workerId >= 0) release(startProgram());
    }

    /** How many times a program was started (for tests and the benchmark). */
    public int starts() {
        return starts.get();
    }

    @Override
    public SimulationResult simulate(Individual ind, SimulationContext ctx) throws Exception {
        long seed = seedFor(ctx);
        RunningProgram p = acquire();
        String label = ind.label() + " a" + ctx.attempt();
        p.log(logFor(label));
        boolean healthy = false;
        try {
            String reply;
            try {
                p.stdin().write(request(ind, ctx, seed));
                p.stdin().write('\n');
                p.stdin().flush();
                reply = readProtocolLine(p);
            } catch (IOException e) {
                reply = null;  // a broken pipe: the program died
            }
            if (reply == null) throw died(p, "died during " + ind.label() + "; the next individual gets a fresh process");
            JsonNode n;
            try {
                n = JSON.readTree(reply);
            } catch (JsonProcessingException e) {
                throw new ExternalProgramException(name(p) + " answered " + ind.label() + " with a line that is not JSON ("
                        + e.getOriginalMessage() + "); restarting it", -1, p.stderrTail(), reply, e);
            }
            if (n.isObject() && n.has("error")) {
                healthy = true;
                throw new ExternalProgramException(name(p) + " reported an error on " + ind.label() + ": "
                        + n.get("error").asText().strip(), -1, List.of(), null, null);
            }
            if (n.isObject() && ((n.has("generation") && n.get("generation").asInt() != ind.generation())
                    || (n.has("index") && n.get("index").asInt() != ind.index()))) {
                throw new ExternalProgramException(name(p) + " answered " + ind.label() + " with the result of another individual; "
                        + "restarting it", -1, p.stderrTail(), reply, null);
            }
            SimulationResult r;
            try {
                r = result(n);
            } catch (IllegalArgumentException e) {
                throw new ExternalProgramException(name(p) + " answered " + ind.label() + " with something that is not a result: "
                        + e.getMessage() + "; restarting it", -1, p.stderrTail(), reply, e);
            }
            healthy = true;
            return r;
        } finally {
            if (healthy) {
                release(p);
            } else {
                discard(p);
            }
        }
    }

    /** Ends every program this optimizee started: closes their input, and kills those that do not exit within 1 s. */
    public void close() {
        List<RunningProgram> ps;
        synchronized (this) {
            ps = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        for (RunningProgram p : ps) p.close();
        if (!settings.keepWorkDirs() && runDirectory != null) {
            for (RunningProgram p : ps) removeWorkDir(p);
        }
    }

    private RunningProgram acquire() {
        RunningProgram p;
        synchronized (this) {
            p = idle.pollFirst();
        }
        if (p != null && p.isAlive()) return p;
        if (p != null) {
            // it died between individuals (killed from outside, or it exits on its own): no individual is affected
            int code;
            try {
                code = p.waitFor(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = -1;
            }
            p.logLine(name(p) + " " + RunningProgram.describeExit(code) + " while idle; starting a fresh one");
            discard(p);
        }
        return startProgram();
    }

    private synchronized void release(RunningProgram p) {
        idle.addFirst(p);
    }

    private void discard(RunningProgram p) {
        p.destroyTree();
        forget(p);
        if (!settings.keepWorkDirs()) removeWorkDir(p);
    }

    private synchronized void forget(RunningProgram p) {
        all.remove(p);
        idle.remove(p);
    }

    private final Map<RunningProgram, Path> workDirs = new java.util.concurrent.ConcurrentHashMap<>();

    private void removeWorkDir(RunningProgram p) {
        Path d = workDirs.remove(p);
        if (d == null) return;
        try {
            CommandOptimizee.deleteTree(d);
        } catch (IOException e) {
            // a debugging aid at most; the run does not depend on it
        }
    }

    /** Starts a program and reads its handshake. */
    private RunningProgram startProgram() {
        String name = workerId >= 0 ? "worker-" + workerId : "inprocess-" + IN_PROCESS_IDS.incrementAndGet();
        Path work = runDirectory().resolve("work").resolve(name);
        try {
            CommandOptimizee.deleteTree(work);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new ExternalProgramException("cannot create the work directory " + work + ": " + e.getMessage(), -1, List.of(), null, e);
        }
        List<String> command = command(Map.of("runDir", runDirectory().toString(), "workDir", work.toString()));
        RunningProgram p = RunningProgram.start(command, environment("process", work), work, logFor(name + " start"));
        starts.incrementAndGet();
        workDirs.put(p, work);
        synchronized (this) {
            all.add(p);
            if (closer == null) {
                closer = new Thread(this::close, "l2l-external-close");
                Runtime.getRuntime().addShutdownHook(closer);
            }
        }
        boolean ok = false;
        try {
            String hello;
            try {
                hello = readProtocolLine(p);
            } catch (IOException e) {
                hello = null;
            }
            if (hello == null) throw died(p, "ended before its handshake");
            JsonNode n;
            try {
                n = JSON.readTree(hello);
            } catch (JsonProcessingException e) {
                n = null;
            }
            if (n == null || !n.isObject() || !"l2l".equals(n.path("protocol").asText()) || !n.path("version").canConvertToInt()) {
                throw new ExternalProgramException(name(p) + " did not start with the handshake {\"protocol\": \"l2l\", \"version\": "
                        + PROTOCOL_VERSION + "}", -1, p.stderrTail(), hello, null);
            }
            if (n.get("version").asInt() != PROTOCOL_VERSION) {
                throw new ExternalProgramException(name(p) + " speaks protocol version " + n.get("version").asInt()
                        + ", but this runner speaks version " + PROTOCOL_VERSION, -1, p.stderrTail(), hello, null);
            }
            ok = true;
            return p;
        } finally {
            if (!ok) discard(p);
        }
    }

    /** The next protocol line; other lines are the program's own output and go to the log. Null at end of output. */
    private static String readProtocolLine(RunningProgram p) throws IOException {
        String line;
        while ((line = p.stdout().readLine()) != null) {
            if (line.startsWith("{")) return line;
            if (!line.isBlank()) p.logLine("out: " + line);
        }
        return null;
    }

    private static ExternalProgramException died(RunningProgram p, String when) {
        int code;
        try {
            code = p.waitFor(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        String how = code < 0 ? "closed its output (and did not exit)" : RunningProgram.describeExit(code);
        return new ExternalProgramException(name(p) + " " + how + "; it " + when, code, p.stderrTail(), null, null);
    }

    private static String name(RunningProgram p) {
        List<String> c = p.command();
        return "the process " + String.join(" ", c.subList(0, Math.min(2, c.size()))) + " (pid " + p.pid() + ")";
    }
}
