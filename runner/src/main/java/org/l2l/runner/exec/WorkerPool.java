package org.l2l.runner.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.runner.AllocationEndedException;
import org.l2l.runner.AsyncEvaluator;
import org.l2l.runner.GenerationCollector;
import org.l2l.runner.LaunchMode;
import org.l2l.runner.RetryPolicy;
import org.l2l.runner.RunFailedException;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;
import org.l2l.runner.io.RunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of persistent worker JVMs that evaluates individuals as they are submitted
 * ({@link AsyncEvaluator}); the generational {@link #evaluate} submits a generation and waits for it.
 *
 * <p>Each worker is launched by a {@link WorkerLauncher} (behind the {@code srun} prefix, if any) on the
 * driver's classpath, and talks to the pool through files (see {@link Messages}): the pool appends
 * individuals to one individuals file and their IDs to each worker's input pipe file, queueing a few per
 * worker when individuals are short so a worker never waits for the next one; a worker appends results to
 * its own result file and their IDs to its output pipe file. The pool restarts a worker that dies and gives
 * its individuals out again, retries individuals whose {@code simulate} threw, and kills a worker whose
 * individual exceeds {@code individualTimeout}.
 *
 * <p>Polling, flat in the worker count: the pool reads one file per poll, the notification file to which
 * every worker appends a copy of each message it writes to its output pipe file ({@link Messages#notices});
 * a copy that continues that file where the pool stands is taken as read from it, and the pool reads the
 * output pipe files only of workers whose notices do not (a restarted process, a gap). Per result that is
 * one read of the result record and one write of new work, plus the poll's share of the notification
 * file. It polls at an interval set by the expected arrival rate of results (the number of busy
 * workers over the mean individual's time as the workers report it): about five results per poll, never
 * more often than every 20 µs, never less often than every 60 ms, and, from 5 ms after the last result or
 * submission, backing off by a quarter per empty poll up to 60 ms while nothing arrives. With every
 * worker busy on long individuals a poll finds nothing at most about 17 times a second, whatever the
 * number of workers. Worker deaths are seen by {@link java.lang.Process#onExit}, without
 * polling. As a guard against lost notifications (concurrent appends from several nodes can collide on
 * some filesystems), the pool also reads, once a second, the output pipe files of up to 3 workers whose
 * individual is overdue. Timeouts are checked every 100 ms.
 *
 * <p>Faults: a worker killed before its first {@code READY} is restarted like any other unless its start-up
 * failure looks deterministic ({@link StartupFailures}); a ready worker that sends neither replies nor
 * heartbeats is reported, and after {@code hangTimeout} killed and restarted, off its node if that node
 * looks gone ({@link LivenessMonitor}); when the SLURM allocation has ended, the pool stops at once with an
 * {@link AllocationEndedException} instead of restarting workers ({@link AllocationCheck}).
 */
public final class WorkerPool implements AsyncEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long MAX_POLL_NANOS = 60_000_000;
    private static final long MIN_POLL_NANOS = 20_000;
    /** Results expected per poll: few polls find nothing, and a result waits a fifth of the interval between two on average. */
    private static final double RESULTS_PER_POLL = 5;
    private static final long CHECK_NANOS = 100_000_000;
    /** How long after progress polling stays at the expected-rate interval before backing off. */
    private static final long HOT_NANOS = Backoff.HOT_NANOS;
    /** Individuals shorter than this are short: a worker gets about this much work queued beyond the running one. */
    private static final long SHORT_QUEUE_NANOS = 2_000_000;
    private static final long SWEEP_NANOS = 1_000_000_000;
    private static final int SWEEP_WORKERS = 3;

    private final RunDirectory dir;
    private final RunnerOptions options;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final ProcessTreeDestroyer destroyer = new ProcessTreeDestroyer();
    private final WorkerLauncher launcher;
    private final Transport transport;
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
    /**
     * A running estimate of the 10th percentile of the time per individual (ns), -1 until the first: how soon
     * a worker's queued individual may be done, which the poll interval must not exceed when run times vary.
     */
    private double shortNanos = -1;
    private boolean closed;
    private final RetryPolicy policy;
    /** Every individual submitted whose outcome is not final yet, by {@link #key}. */
    private final Map<Long, Tracked> tracked = new HashMap<>();
    /** Attempts waiting for a worker, in the order they are given out. */
    private final Deque<WorkerProcess.Task> pending = new ArrayDeque<>();
    /** Final outcomes not yet returned by {@link #poll}, in completion order. */
    private final Deque<Evaluation> finished = new ArrayDeque<>();
    /** Ends of worker processes, reported by the launcher's exit futures (another thread). */
    private final ConcurrentLinkedQueue<Exit> exits = new ConcurrentLinkedQueue<>();
    /** Ready workers that may have room for more work (a worker is listed at most once). */
    private final Deque<WorkerProcess> needWork = new ArrayDeque<>();
    private int readyWorkers;
    private int liveWorkers;
    private int busyWorkers;
    /** Tasks in the queues of workers. */
    private int assigned;
    private long polls;
    private long emptyPolls;
    private long outReads;
    private long inWrites;
    /** The poll schedule, kept across calls of {@link #poll} so that each call does not add a read of its own. */
    private long nextReadNanos;
    private long readInterval = MIN_POLL_NANOS;
    private long lastProgressNanos;
    private long nextCheckNanos;
    private long nextSweepNanos;
    private int sweepCursor;
    private final StartupFailures startup = new StartupFailures();
    private final AllocationCheck allocation;
    private final LivenessMonitor liveness;
    /** Nodes whose workers went silent: replacements are launched elsewhere ({@code srun --exclude}). */
    private final Set<String> suspectNodes = new TreeSet<>();

    private record Exit(WorkerProcess worker, int incarnation, int exitCode, Throwable failure) {}

    /** Creates a pool; {@link #start()} launches the workers. */
    public WorkerPool(RunDirectory dir, RunnerOptions options) {
        this(dir, options, null);
    }

    /** Creates a pool that also records worker events in {@code runLog}. */
    public WorkerPool(RunDirectory dir, RunnerOptions options, RunLog runLog) {
        this(dir, options, runLog, null);
    }

    /**
     * Creates a pool whose workers are started by {@code launcher} (null: as child processes, or with
     * {@code runner.launch} {@code "step"} as the tasks of one srun step, {@link StepLauncher}). A benchmark
     * hosting simulated workers passes its own launcher; everything else is the same code path.
     */
    public WorkerPool(RunDirectory dir, RunnerOptions options, RunLog runLog, WorkerLauncher launcher) {
        this.dir = dir;
        this.runLog = runLog;
        this.options = options;
        this.launcher = launcher != null ? launcher : options.launch() == LaunchMode.STEP
                ? new StepLauncher(dir, options, destroyer, System.getenv()) : new ProcessLauncher(destroyer);
        this.transport = new Transport(dir);
        this.policy = new RetryPolicy(options);
        this.runDeadline = options.timeout() == null ? 0 : System.nanoTime() + options.timeout().toNanos();
        for (int i = 0; i < options.maxWorkers(); i++) workers.add(new WorkerProcess(i));
        this.allocation = new AllocationCheck(WorkerCommand.splitPrefix(options.srun()), System.getenv());
        this.liveness = new LivenessMonitor(options.maxWorkers(), options.heartbeatInterval(), options.silenceWarning(),
                options.hangTimeout(), dir::workerHeartbeat);
        List<Path> logs = new ArrayList<>();
        for (WorkerProcess w : workers) logs.add(dir.workerLog(w.id));
        logArchiver.skipExisting(logs);
    }

    /**
     * Launches every worker and waits until all report ready, or, once workers had to be restarted, until at
     * least one is ready (the others join while the pool evaluates); fails naming the command and log if the
     * workers cannot start.
     */
    public void start() {
        SlurmCheck.check(WorkerCommand.splitPrefix(options.srun()), options.maxWorkers(), System.getenv());
        long t0 = System.nanoTime();
        transport.open();
        for (WorkerProcess w : workers) launch(w);
        Backoff backoff = new Backoff(MIN_POLL_NANOS, 100_000_000);
        while (readyWorkers < workers.size()) {
            if (totalRestarts > 0 && readyWorkers > 0) {
                info(readyWorkers + " of " + workers.size() + " workers ready in " + (System.nanoTime() - t0) / 1_000_000
                        + " ms; the others are restarting and join as they become ready");
                return;
            }
            boolean progress = step();
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

    /**
     * How the pool polled, for measurements.
     *
     * @param polls reads of the notification file
     * @param emptyPolls those that found nothing new (the idle rate)
     * @param outReads reads of workers' output pipe files (named by notifications, exits and the sweep)
     * @param dataReads reads of workers' result files
     * @param writes writes to the individuals file and to input pipe files
     */
    public record PollCounts(long polls, long emptyPolls, long outReads, long dataReads, long writes) {
        /** Every filesystem call the pool made to talk to the workers. */
        public long total() {
            return polls + outReads + dataReads + writes;
        }
    }

    /** Poll counts so far. */
    public PollCounts pollCounts() {
        return new PollCounts(polls, emptyPolls, outReads, transport.dataReads, transport.dataWrites + inWrites);
    }

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
        GenerationResult result = GenerationCollector.evaluate(this, generation, individuals, weights);
        archiveLogs(generation);
        return result;
    }

    @Override
    public void submit(List<Individual> individuals, FitnessWeights weights) {
        if (closed) throw new IllegalStateException("the worker pool is closed");
        for (Individual ind : individuals) {
            if (tracked.containsKey(key(ind.generation(), ind.index()))) {
                throw new IllegalArgumentException(ind.label() + " is already in flight");
            }
        }
        for (Individual ind : individuals) {
            tracked.put(key(ind.generation(), ind.index()), new Tracked(ind, weights));
            pending.add(new WorkerProcess.Task(ind.generation(), ind.index(), 0));
        }
        dispatch();
        // new work: its results come at the usual rate, whatever the polls found while there was none, and
        // the hot window starts now (not at the last result of the previous generation, which would back
        // the first polls of this one off at once)
        long now = System.nanoTime();
        readInterval = pollInterval();
        lastProgressNanos = now;
        nextReadNanos = Math.min(nextReadNanos, now + readInterval);
    }

    @Override
    public int freeSlots() {
        long room = (long) liveWorkers * targetDepth() - assigned - pending.size();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, room));
    }

    @Override
    public int inFlight() {
        return tracked.size() + finished.size();
    }

    @Override
    public List<Evaluation> poll(Duration maxWait) {
        if (closed) throw new IllegalStateException("the worker pool is closed");
        long now = System.nanoTime();
        long deadline = now + Math.min(maxWait.toNanos(), Duration.ofDays(365).toNanos());
        while (finished.isEmpty() && !tracked.isEmpty()) {
            if (!exits.isEmpty() || now - nextReadNanos >= 0) {
                boolean progress = step();
                now = System.nanoTime();
                if (progress) {
                    readInterval = pollInterval();
                    lastProgressNanos = now;
                } else if (now - lastProgressNanos > HOT_NANOS) {
                    readInterval = Backoff.grow(readInterval, MAX_POLL_NANOS);
                }
                nextReadNanos = now + readInterval;
                if (!finished.isEmpty()) break;
            }
            long left = deadline - now;
            if (left <= 0) break;
            LockSupport.parkNanos(Math.min(left, nextReadNanos - now));
            now = System.nanoTime();
        }
        List<Evaluation> out = new ArrayList<>(finished);
        finished.clear();
        return out;
    }

    /** One round of supervision: ends, news, dispatch, and every 100 ms the timeouts; true if anything happened. */
    private boolean step() {
        boolean progress = false;
        Exit e;
        while ((e = exits.poll()) != null) progress |= onExit(e);
        List<Messages.Notice> news = transport.notifications();
        polls++;
        if (news.isEmpty()) emptyPolls++;
        progress |= deliver(news);
        long now = System.nanoTime();
        if (now - nextSweepNanos >= 0) {
            nextSweepNanos = now + SWEEP_NANOS;
            progress |= sweep(now);
        }
        progress |= dispatch();
        if (now - nextCheckNanos >= 0) {
            nextCheckNanos = now + CHECK_NANOS;
            for (WorkerProcess w : workers) if (w.state == WorkerProcess.State.STARTING) checkStarting(w);
            checkTimeouts();
            checkLiveness();
            if (runDeadline != 0 && now - runDeadline > 0) {
                throw new RunFailedException("the run exceeded its timeout of " + options.timeout() + "; " + tracked.size()
                        + " individuals were still being evaluated. Completed generations are stored in " + dir.root());
            }
        }
        return progress;
    }

    /**
     * The poll interval while results are expected: about {@value #RESULTS_PER_POLL} results per poll at
     * the expected rate (busy workers over the mean individual's time), and short enough that a worker's
     * queue covers the wait: half of a short individual's time for long individuals (one queued behind the
     * running one; the 10th percentile of the reported times, so that varying run times do not leave a
     * worker idle behind a quick one), half of the {@value #SHORT_QUEUE_NANOS} ns of work queued for short
     * ones; between 20 µs and 60 ms. A driver polling faster than results come only takes CPU from workers on its node.
     */
    private long pollInterval() {
        if (meanNanos < 0 || busyWorkers == 0) return MIN_POLL_NANOS;
        double cover = meanNanos > SHORT_QUEUE_NANOS ? Math.min(meanNanos, shortNanos) / 2 : SHORT_QUEUE_NANOS / 2.0;
        double interval = Math.min(RESULTS_PER_POLL * meanNanos / busyWorkers, cover);
        return (long) Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, interval));
    }

    /**
     * Reads the output pipe files of up to {@value #SWEEP_WORKERS} busy workers whose head individual has
     * run for over twice the mean plus a second: a notification lost on the way costs a delay, never a
     * result.
     */
    private boolean sweep(long now) {
        if (busyWorkers == 0) return false;
        long overdue = (long) (2 * Math.max(0, meanNanos)) + SWEEP_NANOS;
        boolean progress = false;
        int read = 0;
        for (int k = 0; k < workers.size() && read < SWEEP_WORKERS; k++) {
            WorkerProcess w = workers.get(sweepCursor);
            sweepCursor = (sweepCursor + 1) % workers.size();
            if (w.state == WorkerProcess.State.READY && !w.queue.isEmpty() && now - w.headSinceNanos > overdue
                    && now - w.lastHeardNanos > overdue) {
                progress |= readMessages(w);
                read++;
            }
        }
        return progress;
    }

    private void info(String message) {
        LOG.info(message);
        if (runLog != null) runLog.info(message);
    }

    private void warn(String message) {
        LOG.warn(message);
        if (runLog != null) runLog.warn(message);
    }

    // ------------------------------------------------------------------ bookkeeping of individuals

    /** One submitted individual whose outcome is not final yet. */
    private static final class Tracked {
        final Individual individual;
        final FitnessWeights weights;
        /** The current attempt; replies to earlier ones are stale. */
        int attempt;
        int failures;
        /** Where the individual is in the individuals file ({@code offset}, frame {@code length}); -1 until written. */
        long offset = -1;
        int length;

        Tracked(Individual individual, FitnessWeights weights) {
            this.individual = individual;
            this.weights = weights;
        }
    }

    private static long key(int generation, int index) {
        return ((long) generation << 32) | index;
    }

    /** Gives an individual out again under a new attempt number, so late replies to old ones are ignored. */
    private void requeue(WorkerProcess.Task task) {
        Tracked t = tracked.get(key(task.generation(), task.index()));
        if (t == null) return;
        t.attempt++;
        pending.addFirst(new WorkerProcess.Task(task.generation(), task.index(), t.attempt));
    }

    /** Records a failed attempt of {@code task}: retried, or final (failed), or the run stops. */
    private void failed(WorkerProcess w, WorkerProcess.Task task, String failure) {
        Tracked t = tracked.get(key(task.generation(), task.index()));
        t.failures++;
        Evaluation e = policy.failure(t.individual, t.weights, t.failures, failure, dir.workerLog(w.id));
        if (e == null) {
            warn(t.individual.label() + " attempt " + task.attempt() + " failed on worker " + w.id + "; retrying: "
                    + failure.lines().findFirst().orElse(""));
            progress.evaluationRetried(task.generation(), task.index(), failure.lines().findFirst().orElse(""));
            requeue(task);
        } else {
            tracked.remove(key(task.generation(), task.index()));
            finished.add(e);
            progress.evaluationFinished(task.generation(), e);
        }
    }

    // ------------------------------------------------------------------ worker states and queues

    private void setState(WorkerProcess w, WorkerProcess.State s) {
        boolean wasReady = w.state == WorkerProcess.State.READY;
        boolean wasLive = wasReady || w.state == WorkerProcess.State.STARTING;
        w.state = s;
        boolean ready = s == WorkerProcess.State.READY;
        boolean live = ready || s == WorkerProcess.State.STARTING;
        readyWorkers += (ready ? 1 : 0) - (wasReady ? 1 : 0);
        liveWorkers += (live ? 1 : 0) - (wasLive ? 1 : 0);
        if (ready) listForWork(w);
    }

    private void listForWork(WorkerProcess w) {
        if (!w.listedForWork) {
            w.listedForWork = true;
            needWork.add(w);
        }
    }

    private void assign(WorkerProcess w, WorkerProcess.Task t) {
        if (w.queue.isEmpty()) {
            w.headSinceNanos = System.nanoTime();
            busyWorkers++;
        }
        w.queue.add(t);
        assigned++;
    }

    private WorkerProcess.Task takeHead(WorkerProcess w) {
        WorkerProcess.Task t = w.queue.poll();
        assigned--;
        w.headSinceNanos = System.nanoTime();
        if (w.queue.isEmpty()) busyWorkers--;
        if (w.state == WorkerProcess.State.READY) listForWork(w);
        return t;
    }

    private List<WorkerProcess.Task> takeAll(WorkerProcess w) {
        List<WorkerProcess.Task> all = new ArrayList<>(w.queue);
        if (!all.isEmpty()) busyWorkers--;
        assigned -= all.size();
        w.queue.clear();
        return all;
    }

    // ------------------------------------------------------------------ dispatch

    /**
     * How many individuals a worker gets queued, the running one included. Short individuals get a deep
     * queue, about 2 ms of work beyond the running one, so a worker never waits for the runner. Longer
     * ones get one queued behind the running one while every ready worker can still get one from the
     * pending work, and none near the end of the pending work, so no worker sits on queued work while
     * another is idle. Capped by {@code workAhead}.
     */
    private int queueDepth() {
        int depth = targetDepth();
        if (meanNanos > SHORT_QUEUE_NANOS && pending.size() < readyWorkers) depth = 1;
        return Math.min(options.workAhead(), depth);
    }

    /** The queue depth a worker should have while there is enough work: {@link #queueDepth} without the end rule. */
    private int targetDepth() {
        int depth;
        if (meanNanos < 0 || meanNanos > SHORT_QUEUE_NANOS) depth = 2;
        else depth = (int) Math.min(Integer.MAX_VALUE, 1 + Math.ceil(SHORT_QUEUE_NANOS / Math.max(meanNanos, 1)));
        return Math.min(options.workAhead(), depth);
    }

    /**
     * Hands pending attempts to the listed workers, a round at a time (first one each, then a second
     * each...), and writes them: the new individuals in one append to the individuals file, then one
     * append per worker to its input pipe file. Costs in proportion to the work handed out, not to the
     * number of workers.
     */
    private boolean dispatch() {
        if (pending.isEmpty() || needWork.isEmpty()) return false;
        int depth = queueDepth();
        List<WorkerProcess> candidates = new ArrayList<>(needWork.size());
        for (WorkerProcess w : needWork) {
            w.listedForWork = false;
            if (w.state == WorkerProcess.State.READY) candidates.add(w);
        }
        needWork.clear();
        List<WorkerProcess> written = new ArrayList<>();
        for (int round = 0; round < depth && !pending.isEmpty(); round++) {
            for (WorkerProcess w : candidates) {
                if (pending.isEmpty()) break;
                if (w.queue.size() > round) continue;
                if (w.sent == 0) written.add(w);
                assign(w, pending.poll());
                w.sent++;
            }
        }
        // each worker's new individuals go to the file together, so that it reads them with one read
        for (WorkerProcess w : written) {
            int skip = w.queue.size() - w.sent;
            int k = 0;
            for (WorkerProcess.Task t : w.queue) {
                if (k++ < skip) continue;
                Tracked tr = tracked.get(key(t.generation(), t.index()));
                if (tr.offset < 0) {
                    long[] where = transport.addIndividual(tr.individual);
                    tr.offset = where[0];
                    tr.length = (int) where[1];
                }
                w.outbox.add(Messages.run(t.generation(), t.index(), t.attempt(), tr.offset, tr.length));
            }
            w.sent = 0;
        }
        int target = targetDepth();
        for (WorkerProcess w : candidates) if (w.queue.size() < target) listForWork(w);
        transport.flushIndividuals(); // before any line points to them
        for (WorkerProcess w : written) {
            w.in.appendAll(w.outbox); // one write per worker for the whole batch
            inWrites++;
            w.outbox.clear();
        }
        return !written.isEmpty();
    }

    // ------------------------------------------------------------------ replies

    /**
     * Handles one poll's notices. A worker's notices that continue its {@code .out} file exactly where the
     * pool stands in it (a ready worker, the token of its process, the offset the pool has read to) are
     * its next lines, taken as read without reading the file. For any other notice of a worker (a bare id,
     * another process's token, a worker not ready, an offset beyond a gap that a lost notice left) the
     * pool reads that worker's {@code .out} file, the record, instead; notices for lines read already are
     * skipped.
     */
    private boolean deliver(List<Messages.Notice> news) {
        if (news.isEmpty()) return false;
        Map<Integer, List<String>> direct = new java.util.LinkedHashMap<>();
        Map<Integer, Long> start = new HashMap<>();
        Map<Integer, Long> next = new HashMap<>();
        Set<Integer> read = new java.util.LinkedHashSet<>();
        for (Messages.Notice n : news) {
            int id = n.worker();
            if (id < 0 || id >= workers.size() || read.contains(id)) continue;
            WorkerProcess w = workers.get(id);
            if (n.line() == null || w.out == null || w.state != WorkerProcess.State.READY || !n.token().equals(w.token)) {
                read.add(id);
                continue;
            }
            Long at = next.get(id);
            if (at == null) {
                if (w.out.hasPartialLine()) {
                    read.add(id);
                    continue;
                }
                at = w.out.offset();
                start.put(id, at);
            }
            if (n.offset() < at) continue; // read from the .out file already
            if (n.offset() > at) {
                read.add(id);
                continue;
            }
            direct.computeIfAbsent(id, k -> new ArrayList<>()).add(n.line());
            next.put(id, at + Messages.byteLength(n.line()) + 1);
        }
        boolean progress = false;
        for (Map.Entry<Integer, List<String>> e : direct.entrySet()) {
            if (read.contains(e.getKey())) continue; // its .out file is read instead, these lines included
            WorkerProcess w = workers.get(e.getKey());
            if (w.out == null || w.state != WorkerProcess.State.READY || w.out.hasPartialLine()
                    || w.out.offset() != start.get(e.getKey())) {
                progress |= readMessages(w); // changed while other workers' lines were handled
                continue;
            }
            for (String line : e.getValue()) w.out.skip(line);
            progress |= accept(w, e.getValue());
        }
        for (int id : read) progress |= readMessages(workers.get(id));
        return progress;
    }

    private boolean readMessages(WorkerProcess w) {
        if (w.out == null) return false;
        outReads++;
        List<String> lines = w.out.poll();
        if (lines.isEmpty()) return false;
        return accept(w, lines);
    }

    /** Handles lines of worker {@code w}'s {@code .out} file, read from it or from its notices. */
    private boolean accept(WorkerProcess w, List<String> lines) {
        w.lastHeardNanos = System.nanoTime();
        LivenessMonitor.Event again = liveness.heard(w.id, w.lastHeardNanos);
        if (again != null) info("worker " + w.id + " is alive again after " + seconds(again.silentFor()) + " of silence");
        transport.prefetch(w, lines);
        for (String line : lines) {
            try {
                handle(w, line);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // a garbled line (a worker of another version, a damaged file): its individual times out or
                // is given out again when the worker dies; it is never counted
                warn("worker " + w.id + ": ignoring a malformed reply '" + (line.length() > 80 ? line.substring(0, 80) : line) + "'");
            }
        }
        return true;
    }

    private void handle(WorkerProcess w, String line) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "READY" -> {
                if (w.restarts > 0) restartNanos.add(System.nanoTime() - w.launchedNanos);
                w.everReady = true;
                w.pid = Long.parseLong(f[1]);
                w.host = f.length > 2 ? f[2] : "?";
                w.token = f.length > 3 ? f[3] : null;
                setState(w, WorkerProcess.State.READY);
                liveness.reset(w.id, System.nanoTime());
                info("worker " + w.id + " ready: pid " + w.pid + " on host " + w.host + (w.restarts > 0 ? " (restart " + w.restarts + ")" : ""));
                if (startup.anyHeld()) {
                    for (int id : startup.release()) restart(workers.get(id), "failed to start while another could");
                }
            }
            case "OK", "FAIL" -> {
                int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                WorkerProcess.Task head = w.queue.peek();
                if (head == null || head.generation() != g || head.index() != i || head.attempt() != a) {
                    warn("worker " + w.id + ": ignoring a stale reply '" + (line.length() > 80 ? line.substring(0, 80) : line) + "'");
                    return;
                }
                takeHead(w);
                String failure = f[0].equals("OK") ? acceptResult(w, f, g, i, a) : readFailure(w, f, g, i, a);
                if (failure != null) failed(w, head, failure);
            }
            case "BYE" -> setState(w, WorkerProcess.State.STOPPED);
            default -> LOG.warn("worker {}: unknown message '{}'", w.id, line);
        }
    }

    /**
     * Reads and checks the result an {@code OK} line points to; returns null if it was accepted, else why
     * it was rejected. The line's {@code nanos}, the time the worker spent on the individual, updates the
     * mean that sets the queue depth and poll interval.
     */
    private String acceptResult(WorkerProcess w, String[] f, int g, int i, int a) {
        if (f.length != 7) return describe(w, g, i, a) + " is missing or malformed";
        try {
            long nanos = Long.parseLong(f[4]);
            KryoCodec.ResultRecord r = transport.readResult(w, Long.parseLong(f[5]), Integer.parseInt(f[6]),
                    KryoCodec.ResultRecord.class);
            if (r.generation() != g || r.index() != i || r.attempt() != a) {
                return describe(w, g, i, a) + " holds the result of g" + r.generation() + "/i" + r.index() + " attempt " + r.attempt();
            }
            Tracked t = tracked.get(key(g, i));
            String rejected = RetryPolicy.check(t.individual, r.result(), t.weights);
            if (rejected != null) return rejected;
            tracked.remove(key(g, i));
            Evaluation done = Evaluation.success(t.individual, r.result(), t.weights);
            finished.add(done);
            progress.evaluationFinished(g, done);
            if (nanos >= 0) {
                meanNanos = meanNanos < 0 ? nanos : 0.9 * meanNanos + 0.1 * nanos;
                // stochastic quantile estimate: at equilibrium 10 % of the times fall below it
                shortNanos = shortNanos < 0 ? nanos : shortNanos * (nanos < shortNanos ? 0.955 : 1.005);
            }
            return null;
        } catch (IllegalArgumentException | RunFileException e) {
            return describe(w, g, i, a) + " cannot be used: " + e.getMessage();
        }
    }

    /** The failure text a {@code FAIL} line points to, or why it cannot be read. */
    private String readFailure(WorkerProcess w, String[] f, int g, int i, int a) {
        if (f.length != 7) return "the worker reported a failure of g" + g + "/i" + i + " without details";
        try {
            KryoCodec.FailureRecord r = transport.readResult(w, Long.parseLong(f[5]), Integer.parseInt(f[6]),
                    KryoCodec.FailureRecord.class);
            if (r.generation() != g || r.index() != i || r.attempt() != a) {
                return "the worker reported a failure of g" + g + "/i" + i + " whose details are those of g"
                        + r.generation() + "/i" + r.index();
            }
            return r.failure().isBlank() ? "the worker reported a failure without details" : r.failure();
        } catch (IllegalArgumentException | RunFileException e) {
            return "the worker reported a failure of g" + g + "/i" + i + " whose details cannot be read: " + e.getMessage();
        }
    }

    private String describe(WorkerProcess w, int g, int i, int a) {
        return "the result of g" + g + "/i" + i + " attempt " + a + " from worker " + w.id + " (" + dir.workerResults(w.id) + ")";
    }

    // ------------------------------------------------------------------ failures

    /** Handles the end of a worker process reported by its exit future. */
    private boolean onExit(Exit e) {
        WorkerProcess w = e.worker();
        if (e.incarnation() != w.incarnation || w.exited()) return false;
        readMessages(w); // what it said before it ended counts (a last result, BYE)
        w.exitCode = e.exitCode();
        if (e.failure() != null) w.launchFailure = e.failure();
        if (w.state == WorkerProcess.State.STARTING) {
            checkStarting(w); // restarts it, holds it back, or ends the run
            return true;
        }
        if (w.state != WorkerProcess.State.DEAD && w.state != WorkerProcess.State.STOPPED) onDeath(w);
        return true;
    }

    /**
     * A worker that has not reported ready yet: if it exited, it is restarted (a kill, or a command that has
     * started elsewhere), held back (a failure that looks deterministic), or the run ends (every worker failed
     * so, or the allocation is gone). One that takes longer than {@code workerStartTimeout} is killed and
     * restarted if another worker could start, else the run ends.
     */
    private void checkStarting(WorkerProcess w) {
        boolean anyReady = workers.stream().anyMatch(x -> x.everReady);
        if (w.exited()) {
            deathNoticed.add(System.nanoTime());
            checkAllocation(w);
            if (w.launchFailure == null
                    && startup.classify(w.id, w.exitCode, anyReady) == StartupFailures.Verdict.RESTART) {
                warn("worker " + w.id + " exited with code " + w.exitCode + " before it was ready"
                        + (StartupFailures.bySignal(w.exitCode) ? " (killed by signal " + (w.exitCode - 128) + ")" : "")
                        + "; restarting it; log: " + dir.workerLog(w.id));
                restart(w, "exited with code " + w.exitCode + " before it was ready");
                return;
            }
            setState(w, WorkerProcess.State.DEAD);
            if (w.launchFailure == null && !startup.allHeld(workers.size())) {
                warn("worker " + w.id + " exited with code " + w.exitCode + " before it was ready; it is held back until "
                        + "another worker starts (if every worker fails so, the run ends); log: " + dir.workerLog(w.id));
            }
            if (w.launchFailure != null || startup.allHeld(workers.size())) {
                throw new RunFailedException((workers.size() > 1 && w.launchFailure == null
                        ? "all " + workers.size() + " workers exited before they were ready (exit code "
                        + startup.exitCodes() + "): a start-up failure, not a fault; worker " + w.id + " exited with code "
                        : "worker " + w.id + " exited with code ") + w.exitCode + " before it was ready" + launchDetail(w));
            }
            return;
        }
        if (System.nanoTime() - w.launchedNanos > options.workerStartTimeout().toNanos()) {
            String why = "did not report ready within " + options.workerStartTimeout().toSeconds() + " s";
            if (!anyReady) throw new RunFailedException("worker " + w.id + " " + why + launchDetail(w));
            warn("worker " + w.id + " " + why + " (workerStartTimeout); killing and restarting it");
            killAndWait(w);
            restart(w, why);
        }
    }

    /** Ends the run at once if worker {@code w} died because the SLURM allocation is gone. */
    private void checkAllocation(WorkerProcess w) {
        String gone = allocation.ended(w.id, dir.workerLog(w.id), w.exitCode);
        if (gone == null) return;
        throw new AllocationEndedException(gone + ". No worker can start again, so the run stops now instead of "
                + "restarting workers. Completed generations are stored in " + dir.root() + "; resume it in a new "
                + "allocation with: l2l resume " + dir.root());
    }

    /** Reports silent workers, and kills and restarts those silent for {@code hangTimeout}. */
    private void checkLiveness() {
        if (!liveness.enabled()) return;
        boolean[] ready = new boolean[workers.size()];
        for (WorkerProcess w : workers) ready[w.id] = w.state == WorkerProcess.State.READY && !w.exited();
        for (LivenessMonitor.Event e : liveness.check(ready, System.nanoTime())) {
            WorkerProcess w = workers.get(e.worker());
            String who = "worker " + w.id + " (pid " + w.pid + " on host " + w.host + ")";
            switch (e.kind()) {
                case ALIVE_AGAIN -> info("worker " + w.id + " is alive again after " + seconds(e.silentFor()) + " of silence");
                case SILENT -> warn(who + " has been silent for " + seconds(e.silentFor()) + ": no reply and no heartbeat ("
                        + dir.workerHeartbeat(w.id).getFileName() + "). It is stopped, wedged, or its node is unreachable; "
                        + (options.hangTimeout() == null ? "set runner.hangTimeout to have such a worker killed and restarted"
                        : "it is killed and restarted after hangTimeout " + seconds(options.hangTimeout())));
                case HUNG -> {
                    boolean srun = WorkerCommand.isSrun(WorkerCommand.splitPrefix(options.srun()));
                    boolean newSuspect = srun && !w.host.equals("?") && suspectNodes.add(w.host);
                    warn(who + " has been silent for " + seconds(e.silentFor()) + ", over hangTimeout "
                            + seconds(options.hangTimeout()) + ": killing it and giving " + w.queue + " to the others"
                            + (newSuspect ? "; node " + w.host + " may have failed: replacements avoid it (srun --exclude="
                            + String.join(",", suspectNodes) + ")" : ""));
                    // silent: nothing to save, and an srun waiting for a dead node would take long over SIGTERM
                    killAndWait(w, Duration.ofMillis(200));
                    String cancelled = allocation.cancelStep(dir.workerHeartbeat(w.id));
                    if (cancelled != null) info("worker " + w.id + ": cancelled its SLURM step " + cancelled);
                    setState(w, WorkerProcess.State.DEAD);
                    for (WorkerProcess.Task t : takeAll(w)) requeue(t);
                    restart(w, "was silent for " + seconds(e.silentFor()) + " (hangTimeout " + seconds(options.hangTimeout()) + ")");
                }
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private String launchDetail(WorkerProcess w) {
        StringBuilder sb = new StringBuilder();
        if (w.launchFailure != null) sb.append(": ").append(w.launchFailure.getMessage());
        sb.append("\ncommand: ").append(String.join(" ", command(w)));
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

    private void onDeath(WorkerProcess w) {
        deathNoticed.add(System.nanoTime());
        setState(w, WorkerProcess.State.DEAD);
        checkAllocation(w);
        warn("worker " + w.id + " (pid " + w.pid + " on " + w.host + ") died with exit code " + w.exitCode + " holding "
                + w.queue + "; log: " + dir.workerLog(w.id));
        for (WorkerProcess.Task t : takeAll(w)) requeue(t);
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
        info("restarting worker " + w.id + " (restart " + w.restarts + "): it " + why);
        progress.workerRestarted(w.id, why);
        w.closeFiles();
        launch(w);
    }

    private void checkTimeouts() {
        Duration limit = options.individualTimeout();
        if (limit == null) return;
        long now = System.nanoTime();
        for (WorkerProcess w : workers) {
            if (w.state != WorkerProcess.State.READY || w.queue.isEmpty()) continue;
            if (now - w.headSinceNanos > limit.toNanos()) {
                WorkerProcess.Task t = w.queue.peek();
                warn("g" + t.generation() + "/i" + t.index() + " exceeded individualTimeout " + limit + " on worker " + w.id
                        + "; killing the worker");
                killAndWait(w);
                setState(w, WorkerProcess.State.DEAD);
                List<WorkerProcess.Task> held = takeAll(w);
                for (WorkerProcess.Task other : held.subList(1, held.size())) requeue(other);
                failed(w, held.get(0), "timed out after " + limit + " (individualTimeout)");
                restart(w, "was killed after individualTimeout " + limit);
            }
        }
    }

    private void killAndWait(WorkerProcess w) {
        killAndWait(w, Duration.ofSeconds(2));
    }

    private void killAndWait(WorkerProcess w, Duration grace) {
        if (w.launched == null) return;
        w.launched.terminate(grace);
        try {
            w.exitCode = w.launched.exit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("worker {} did not end within 5 s of being killed", w.id);
        }
    }

    // ------------------------------------------------------------------ launching

    private void launch(WorkerProcess w) {
        if (destroyer.shuttingDown()) {
            throw new RunFailedException("the driver is shutting down (Ctrl-C or SIGTERM); worker " + w.id + " is not restarted");
        }
        transport.prepare(w);
        try {
            Files.deleteIfExists(dir.workerHeartbeat(w.id));
        } catch (IOException e) {
            throw RunFileException.writing(dir.workersDir(), "cannot remove the heartbeat file of worker " + w.id, e);
        }
        allocation.launched(w.id, dir.workerLog(w.id));
        w.exitCode = null;
        w.launchFailure = null;
        w.launched = null;
        int incarnation = ++w.incarnation;
        setState(w, WorkerProcess.State.STARTING);
        w.launchedNanos = System.nanoTime();
        w.lastHeardNanos = w.launchedNanos;
        w.pid = -1;
        w.token = null;
        try {
            w.launched = launcher.launch(w.id, command(w), dir.workerLog(w.id)); // not kept: a few KB per worker
        } catch (IOException | RuntimeException e) {
            exits.add(new Exit(w, incarnation, -1, e));
            return;
        }
        w.launched.exit().whenComplete((code, failure) -> {
            exits.add(new Exit(w, incarnation, code == null ? -1 : code, failure));
            LockSupport.unpark(owner);
        });
    }

    private List<String> command(WorkerProcess w) {
        return List.of(WorkerCommand.build(options, dir, w.id, suspectNodes).toStrings());
    }

    // ------------------------------------------------------------------ logs and shutdown

    /**
     * Puts what the workers logged since the last call into {@code generation}'s log zip. The generational
     * {@link #evaluate} calls it after each generation; an asynchronous caller decides when.
     */
    public void archiveLogs(int generation) {
        TreeMap<String, Path> logs = new TreeMap<>();
        for (WorkerProcess w : workers) logs.put("worker-" + w.id + ".log", dir.workerLog(w.id));
        logArchiver.archive(dir.logZip(generation), logs);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (WorkerProcess w : workers) {
            if (w.in != null && w.launched != null && !w.launched.exit().isDone()) {
                try {
                    w.in.append("EXIT");
                } catch (RuntimeException e) {
                    LOG.debug("could not tell worker {} to exit: {}", w.id, e.toString());
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (WorkerProcess w : workers) {
            if (w.launched == null) continue;
            try {
                w.launched.exit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // killed below
            }
        }
        for (WorkerProcess w : workers) {
            try {
                if (w.launched != null && !w.launched.exit().isDone()) {
                    LOG.warn("worker {} did not exit when told to; killing it", w.id);
                    w.launched.terminate(Duration.ofSeconds(2));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not kill worker {}: {}", w.id, e.toString());
            } finally {
                w.closeFiles(); // whatever failed: its file handles are the driver's, needed to record the run's end
            }
        }
        try {
            destroyer.destroyAll();
        } finally {
            destroyer.unregister();
            transport.close();
        }
        for (WorkerProcess w : workers) { // the transport of the run, whose results are in the generation files
            try {
                transport.delete(w.id);
                Files.deleteIfExists(dir.workerHeartbeat(w.id));
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
