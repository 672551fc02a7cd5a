package org.l2l.runner.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts worker processes for the pool: the one seam between the pool and the operating system. The
 * default, {@link ProcessLauncher}, starts each command as a child process; a benchmark can host
 * simulated workers instead, which then speak the same pipe-file protocol through the same files.
 */
public interface WorkerLauncher {
    /**
     * Starts worker {@code id}.
     *
     * @param command the worker command, an argument list (the {@code srun} prefix included, if any)
     * @param log the worker's log, to which its stdout and stderr are appended
     * @throws IOException if the command cannot be started at all (for example, it does not exist)
     */
    Launched launch(int id, List<String> command, Path log) throws IOException;

    /** A started worker, as the pool supervises it. */
    interface Launched {
        /** Completes with the exit code when the worker's process ends; must not need a thread per worker. */
        CompletableFuture<Integer> exit();

        /** Ends the worker and its descendants: SIGTERM, {@code grace} to exit, then SIGKILL. Returns when gone. */
        void terminate(Duration grace);

        /** Releases what the driver holds of the worker (its standard input) once it has ended. */
        void release();
    }
}
