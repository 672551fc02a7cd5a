package org.l2l.runner.exec;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.PumpStreamHandler;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.runner.Evaluator;
import org.l2l.runner.GenerationCollector;
import org.l2l.runner.RunFailedException;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;
import org.l2l.runner.io.RunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of persistent worker JVMs that evaluates generations.
 *
 * <p>Each worker is launched with commons-exec (behind the {@code srun} prefix, if any) on the driver's
 * classpath, and talks to the pool through two pipe files. The pool hands out {@code RUN} messages,
 * queueing a few per worker when individuals are short so a worker never waits for the next one, and
 * reads the replies. It restarts a worker that dies and gives its individuals out again, retries individuals
 * whose {@code simulate} threw, and kills a worker whose individual exceeds {@code individualTimeout}.
 *
 * <p>Polling: after activity the pool polls every worker's output pipe file at a short interval for 5
 * ms (20 µs, or a quarter of the mean individual's time if longer, at most 5 ms), then doubles the wait up to
 * 100 ms while nothing happens; each poll costs one {@code fstat} per worker. A worker's death wakes the
 * loop at once. Queued work (see {@link #queueDepth}) hides this latency from the workers.
 */
public final class WorkerPool implements Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long MAX_POLL_NANOS = 100_000_000;
    private static final long MIN_POLL_NANOS = 20_000;

    private final RunDirectory dir;
    private final RunnerOptions options;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final ProcessTreeDestroyer destroyer = new ProcessTreeDestroyer();
    private final KryoCodec codec = new KryoCodec();
    private final LogArchiver logArchiver = new LogArchiver();
    private final Thread owner = Thread.currentThread();
    private final RunLog runLog;
    private int totalRestarts;
    private final List<Long> deathNoticed = new ArrayList<>();
    private final List<Long> restartNanos = new ArrayList<>();
    private org.l2l.runner.progress.ProgressListener progress = org.l2l.runner.progress.ProgressListener.NONE;
    /** {@code System.nanoTime()} at which the run's {@code timeout} expires, or 0 for none. */
    private final long runDeadline;
    /** Moving average of the time a worker spends per individual (ns), as the workers report it; -1 until the first. */
    private double meanNanos = -1;
    private boolean closed;

    /** Creates a pool; {@link #start()} launches the workers. */
    public WorkerPool(RunDirectory dir, RunnerOptions options) {
        this(dir, options, null);
    }

    /** Creates a pool that also records worker events in {@code runLog}. */
    public WorkerPool(RunDirectory dir, RunnerOptions options, RunLog runLog) {
        this.dir = dir;
        this.runLog = runLog;
        this.options = options;
        this.runDeadline = options.timeout() == null ? 0 : System.nanoTime() + options.timeout().toNanos();
        for (int i = 0; i < options.maxWorkers(); i++) workers.add(new WorkerProcess(i));
        List<Path> logs = new ArrayList<>();
        for (WorkerProcess w : workers) logs.add(dir.workerLog(w.id));
        logArchiver.skipExisting(logs);
    }

    /** Launches every worker and waits until all report ready; fails naming the command and log otherwise. */
    public void start() {
        SlurmCheck.check(WorkerCommand.splitPrefix(options.srun()), options.maxWorkers(), System.getenv());
        long t0 = System.nanoTime();
        for (WorkerProcess w : workers) launch(w);
        Backoff backoff = new Backoff(MIN_POLL_NANOS, MAX_POLL_NANOS);
        while (workers.stream().anyMatch(w -> w.state == WorkerProcess.State.STARTING)) {
            boolean progress = false;
            for (WorkerProcess w : workers) {
                if (w.state != WorkerProcess.State.STARTING) continue;
                progress |= readMessages(w, null, 0);
                if (w.state == WorkerProcess.State.STARTING) checkStarting(w);
            }
            if (progress) backoff.reset(); else backoff.idle();
        }
        info(workers.size() + " workers ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /**
     * What the pool saw of failures, for reliability measurements.
     *
     * @param deathNoticedNanos {@code System.nanoTime()} at which each worker death was noticed
     * @param restartNanos for each restart, the time from relaunch to the worker reporting ready
     */
    public record Stats(List<Long> deathNoticedNanos, List<Long> restartNanos) {}

    /** Failure statistics so far. */
    public Stats stats() {
        return new Stats(List.copyOf(deathNoticed), List.copyOf(restartNanos));
    }

    @Override
    public void progress(org.l2l.runner.progress.ProgressListener listener) {
        progress = listener;
    }

    @Override
    public GenerationResult evaluate(int generation, List<Individual> individuals, FitnessWeights weights) {
        if (closed) throw new IllegalStateException("the worker pool is closed");
        GenerationState gen = new GenerationState(generation, individuals, weights);
        Backoff backoff = new Backoff(MIN_POLL_NANOS, MAX_POLL_NANOS);
        while (!gen.collector.isComplete()) {
            boolean progress = false;
            for (WorkerProcess w : workers) {
                progress |= readMessages(w, gen, generation);
                if (w.state == WorkerProcess.State.STARTING) checkStarting(w);
                if (w.exited() && w.state != WorkerProcess.State.DEAD && w.state != WorkerProcess.State.STOPPED) {
                    onDeath(w, gen);
                    progress = true;
                }
            }
            progress |= dispatch(gen);
            checkTimeouts(gen);
            if (runDeadline != 0 && System.nanoTime() - runDeadline > 0) {
                throw new RunFailedException("the run exceeded its timeout of " + options.timeout() + " during generation "
                        + generation + "; " + gen.collector.remaining() + " individuals were still missing. Completed "
                        + "generations are stored in " + dir.root());
            }
            if (progress) backoff.reset(minPollNanos()); else backoff.idle();
        }
        GenerationResult result = gen.collector.result();
        archiveLogs(generation);
        return result;
    }

    private void info(String message) {
        LOG.info(message);
        if (runLog != null) runLog.info(message);
    }

    private void warn(String message) {
        LOG.warn(message);
        if (runLog != null) runLog.warn(message);
    }

    // ------------------------------------------------------------------ the generation's bookkeeping

    private final class GenerationState {
        final int generation;
        final GenerationCollector collector;
        final List<Individual> individuals;
        final Deque<WorkerProcess.Task> pending = new ArrayDeque<>();
        final int[] attempt;

        GenerationState(int generation, List<Individual> individuals, FitnessWeights weights) {
            this.generation = generation;
            this.collector = new GenerationCollector(generation, individuals, weights, options, progress);
            this.individuals = individuals;
            this.attempt = new int[individuals.size()];
            for (int i = 0; i < individuals.size(); i++) pending.add(new WorkerProcess.Task(i, 0));
        }

        /** Gives an individual out again under a new attempt number, so late replies to old ones are ignored. */
        void requeue(int index) {
            attempt[index]++;
            pending.addFirst(new WorkerProcess.Task(index, attempt[index]));
        }
    }

    /**
     * The shortest poll interval: a quarter of the mean individual's time, between 20 µs and 5 ms. A
     * worker has at least one individual or 2 ms of work queued behind the running one
     * ({@link #queueDepth}), so the runner need not poll faster, and leaves the CPU to the workers.
     */
    private long minPollNanos() {
        if (meanNanos < 0) return MIN_POLL_NANOS;
        return (long) Math.max(MIN_POLL_NANOS, Math.min(5e6, meanNanos / 4));
    }

    /**
     * How many individuals a worker gets queued, the running one included. Short individuals get a deep
     * queue, about 2 ms of work beyond the running one, so a worker never waits for the runner. Longer
     * ones get one queued behind the running one while every ready worker can still get one from the
     * pending work, and none near the end of a generation, so no worker sits on queued work while another
     * is idle. Capped by {@code workAhead}.
     */
    private int queueDepth(GenerationState gen, int readyWorkers) {
        int depth;
        if (meanNanos < 0) depth = 2;
        else if (meanNanos > 2e6) depth = gen.pending.size() >= readyWorkers ? 2 : 1;
        else depth = (int) Math.min(Integer.MAX_VALUE, 1 + Math.ceil(2e6 / Math.max(meanNanos, 1)));
        return Math.min(options.workAhead(), depth);
    }

    private boolean dispatch(GenerationState gen) {
        if (gen.pending.isEmpty()) return false;
        int ready = 0;
        for (WorkerProcess w : workers) if (w.state == WorkerProcess.State.READY) ready++;
        int depth = queueDepth(gen, ready);
        boolean sent = false;
        for (int round = 0; round < depth && !gen.pending.isEmpty(); round++) {
            for (WorkerProcess w : workers) {
                if (gen.pending.isEmpty()) break;
                if (w.state != WorkerProcess.State.READY || w.queue.size() > round) continue;
                WorkerProcess.Task t = gen.pending.poll();
                if (w.queue.isEmpty()) w.headSinceNanos = System.nanoTime();
                w.queue.add(t);
                w.outbox.add("RUN " + gen.generation + " " + t.index() + " " + t.attempt() + " "
                        + Base64.getEncoder().encodeToString(codec.encode(gen.individuals.get(t.index()))));
                sent = true;
            }
        }
        for (WorkerProcess w : workers) {
            if (w.outbox.isEmpty()) continue;
            w.in.appendAll(w.outbox); // one write per worker for the whole batch
            w.outbox.clear();
        }
        return sent;
    }

    private boolean readMessages(WorkerProcess w, GenerationState gen, int generation) {
        if (w.out == null) return false;
        List<String> lines = w.out.poll();
        for (String line : lines) {
            try {
                handle(w, line, gen, generation);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // a garbled line (a worker of another version, a damaged file): its individual times out or
                // is given out again when the worker dies; it is never counted
                warn("worker " + w.id + ": ignoring a malformed reply '" + (line.length() > 80 ? line.substring(0, 80) : line) + "'");
            }
        }
        return !lines.isEmpty();
    }

    private void handle(WorkerProcess w, String line, GenerationState gen, int generation) {
        String[] f = line.split(" ", 5);
        switch (f[0]) {
            case "READY" -> {
                if (w.restarts > 0) restartNanos.add(System.nanoTime() - w.launchedNanos);
                w.state = WorkerProcess.State.READY;
                w.everReady = true;
                w.pid = Long.parseLong(f[1]);
                w.host = f.length > 2 ? f[2] : "?";
                info("worker " + w.id + " ready: pid " + w.pid + " on host " + w.host + (w.restarts > 0 ? " (restart " + w.restarts + ")" : ""));
            }
            case "OK", "FAIL" -> {
                int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                WorkerProcess.Task head = w.queue.peek();
                if (gen == null || g != generation || head == null || head.index() != i || head.attempt() != a) {
                    warn("worker " + w.id + ": ignoring a stale reply '" + (line.length() > 80 ? line.substring(0, 80) : line) + "'");
                    return;
                }
                w.queue.poll();
                w.headSinceNanos = System.nanoTime();
                String rest = f.length > 4 ? f[4] : "";
                String failure = f[0].equals("OK") ? acceptResult(w, gen, g, i, a, rest)
                        : rest.isEmpty() ? "the worker reported a failure without details" : Messages.unescape(rest);
                if (failure != null && gen.collector.failure(i, failure, dir.workerLog(w.id))) {
                    warn("g" + g + "/i" + i + " attempt " + a + " failed on worker " + w.id + "; retrying: "
                            + failure.lines().findFirst().orElse(""));
                    gen.requeue(i);
                }
            }
            case "BYE" -> w.state = WorkerProcess.State.STOPPED;
            default -> LOG.warn("worker {}: unknown message '{}'", w.id, line);
        }
    }

    /**
     * Checks the result carried by one {@code OK} reply ({@code "nanos length crc32 base64"}); returns
     * null if it was accepted, else why it was rejected. An accepted reply's {@code nanos}, the time the
     * worker spent on the individual, updates the mean that sets the queue depth and poll interval.
     */
    private String acceptResult(WorkerProcess w, GenerationState gen, int g, int i, int a, String payload) {
        String[] f = payload.split(" ");
        if (f.length != 4) return describe(w, g, i, a) + " is missing or malformed";
        try {
            long nanos = Long.parseLong(f[0]);
            byte[] bytes = Base64.getDecoder().decode(f[3]);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (bytes.length != Long.parseLong(f[1]) || crc.getValue() != Long.parseLong(f[2])) {
                return describe(w, g, i, a) + " does not match its announced length and checksum";
            }
            KryoCodec.ResultRecord r = codec.decode(bytes, KryoCodec.ResultRecord.class, w.out.path());
            if (r.generation() != g || r.index() != i || r.attempt() != a) {
                return describe(w, g, i, a) + " holds the result of g" + r.generation() + "/i" + r.index() + " attempt " + r.attempt();
            }
            String rejected = gen.collector.success(i, r.result());
            if (rejected == null && nanos >= 0) meanNanos = meanNanos < 0 ? nanos : 0.9 * meanNanos + 0.1 * nanos;
            return rejected;
        } catch (IllegalArgumentException | RunFileException e) {
            return describe(w, g, i, a) + " cannot be used: " + e.getMessage();
        }
    }

    private String describe(WorkerProcess w, int g, int i, int a) {
        return "the result of g" + g + "/i" + i + " attempt " + a + " in " + w.out.path();
    }

    private void checkStarting(WorkerProcess w) {
        // A worker that started before runs the same command: if it dies while restarting, it was killed
        // (or its node failed), so it is restarted again within the limits rather than ending the run.
        if (w.exited() && w.everReady) return;
        if (w.exited()) {
            throw new RunFailedException("worker " + w.id + " exited with code " + w.exitCode
                    + " before it was ready" + launchDetail(w));
        }
        if (System.nanoTime() - w.launchedNanos > options.workerStartTimeout().toNanos()) {
            throw new RunFailedException("worker " + w.id + " did not report ready within "
                    + options.workerStartTimeout().toSeconds() + " s" + launchDetail(w));
        }
    }

    private String launchDetail(WorkerProcess w) {
        StringBuilder sb = new StringBuilder();
        if (w.launchFailure != null) sb.append(": ").append(w.launchFailure.getMessage());
        sb.append("\ncommand: ").append(String.join(" ", w.command.toStrings()));
        return sb.append(logDetail(w)).toString();
    }

    private String logDetail(WorkerProcess w) {
        StringBuilder sb = new StringBuilder();
        Path log = dir.workerLog(w.id);
        sb.append("\nworker log: ").append(log);
        String tail = tail(log, 15);
        if (!tail.isBlank()) sb.append("\n--- last lines of the worker log ---\n").append(tail);
        return sb.toString();
    }

    private void onDeath(WorkerProcess w, GenerationState gen) {
        deathNoticed.add(System.nanoTime());
        w.state = WorkerProcess.State.DEAD;
        warn("worker " + w.id + " (pid " + w.pid + " on " + w.host + ") died with exit code " + w.exitCode + " holding "
                + w.queue + "; log: " + dir.workerLog(w.id));
        for (WorkerProcess.Task t : w.queue) gen.requeue(t.index());
        w.queue.clear();
        restart(w, "died with exit code " + w.exitCode);
    }

    private void restart(WorkerProcess w, String why) {
        if (w.restarts >= options.maxWorkerRestarts()) {
            throw new RunFailedException("worker " + w.id + " " + why + " and has been restarted " + w.restarts
                    + " times already (maxWorkerRestarts " + options.maxWorkerRestarts() + ")" + logDetail(w));
        }
        if (totalRestarts >= options.maxRestarts()) {
            throw new RunFailedException("worker " + w.id + " " + why + "; the run has restarted workers "
                    + totalRestarts + " times already (maxRestarts " + options.maxRestarts() + ")" + logDetail(w));
        }
        w.restarts++;
        totalRestarts++;
        progress.workerRestarted(w.id, why);
        w.closeFiles();
        launch(w);
    }

    private void checkTimeouts(GenerationState gen) {
        Duration limit = options.individualTimeout();
        if (limit == null) return;
        long now = System.nanoTime();
        for (WorkerProcess w : workers) {
            if (w.state != WorkerProcess.State.READY || w.queue.isEmpty()) continue;
            if (now - w.headSinceNanos > limit.toNanos()) {
                WorkerProcess.Task t = w.queue.peek();
                warn("g" + gen.generation + "/i" + t.index() + " exceeded individualTimeout " + limit + " on worker " + w.id
                        + "; killing the worker");
                killAndWait(w);
                w.state = WorkerProcess.State.DEAD;
                WorkerProcess.Task head = w.queue.poll();
                for (WorkerProcess.Task other : w.queue) gen.requeue(other.index());
                w.queue.clear();
                if (gen.collector.failure(head.index(), "timed out after " + limit + " (individualTimeout)",
                        dir.workerLog(w.id))) {
                    gen.requeue(head.index());
                }
                restart(w, "was killed after individualTimeout " + limit);
            }
        }
    }

    private void killAndWait(WorkerProcess w) {
        Process p = w.process.getNow(null);
        if (p != null) ProcessTreeDestroyer.terminate(p.toHandle(), Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!w.exited() && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
    }

    // ------------------------------------------------------------------ launching

    private void launch(WorkerProcess w) {
        if (destroyer.shuttingDown()) {
            throw new RunFailedException("the driver is shutting down (Ctrl-C or SIGTERM); worker " + w.id + " is not restarted");
        }
        try {
            Files.deleteIfExists(dir.workerIn(w.id));
            Files.deleteIfExists(dir.workerOut(w.id));
            w.log = new FileOutputStream(dir.workerLog(w.id).toFile(), true);
        } catch (IOException e) {
            throw new RunFileException(dir.workersDir(), "cannot prepare files of worker " + w.id, e);
        }
        w.in = PipeFile.openWriter(dir.workerIn(w.id));
        w.out = PipeFile.openReader(dir.workerOut(w.id));
        w.command = WorkerCommand.build(options, dir, w.id);
        w.exitCode = null;
        w.launchFailure = null;
        w.process = new CompletableFuture<>();
        w.state = WorkerProcess.State.STARTING;
        w.launchedNanos = System.nanoTime();
        w.pid = -1;
        CapturingExecutor executor = new CapturingExecutor(w);
        executor.setStreamHandler(new StdinKeepingStreamHandler(w, w.log));
        executor.setProcessDestroyer(destroyer);
        executor.setExitValues(null); // every exit code is handled by the pool, none is an exception
        try {
            executor.execute(w.command, new ExecuteResultHandler() {
                @Override
                public void onProcessComplete(int exitValue) {
                    w.exitCode = exitValue;
                    LockSupport.unpark(owner);
                }

                @Override
                public void onProcessFailed(ExecuteException e) {
                    w.launchFailure = e.getCause() != null ? e.getCause() : e;
                    w.exitCode = e.getExitValue();
                    LockSupport.unpark(owner);
                }
            });
        } catch (IOException e) {
            throw new RunFailedException("cannot launch worker " + w.id + ": " + e.getMessage() + "\ncommand: "
                    + String.join(" ", w.command.toStrings()), e);
        }
    }

    /** A DefaultExecutor that hands the launched {@link Process} to the pool. */
    private static final class CapturingExecutor extends DefaultExecutor {
        private final WorkerProcess worker;

        // The builder's constructor is package-private, and overriding launch() is the only way commons-exec
        // offers to see the Process, which the pool needs to kill a worker's whole process tree.
        @SuppressWarnings("deprecation")
        CapturingExecutor(WorkerProcess worker) {
            this.worker = worker;
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
            try {
                Process p = super.launch(command, env, dir);
                worker.process.complete(p);
                return p;
            } catch (IOException | RuntimeException e) {
                worker.process.completeExceptionally(e);
                throw e;
            }
        }
    }

    /**
     * Pumps the worker's stdout and stderr into its log, and keeps its stdin open without writing to it:
     * when the driver dies, the operating system closes that pipe and the worker exits.
     */
    private static final class StdinKeepingStreamHandler extends PumpStreamHandler {
        private final WorkerProcess worker;

        StdinKeepingStreamHandler(WorkerProcess worker, OutputStream log) {
            super(log, log);
            this.worker = worker;
        }

        @Override
        public void setProcessInputStream(OutputStream stdin) {
            worker.stdin = stdin;
        }
    }

    // ------------------------------------------------------------------ logs and shutdown

    private void archiveLogs(int generation) {
        TreeMap<String, Path> logs = new TreeMap<>();
        for (WorkerProcess w : workers) logs.put("worker-" + w.id + ".log", dir.workerLog(w.id));
        logArchiver.archive(dir.logZip(generation), logs);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (WorkerProcess w : workers) {
            if (w.in != null && !w.exited()) {
                try {
                    w.in.append("EXIT");
                } catch (RuntimeException e) {
                    LOG.debug("could not tell worker {} to exit: {}", w.id, e.toString());
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && workers.stream().anyMatch(w -> !w.exited() && w.process.isDone())) {
            LockSupport.parkNanos(2_000_000);
        }
        for (WorkerProcess w : workers) {
            if (!w.exited()) {
                Process p = null;
                try {
                    p = w.process.get(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // never launched
                }
                if (p != null) {
                    LOG.warn("worker {} did not exit when told to; killing it", w.id);
                    ProcessTreeDestroyer.terminate(p.toHandle(), Duration.ofSeconds(2));
                }
            }
            w.closeFiles();
        }
        destroyer.destroyAll();
        destroyer.unregister();
        for (WorkerProcess w : workers) { // the transport of the run, whose results are in the generation files
            try {
                Files.deleteIfExists(dir.workerIn(w.id));
                Files.deleteIfExists(dir.workerOut(w.id));
            } catch (IOException e) {
                LOG.debug("could not remove the pipe files of worker {}: {}", w.id, e.toString());
            }
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) return "";
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
