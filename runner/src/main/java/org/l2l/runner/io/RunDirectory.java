package org.l2l.runner.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The layout of a run directory. Everything a run writes lives under one directory:
 *
 * <pre>
 * RUN_DIR/                      created owner-only (0700): it lives on a shared filesystem
 *   run.json                    name, seed, status, provenance, summary
 *   experiment.json             the experiment's settings
 *   optimizee.json              the optimizee, as workers recreate it
 *   run.log                     the driver's log
 *   run.lock                    host and PID of the driver while it runs
 *   generations/gen-000042.kryo the individuals and results of generation 42, written once
 *   logs/gen-000042.zip         what the workers logged during generation 42
 *   workers/individuals.data    the individuals given out, appended by the driver (framed Kryo records)
 *   workers/notify              one line (a worker id) per message a worker sent: which .out files have news
 *   workers/worker-3.{in,out}   pipe files of worker 3: IDs of individuals in, IDs of results out
 *   workers/worker-3.results    the results and failures of worker 3, appended by it (framed Kryo records)
 *   workers/worker-3.log        the log of worker 3; no file per individual or per generation
 * </pre>
 */
public record RunDirectory(Path root) {
    /** Normalizes the root to an absolute path. */
    public RunDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code run.json}. */
    public Path runJson() {
        return root.resolve("run.json");
    }

    /** {@code experiment.json}. */
    public Path experimentJson() {
        return root.resolve("experiment.json");
    }

    /** {@code optimizee.json}. */
    public Path optimizeeJson() {
        return root.resolve("optimizee.json");
    }

    /** {@code run.log}. */
    public Path runLog() {
        return root.resolve("run.log");
    }

    /** {@code run.lock}. */
    public Path lockFile() {
        return root.resolve("run.lock");
    }

    /** {@code generations/}. */
    public Path generationsDir() {
        return root.resolve("generations");
    }

    /** The stored file of generation {@code g}. */
    public Path generationFile(int g) {
        return root.resolve(RunArchive.generationPath(g));
    }

    /** {@code batches/}: the batch files of an asynchronous run. */
    public Path batchesDir() {
        return root.resolve("batches");
    }

    /** The stored file of batch {@code b} of an asynchronous run. */
    public Path batchFile(int b) {
        return root.resolve(RunArchive.batchPath(b));
    }

    /** {@code logs/}. */
    public Path logsDir() {
        return root.resolve("logs");
    }

    /** The zip of worker logs of generation {@code g}. */
    public Path logZip(int g) {
        return logsDir().resolve(String.format("gen-%06d.zip", g));
    }

    /** {@code workers/}. */
    public Path workersDir() {
        return root.resolve("workers");
    }

    /** Worker {@code w}'s input pipe (runner to worker). */
    public Path workerIn(int w) {
        return workersDir().resolve("worker-" + w + ".in");
    }

    /** Worker {@code w}'s output pipe (worker to runner). */
    public Path workerOut(int w) {
        return workersDir().resolve("worker-" + w + ".out");
    }

    /** Worker {@code w}'s result file: its results and failures, framed Kryo records it appends. */
    public Path workerResults(int w) {
        return workersDir().resolve("worker-" + w + ".results");
    }

    /** The individuals file of the pool: framed Kryo records the driver appends, read by the workers. */
    public Path individualsFile() {
        return workersDir().resolve("individuals.data");
    }

    /** The notification file every worker appends its id to after writing to its output pipe. */
    public Path notifyFile() {
        return workersDir().resolve("notify");
    }

    /** Worker {@code w}'s heartbeat file, whose modification time it moves forward every few seconds. */
    public Path workerHeartbeat(int w) {
        return workersDir().resolve("worker-" + w + ".alive");
    }

    /**
     * Worker {@code w}'s stop request: created by the driver to end the task of a multi-task step that runs
     * worker {@code w} (one task cannot be signalled through srun without the whole step); the task's
     * heartbeat thread sees it and halts the JVM.
     */
    public Path workerStopRequest(int w) {
        return workersDir().resolve("worker-" + w + ".stop");
    }

    /** The log of the srun client of a multi-task step of workers: srun's own messages, such as each task's end. */
    public Path stepLog() {
        return workersDir().resolve("step.log");
    }

    /** Worker {@code w}'s log: its stdout and stderr, appended across restarts. */
    public Path workerLog(int w) {
        return workersDir().resolve("worker-" + w + ".log");
    }


    /** Whether this looks like a run directory (it has a {@code run.json}). */
    public boolean exists() {
        return Files.isRegularFile(runJson());
    }

    /** Whether generation 0 is stored: a run without it has computed nothing worth keeping. */
    public boolean hasCompletedGeneration() {
        return Files.exists(generationFile(0));
    }

    /**
     * Creates the directory tree, owner-only. With {@code overwrite}, an existing run directory is
     * deleted first; without it, an existing non-empty directory is refused with an
     * {@link IllegalArgumentException} (bad input).
     */
    public void create(boolean overwrite) {
        try {
            if (Files.exists(root)) {
                boolean empty;
                try (Stream<Path> s = Files.list(root)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty) {
                    if (!overwrite) {
                        throw new FileAlreadyExistsException(root.toString(), null, exists()
                                ? "the run directory exists and holds a run with completed generations; resume it (l2l resume), "
                                + "choose another name (or --out DIR), or set overwrite (--overwrite) to replace it"
                                : "the directory exists, is not empty and is not an l2l run directory; choose another name "
                                + "(or --out DIR)");
                    }
                    if (!exists()) {
                        throw new FileAlreadyExistsException(root.toString(), null,
                                "overwrite refused: the directory is not empty and is not an l2l run directory");
                    }
                    deleteTree(root);
                }
            }
            Files.createDirectories(root);
            ownerOnly(root);
            Files.createDirectories(generationsDir());
            Files.createDirectories(logsDir());
            Files.createDirectories(workersDir());
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(root + ": " + e.getReason(), e); // bad input: exit code 2
        } catch (IOException e) {
            throw RunFileException.writing(root, "cannot create the run directory", e);
        }
    }

    /** Deletes a directory tree; missing is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void ownerOnly(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem: nothing more we can do
        }
    }
}
