package org.l2l.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.runner.exec.WorkerPool;
import org.l2l.runner.io.AheadFiles;
import org.l2l.runner.io.AtomicFiles;
import org.l2l.runner.io.JsonViews;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;
import org.l2l.runner.io.RunLock;
import org.l2l.runner.io.RunLog;
import org.l2l.runner.progress.ConsoleProgress;
import org.l2l.runner.progress.ProgressBroadcast;
import org.l2l.runner.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's entry point, after L2L's {@code Experiment}: prepare a run directory and trajectory,
 * run an optimizer against an optimizee generation by generation, and end the run.
 *
 * <pre>{@code
 * Experiment experiment = new Experiment(Path.of("runs"));
 * Trajectory traj = experiment.prepareExperiment(ExperimentOptions.builder()
 *         .name("sphere").seed(7).runner(RunnerOptions.builder().maxWorkers(2).build()).build());
 * Optimizee optimizee = new Sphere(2);
 * Optimizer optimizer = new GeneticAlgorithm(optimizee, FitnessWeights.of(-1),
 *         GeneticAlgorithmParameters.builder().popSize(20).nIteration(30).build());
 * experiment.runExperiment(optimizer, optimizee);
 * experiment.endExperiment(optimizer);
 * }</pre>
 */
public final class Experiment {
    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path rootDir;
    /** The run directory when given explicitly ({@link #inDirectory}); null: {@code rootDir/name}. */
    private final Path runDir;
    private ExperimentOptions options;
    private RunDirectory dir;
    private Trajectory trajectory;
    private RunLock lock;
    private RunLog runLog;
    private ObjectNode provenance;
    private Instant started;
    private String status = "prepared";
    /** How many stored generations {@link #runExperiment} replays (read from disk one at a time) for an optimizer without checkpoints. */
    private int storedForReplay;
    /** The last stored generation of a resumed run, when it carries the optimizer's state. */
    private KryoCodec.GenerationRecord checkpoint;
    /**
     * The stored generations {@link #resumeExperiment} has read already (the first and the last) for the replay, which
     * takes them from here instead of reading them again.
     */
    private final java.util.Map<Integer, KryoCodec.GenerationRecord> readForReplay = new java.util.HashMap<>();
    /** The driver's one codec for the run files (Kryo is not thread-safe: only the driver's thread uses it). */
    private final KryoCodec codec = new KryoCodec();
    private long evaluationCount;
    /** The first generation of a run that continues an earlier one; empty if nothing is left to do. */
    private List<Parameters> continuation;
    private String previousStatus = "";
    private String continuedFrom;
    private int resumedGenerations = -1;
    /** The last stored batch of a resumed asynchronous run, or null. */
    private KryoCodec.BatchRecord batchCheckpoint;
    /** Asynchronous runs: the batches stored so far; -1 for a generational run. */
    private int batches = -1;
    /** {@code System.nanoTime()} of the last {@code run.json} write; 0 before the first. */
    private long lastRunJsonNanos;
    /** The least time between two progress updates of {@code run.json}. */
    private static final long PROGRESS_NANOS = 1_000_000_000L;
    /** The progress listeners; a listener that throws is dropped with a warning. */
    private final ProgressBroadcast progress = new ProgressBroadcast((listener, e) -> {
        String msg = "progress listener " + listener.getClass().getName() + " threw " + e + "; it gets no further events";
        LOG.warn(msg);
        if (runLog != null) runLog.warn(msg);
    });

    /** An experiment whose runs go into directories under {@code rootDir}. */
    public Experiment(Path rootDir) {
        this.rootDir = rootDir.toAbsolutePath().normalize();
        this.runDir = null;
    }

    private Experiment(Path rootDir, Path runDir) {
        this.rootDir = rootDir;
        this.runDir = runDir;
    }

    /**
     * An experiment whose run goes into {@code runDir} itself, whatever the run's name (the command line's
     * {@code --out DIR}); the name stays the experiment's own, in {@code run.json} and {@code inspect}.
     */
    public static Experiment inDirectory(Path runDir) {
        Path d = runDir.toAbsolutePath().normalize();
        return new Experiment(d.getParent() == null ? d : d.getParent(), d);
    }

    /**
     * Creates the run directory {@code rootDir/name} and the trajectory. Refuses an existing run
     * directory unless {@code overwrite} is set, and a directory another driver is using in any case.
     */
    public Trajectory prepareExperiment(ExperimentOptions options) {
        if (this.options != null) throw new IllegalStateException("prepareExperiment was already called");
        options.runner().checkCapacity(Runtime.getRuntime().availableProcessors());
        RunDirectory d = new RunDirectory(runDir != null ? runDir : rootDir.resolve(options.name()));
        // A run that failed before its first generation completed holds nothing worth keeping: the
        // corrected experiment replaces it (its lock is taken first, so a live driver is never disturbed).
        boolean replaceUnfinished = !options.overwrite() && d.exists() && !d.hasCompletedGeneration();
        String replaced = replaceUnfinished ? describeReplaced(d) : null;
        if ((options.overwrite() || replaceUnfinished) && d.exists()) {
            RunLock.acquire(d.lockFile()).close(); // refuses if a live driver holds it
        }
        d.create(options.overwrite() || replaceUnfinished);
        this.options = options;
        this.dir = d;
        this.lock = RunLock.acquire(d.lockFile());
        this.runLog = new RunLog(d.runLog());
        this.trajectory = new Trajectory(options.trajectoryName());
        this.started = Instant.now();
        putRunMetadata();
        if (replaced != null) {
            String msg = "replaced " + d.root() + ", an earlier run with no completed generation (" + replaced + ")";
            LOG.info(msg);
            runLog.info(msg);
        }
        runLog.info("prepared run '" + options.name() + "' in " + d.root() + " (seed " + options.seed() + ")");
        writeRunJson(null);
        return trajectory;
    }

    /** What {@code run.json} of a run about to be replaced says: its status and error. */
    private static String describeReplaced(RunDirectory d) {
        try {
            com.fasterxml.jackson.databind.JsonNode old = MAPPER.readTree(d.runJson().toFile());
            String error = old.path("error").asText("");
            return "status " + old.path("status").asText("?") + (error.isEmpty() ? "" : ": " + error.lines().findFirst().orElse(""));
        } catch (IOException | RuntimeException e) {
            return "its run.json is unreadable";
        }
    }

    /**
     * Reopens an existing run directory to continue it (L2L's continuable runs): the stored generations
     * are loaded, and the next {@link #runExperiment} replays them through the optimizer, checking that
     * it proposes exactly the stored individuals, then continues with the first generation not stored.
     * The optimizer and optimizee must be built as for the original run (same parameters and seeds); the
     * result is then identical to an uninterrupted run.
     *
     * @param runDir the run directory
     * @param runner the runner options to continue with (the worker pool may differ from the original run)
     * @return the trajectory; the stored generations stay on disk and are read one at a time while replayed
     * @throws IllegalStateException if the directory is not a run, or another driver is using it
     */
    public Trajectory resumeExperiment(Path runDir, RunnerOptions runner) {
        if (this.options != null) throw new IllegalStateException("prepareExperiment or resumeExperiment was already called");
        RunDirectory d = new RunDirectory(runDir);
        if (!d.exists()) throw new IllegalArgumentException(runDir + " is not an l2l run directory (it has no run.json)");
        com.fasterxml.jackson.databind.JsonNode old;
        try {
            old = MAPPER.readTree(d.runJson().toFile());
        } catch (IOException e) {
            throw new RunFileException(d.runJson(), "cannot be read", e);
        }
        if (old.path("status").asText("").equals("failed") && !d.hasCompletedGeneration()) {
            throw new IllegalArgumentException(d.root() + " failed before its first generation completed ("
                    + old.path("error").asText("no error recorded").lines().findFirst().orElse("") + "), so there is nothing "
                    + "to resume. Correct the experiment and start it again (l2l run EXPERIMENT.json, or prepareExperiment "
                    + "in a driver program); the new run replaces this directory.");
        }
        runner.checkCapacity(Runtime.getRuntime().availableProcessors());
        this.lock = RunLock.acquire(d.lockFile());
        this.options = ExperimentOptions.builder().name(old.path("name").asText(d.root().getFileName().toString()))
                .trajectoryName(old.path("trajectory").asText("trajectory")).seed(old.path("seed").asLong(42))
                .runner(runner).build();
        this.dir = d;
        this.runLog = new RunLog(d.runLog());
        this.trajectory = new Trajectory(options.trajectoryName());
        this.started = java.time.Instant.parse(old.path("started").asText(Instant.now().toString()));
        this.previousStatus = old.path("status").asText("");
        String from = old.path("metadata").path("continuedFrom").asText("");
        this.continuedFrom = from.isEmpty() ? null : from;
        putRunMetadata();
        trajectory.putMetadata("resumed", Instant.now().toString());
        int last = -1;
        while (java.nio.file.Files.exists(d.generationFile(last + 1))) last++;
        if (last >= 0) {
            KryoCodec.GenerationRecord rec = codec.read(d.generationFile(last), KryoCodec.GenerationRecord.class);
            if (rec.optimizerState() != null) {
                checkpoint = rec; // constant-time resume: only the last generation is read
            } else {
                storedForReplay = last + 1; // replayed one file at a time, so memory does not grow with the run
                readForReplay.put(last, rec);
                if (last > 0) { // fails early on an unreadable file
                    readForReplay.put(0, codec.read(d.generationFile(0), KryoCodec.GenerationRecord.class));
                }
            }
        }
        try {
            RunDirectory.deleteTree(d.root().resolve("work")); // the interrupted generation's transient files
        } catch (IOException e) {
            throw RunFileException.writing(d.root().resolve("work"), "cannot remove the interrupted generation's files", e);
        }
        this.resumedGenerations = last + 1;
        int storedBatches = AsyncRun.storedBatches(d);
        if (storedBatches > 0) {
            batchCheckpoint = codec.read(d.batchFile(storedBatches - 1), KryoCodec.BatchRecord.class);
            this.resumedGenerations = storedBatches;
            runLog.info("resuming asynchronous run '" + options.name() + "' in " + d.root() + " after " + storedBatches
                    + " stored batches (it was " + previousStatus + ")");
            return trajectory;
        }
        runLog.info("resuming run '" + options.name() + "' in " + d.root() + " after " + (last + 1)
                + " stored generations (it was " + previousStatus + ")");
        return trajectory;
    }

    /**
     * Makes this new run continue an earlier one (L2L's {@code checkpoint}): {@code firstGeneration} is
     * what the optimizer's {@code continueFrom} returned for the earlier run's last state (null if there
     * is nothing left to do), and {@code from} names the earlier run in the metadata.
     */
    public void continueWith(List<Parameters> firstGeneration, String from) {
        requirePrepared();
        continuation = firstGeneration == null ? List.of() : List.copyOf(firstGeneration);
        trajectory.putMetadata("continuedFrom", from);
        runLog.info("continuing from " + from);
    }

    /**
     * For a resumed run that continued an earlier one ({@link #continueWith}) and stored no generation
     * yet: the earlier run, whose state the optimizer must continue from again. Empty otherwise.
     */
    public java.util.Optional<String> pendingContinuation() {
        return resumedGenerations == 0 ? java.util.Optional.ofNullable(continuedFrom) : java.util.Optional.empty();
    }

    private void putRunMetadata() {
        trajectory.putMetadata("name", options.name());
        trajectory.putMetadata("seed", Long.toString(options.seed()));
        trajectory.putMetadata("started", started.toString());
        trajectory.putMetadata("runDirectory", dir.root().toString());
    }

    /** Whether the reopened run had already finished (after {@link #resumeExperiment}). */
    public boolean wasFinished() {
        return previousStatus.equals("finished") || previousStatus.equals("completed");
    }

    /** The run directory (after {@link #prepareExperiment}). */
    public RunDirectory runDirectory() {
        requirePrepared();
        return dir;
    }

    /** The trajectory (after {@link #prepareExperiment}). */
    public Trajectory trajectory() {
        requirePrepared();
        return trajectory;
    }

    /**
     * Adds a listener for the run's live progress: each generation's start and end, and each evaluation
     * as its result comes back (see {@link ProgressListener}). Add listeners before {@link #runExperiment}.
     * A driver program that adds none and has no SLF4J backend on its classpath (so that it would see no
     * log output) gets {@link ConsoleProgress} on standard output: a line redrawn in place on a terminal,
     * else a plain line every 10 seconds (the system property {@code l2l.progressInterval}, in seconds).
     * Adding any listener, even {@link ProgressListener#NONE}, replaces that default.
     *
     * @param listener the listener
     */
    public void addProgressListener(ProgressListener listener) {
        progress.add(listener);
    }

    /**
     * Runs {@code optimizer} against {@code optimizee} until the optimizer finishes. Each generation
     * is stored in the run directory as soon as it is complete. Workers are stopped when this returns
     * or throws.
     *
     * @throws RunFailedException if the run had to stop; the message names the culprit
     */
    public Trajectory runExperiment(Optimizer optimizer, Optimizee optimizee) {
        requirePrepared();
        if (optimizer instanceof AsyncOptimizer a && asynchronous()) return runAsync(a, optimizee);
        if (batchCheckpoint != null) {
            throw new IllegalStateException("the run in " + dir.root() + " was asynchronous (it has batch files); resume it "
                    + "without runner.barrier");
        }
        long optimizeeSeed = begin(optimizer, optimizer.fitnessWeights(), optimizer::describe, optimizee, null);
        RunnerOptions ro = options.runner();
        Instant deadline = ro.timeout() == null ? null : Instant.now().plus(ro.timeout());
        Thread interrupted = new Thread(this::markInterrupted, "l2l-run-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            OptimizeeCodec.write(dir.optimizeeJson(), optimizee, optimizeeSeed);
            writeRunJson(null);
            optimizer.useRunDirectory(dir.root());
            List<Parameters> next = replay(optimizer);
            if (next != null) try (Evaluator evaluator = evaluator(optimizee, optimizeeSeed); AheadFiles files = new AheadFiles()) {
                files.prepare(dir.generationFile(trajectory.generationCount()));
                evaluator.progress(progress);
                runLog.info("evaluating with " + (ro.inProcess() ? ro.maxWorkers() + " in-process threads"
                        : ro.maxWorkers() + " worker JVMs" + (ro.srun().isEmpty() ? "" : " via '" + ro.srun() + "'")));
                while (next != null) {
                    int g = trajectory.generationCount();
                    List<Individual> inds = trajectory.expand(next);
                    long t0 = System.nanoTime();
                    progress.generationStarted(g, inds.size(), ro.maxWorkers());
                    GenerationResult result = evaluator.evaluate(g, inds, optimizer.fitnessWeights());
                    trajectory.addResults(result);
                    evaluationCount += result.size();
                    Step step;
                    try {
                        step = optimizer.next(result);
                    } catch (RuntimeException e) {
                        store(files, result, null); // keep what was computed
                        throw e;
                    }
                    store(files, result, optimizer.saveState());
                    long took = System.nanoTime() - t0;
                    logGeneration(result, took / 1e6);
                    writeProgress();
                    progress.generationFinished(result, trajectory.best(), Duration.ofNanos(took));
                    if (step instanceof Step.Finished f) {
                        runLog.info("optimizer finished: " + f.reason());
                        next = null;
                        continue;
                    }
                    next = ((Step.Next) step).individuals();
                    if (deadline != null && Instant.now().isAfter(deadline)) {
                        throw new RunFailedException("the run exceeded its timeout of " + ro.timeout() + " after generation "
                                + g + "; generations 0.." + g + " are stored in " + dir.root());
                    }
                }
            }
            synchronized (this) {
                status = "completed";
                writeRunJson(null);
            }
            progress.runEnded(status);
            return trajectory;
        } catch (RuntimeException | Error e) {
            throw ended(e, optimizee);
        } finally {
            removeHook(interrupted);
        }
    }

    /**
     * What both run loops do first: refuse a second call, add console progress if nothing logs, and record the
     * run's metadata ({@code mode} if not null) and the optimizer's description. Returns the optimizee's seed.
     */
    private long begin(Object optimizer, FitnessWeights weights, java.util.function.Consumer<Trajectory> describe,
                       Optimizee optimizee, String mode) {
        if (!status.equals("prepared")) throw new IllegalStateException("runExperiment was already called");
        if (progress.isEmpty() && noLoggingBackend()) progress.add(ConsoleProgress.forStdout(defaultProgressInterval()));
        status = "running";
        long optimizeeSeed = Rng.deriveSeed(options.seed(), "optimizee");
        trajectory.putMetadata("optimizeeSeed", Long.toString(optimizeeSeed));
        trajectory.putMetadata("optimizer", optimizer.getClass().getName());
        trajectory.putMetadata("optimizee", optimizee.getClass().getName());
        trajectory.putMetadata("fitnessWeights", weights.toString());
        trajectory.rankBy(weights);
        if (mode != null) trajectory.putMetadata("mode", mode);
        describe.accept(trajectory);
        return optimizeeSeed;
    }

    /**
     * Records a run that ended by {@code e} ({@code run.json}, {@code run.log}) and returns what the caller
     * throws: an optimizee's broken contract named after the optimizee; any other runtime exception as it is;
     * an {@link Error} (out of native threads, processes or memory, for example while launching workers: the
     * pool is closed already by then, so no worker is left) as a one-line {@link RunFailedException}, instead
     * of a dead main thread in a JVM that never exits.
     */
    private RuntimeException ended(Throwable e, Optimizee optimizee) {
        RuntimeException out;
        if (e instanceof OptimizeeContractException c) {
            out = new OptimizeeContractException("optimizee " + optimizee.getClass().getName() + ": " + c.getMessage());
            out.initCause(c);
        } else if (e instanceof RuntimeException r) {
            out = r;
        } else {
            out = new RunFailedException("the driver ran out of a resource: " + e
                    + (trajectory.completedGenerations() > 0 ? "; completed generations are stored in " + dir.root() : ""), e);
        }
        fail(out);
        return out;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run
        }
    }

    /**
     * Whether an optimizer that is also asynchronous runs without the barrier: unless {@code runner.barrier} is
     * set, or the run continues a generational one (stored generation files, or {@link #continueWith}).
     */
    private boolean asynchronous() {
        return !options.runner().barrier() && checkpoint == null && storedForReplay == 0 && continuation == null;
    }

    /**
     * Runs an asynchronous optimizer against {@code optimizee} without a generation barrier ({@link AsyncRun}):
     * workers get new proposals as soon as they can take them, and results are stored in batch files. A resumed
     * run continues from its last batch. Workers are stopped when this returns or throws.
     *
     * @throws RunFailedException if the run had to stop; the message names the culprit
     * @throws IllegalStateException if {@code runner.barrier} is set (it needs a generational optimizer)
     */
    public Trajectory runExperiment(AsyncOptimizer optimizer, Optimizee optimizee) {
        requirePrepared();
        if (!asynchronous()) {
            throw new IllegalStateException("runner.barrier (or a generational run to continue) needs a generational "
                    + "optimizer; " + optimizer.getClass().getName() + " is asynchronous only");
        }
        return runAsync(optimizer, optimizee);
    }

    private Trajectory runAsync(AsyncOptimizer optimizer, Optimizee optimizee) {
        long optimizeeSeed = begin(optimizer, optimizer.fitnessWeights(), optimizer::describe, optimizee,
                "asynchronous (" + optimizer.ordering().name().toLowerCase(java.util.Locale.ROOT) + ")");
        batches = 0;
        RunnerOptions ro = options.runner();
        Instant deadline = ro.timeout() == null ? null : Instant.now().plus(ro.timeout());
        Thread interrupted = new Thread(this::markInterrupted, "l2l-run-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            OptimizeeCodec.write(dir.optimizeeJson(), optimizee, optimizeeSeed);
            writeRunJson(null);
            optimizer.useRunDirectory(dir.root());
            try (Evaluator evaluator = evaluator(optimizee, optimizeeSeed)) {
                evaluator.progress(progress);
                if (!(evaluator instanceof AsyncEvaluator async)) {
                    throw new IllegalStateException(evaluator.getClass().getName() + " cannot evaluate without a barrier");
                }
                runLog.info("evaluating asynchronously with " + (ro.inProcess() ? ro.maxWorkers() + " in-process threads"
                        : ro.maxWorkers() + " worker JVMs" + (ro.srun().isEmpty() ? "" : " via '" + ro.srun() + "'")));
                AsyncRun run = new AsyncRun(dir, runLog, trajectory, ro, (b, n) -> {
                    batches = b + 1;
                    evaluationCount = n;
                    writeProgress();
                });
                run.run(optimizer, async, batchCheckpoint, deadline);
                runLog.info("optimizer finished after " + run.evaluations() + " evaluations in " + run.batches() + " batches");
            }
            synchronized (this) {
                status = "completed";
                writeRunJson(null);
            }
            progress.runEnded(status);
            return trajectory;
        } catch (RuntimeException | Error e) {
            throw ended(e, optimizee);
        } finally {
            removeHook(interrupted);
        }
    }

    /** Lets an asynchronous optimizer record its final results, writes the final summary and releases the run directory. */
    public void endExperiment(AsyncOptimizer optimizer) {
        endExperiment(optimizer::end);
    }

    /** Records the failure in {@code run.json} and {@code run.log} as well as the storage allows, and releases the run. */
    private void fail(RuntimeException e) {
        synchronized (this) {
            if (e instanceof AllocationEndedException) status = "interrupted";
            else if (!status.equals("interrupted")) status = "failed";
            if (runLog != null) runLog.error(e.getMessage() == null ? e.toString() : e.getMessage());
            try {
                writeRunJson(e);
            } catch (RuntimeException | Error again) {
                e.addSuppressed(again); // a full disk: the failure itself is what the caller must see
            }
        }
        progress.runEnded(status);
        try {
            release();
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    /**
     * Writes generation {@code result.generation()} once, with the optimizer's state after it, and starts
     * creating the next generation's file, which is then ready when that generation is ({@link AheadFiles}).
     */
    private void store(AheadFiles files, GenerationResult result, byte[] optimizerState) {
        int g = result.generation();
        files.write(dir.generationFile(g), codec.encode(new KryoCodec.GenerationRecord(result, optimizerState,
                trajectory.best().orElse(null), evaluationCount)));
        files.prepare(dir.generationFile(g + 1));
    }

    /**
     * Feeds the stored generations of a resumed run to the optimizer, checking that it proposes exactly
     * the stored individuals. Returns the proposals of the first generation not stored, or null if the
     * optimizer finished within the stored ones.
     */
    private List<Parameters> replay(Optimizer optimizer) {
        if (continuation != null) return continuation.isEmpty() ? null : continuation;
        if (checkpoint != null) {
            List<Parameters> next = optimizer.restoreState(checkpoint.optimizerState());
            trajectory.resumeAt(checkpoint.result().generation() + 1, checkpoint.bestSoFar());
            evaluationCount = checkpoint.evaluationsSoFar();
            runLog.info("restored the optimizer's state after generation " + checkpoint.result().generation()
                    + "; continuing with generation " + (checkpoint.result().generation() + 1));
            return next;
        }
        List<Parameters> proposals = optimizer.firstGeneration();
        if (storedForReplay == 0) return proposals;
        List<Parameters> next = proposals;
        for (int g = 0; g < storedForReplay; g++) {
            KryoCodec.GenerationRecord stored = readForReplay.remove(g);
            if (stored == null) stored = codec.read(dir.generationFile(g), KryoCodec.GenerationRecord.class);
            GenerationResult r = stored.result();
            if (next == null) {
                throw new RunFailedException("cannot resume: the optimizer finished before generation " + g
                        + ", which is stored in " + dir.generationFile(g));
            }
            if (next.size() != r.size()) {
                throw new RunFailedException("cannot resume " + dir.root() + ": the optimizer proposes " + next.size()
                        + " individuals for generation " + g + ", but " + r.size() + " are stored. Are the optimizer's "
                        + "parameters (popSize, seed) those of the original run?");
            }
            for (int i = 0; i < next.size(); i++) {
                if (!next.get(i).equals(r.evaluations().get(i).individual().params())) {
                    throw new RunFailedException("cannot resume " + dir.root() + ": generation " + g + ", individual " + i
                            + " differs from the stored one (" + next.get(i) + " vs "
                            + r.evaluations().get(i).individual().params() + "). Are the optimizer's parameters and seed "
                            + "those of the original run?");
                }
            }
            trajectory.expand(next);
            trajectory.addResults(r);
            evaluationCount += r.size();
            Step step = optimizer.next(r);
            next = step instanceof Step.Next n ? n.individuals() : null;
        }
        runLog.info("replayed " + storedForReplay + " stored generations; continuing with generation " + storedForReplay);
        return next;
    }

    /**
     * On Ctrl-C or SIGTERM while running: records the status {@code interrupted}. The stored generations
     * are complete files already; the worker pool's own hook ends the workers.
     */
    private synchronized void markInterrupted() {
        if (!status.equals("running")) return;
        status = "interrupted";
        try {
            if (runLog != null) runLog.warn("interrupted (Ctrl-C or SIGTERM); generations 0.."
                    + (trajectory.generationCount() - 2) + " are complete in " + dir.root());
            writeRunJson(null);
        } catch (RuntimeException e) {
            // the driver is going down; the generation files are what matters and they are complete
        }
    }

    /** Lets the optimizer record its final results, writes the final summary and releases the run directory. */
    public void endExperiment(Optimizer optimizer) {
        endExperiment(optimizer::end);
    }

    private void endExperiment(java.util.function.Consumer<Trajectory> end) {
        requirePrepared();
        if (wasFinished() && status.equals("prepared")) { // a finished run reopened: leave it as it was
            release();
            return;
        }
        try {
            end.accept(trajectory);
            if (status.equals("completed")) status = "finished";
            trajectory.putMetadata("ended", Instant.now().toString());
            writeRunJson(null);
            if (runLog != null) {
                trajectory.best().ifPresent(b -> runLog.info("best: " + b));
                runLog.info("run ended with status " + status);
            }
            if (options.runner().archive()) {
                Path zip = dir.root().resolveSibling(dir.root().getFileName() + ".zip");
                int files = org.l2l.runner.io.RunArchive.write(dir.root(), zip);
                if (runLog != null) runLog.info("archived the run into " + zip + " (" + files + " files)");
            }
        } finally {
            release();
        }
    }

    /**
     * The time between two plain progress lines of a driver program without an SLF4J backend: the system
     * property {@code l2l.progressInterval} in seconds, else 10 s.
     */
    private static Duration defaultProgressInterval() {
        String v = System.getProperty("l2l.progressInterval", "10");
        try {
            double s = Double.parseDouble(v);
            if (s > 0 && s <= 86_400) return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("the system property l2l.progressInterval must be a number of seconds in "
                + "(0, 86400], but was '" + v + "'");
    }

    /** Whether SLF4J found no backend, so that log output goes nowhere. */
    private static boolean noLoggingBackend() {
        return LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory;
    }

    private Evaluator evaluator(Optimizee optimizee, long optimizeeSeed) {
        RunnerOptions ro = options.runner();
        if (ro.inProcess()) {
            try {
                optimizee.prepare(dir.root(), -1);
            } catch (Exception e) {
                throw new RunFailedException("the optimizee cannot start: " + e.getMessage(), e);
            }
            return new InProcessEvaluator(optimizee, optimizeeSeed, ro);
        }
        // checked before anything is launched: under 'mvn exec:java' the driver's classpath is Maven's launcher
        RunnerOptions workerOptions = ro.toBuilder()
                .workerClasspath(org.l2l.runner.exec.WorkerClasspath.resolve(ro, optimizee.getClass())).build();
        if (options.debug()) {
            List<String> jvm = new java.util.ArrayList<>(ro.jvmOptions());
            jvm.add("-Dl2l.debug=true");
            workerOptions = workerOptions.toBuilder().jvmOptions(jvm).build();
        }
        WorkerPool pool = new WorkerPool(dir, workerOptions, runLog);
        try {
            pool.start();
        } catch (RuntimeException | Error e) {
            try {
                pool.close(); // every worker launched so far, whatever failed
            } catch (RuntimeException | Error again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return pool;
    }

    private void logGeneration(GenerationResult r, double millis) {
        String best = r.best().map(e -> java.util.Arrays.toString(e.fitness()) + " " + e.individual().params()).orElse("none");
        String msg = String.format("generation %d: %d individuals, %d failed, %.1f ms, best %s", r.generation(), r.size(),
                r.failures().size(), millis, best);
        runLog.info(msg);
        LOG.info(msg);
    }

    /**
     * Updates {@code run.json}'s progress (generations, evaluations, best) after a generation, at most once
     * a second, so that short generations do not cost a file creation and rename each: the generation
     * files are the record, and every change of status is written at once.
     */
    private void writeProgress() {
        long now = System.nanoTime();
        if (lastRunJsonNanos != 0 && now - lastRunJsonNanos < PROGRESS_NANOS) return;
        writeRunJson(null);
    }

    private synchronized void writeRunJson(RuntimeException error) {
        lastRunJsonNanos = System.nanoTime();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", 1);
        n.put("name", options.name());
        n.put("trajectory", options.trajectoryName());
        n.put("status", status);
        if (error != null) n.put("error", error.getMessage() == null ? error.toString() : error.getMessage());
        n.put("seed", options.seed());
        n.put("started", started.toString());
        trajectory.metadata("ended").ifPresent(v -> n.put("ended", v));
        n.put("mode", batches >= 0 ? "asynchronous" : "generational");
        if (batches >= 0) n.put("batches", batches);
        n.put("generations", trajectory.completedGenerations());
        n.put("evaluations", evaluationCount);
        trajectory.best().ifPresent(b -> n.set("best", JsonViews.evaluation(b)));
        ObjectNode meta = n.putObject("metadata");
        trajectory.metadata().forEach(meta::put);
        ObjectNode params = n.putObject("parameters");
        trajectory.groups().forEach(g -> {
            ObjectNode gn = params.putObject(g.name());
            for (Map.Entry<String, Object> e : g.values().entrySet()) {
                if (e.getValue() instanceof double[] d) gn.set(e.getKey(), JsonViews.doubles(d));
                else gn.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
            }
        });
        n.set("runner", MAPPER.valueToTree(runnerView(options.runner())));
        if (provenance == null) {
            provenance = MAPPER.createObjectNode();
            Provenance.describe(provenance); // once per run: it asks git
        }
        n.set("provenance", provenance);
        try {
            AtomicFiles.writeString(dir.runJson(), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } catch (IOException e) {
            throw RunFileException.writing(dir.runJson(), "cannot be written", e);
        }
    }

    private static ObjectNode runnerView(RunnerOptions r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("maxWorkers", r.maxWorkers());
        n.put("srun", r.srun());
        n.put("launch", r.launch().toString());
        ArrayNode jvm = n.putArray("jvmOptions");
        r.jvmOptions().forEach(jvm::add);
        n.put("inProcess", r.inProcess());
        n.put("maxRetries", r.maxRetries());
        n.put("stopRun", r.stopRun());
        n.put("timeout", r.timeout() == null ? null : r.timeout().toString());
        n.put("individualTimeout", r.individualTimeout() == null ? null : r.individualTimeout().toString());
        n.put("workAhead", r.workAhead());
        n.put("workerStartTimeout", r.workerStartTimeout().toString());
        n.put("silenceWarning", r.silenceWarning() == null ? null : r.silenceWarning().toString());
        n.put("hangTimeout", r.hangTimeout() == null ? null : r.hangTimeout().toString());
        n.put("barrier", r.barrier());
        n.put("batchInterval", r.batchInterval().toString());
        n.put("batchSize", r.batchSize());
        if (!r.workerClasspath().isEmpty()) n.put("workerClasspath", r.workerClasspath());
        n.put("oversubscribe", r.oversubscribe());
        return n;
    }

    /** The best evaluation so far. */
    public java.util.Optional<Evaluation> best() {
        return trajectory.best();
    }

    /** How long the run has been going. */
    public Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    private void release() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
        if (runLog != null) {
            runLog.close();
            runLog = null;
        }
    }

    private void requirePrepared() {
        if (options == null) throw new IllegalStateException("call prepareExperiment first");
    }
}
