package org.l2l.runner.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts each worker as a child process with {@link ProcessBuilder}. Its stdout and stderr are appended
 * to the worker log by the operating system ({@code redirectOutput}), so no thread copies them, and its
 * end is seen through {@link Process#onExit()}: the driver needs no thread of its own per worker (the JDK
 * keeps one small "process reaper" thread per live child process; commons-exec added three: its executor
 * and two stream pumpers). The worker's standard input is a pipe the driver keeps open and never writes
 * to: when the driver dies, even by SIGKILL, the pipe closes and the worker exits.
 *
 * <p>Every process is registered with the {@link ProcessTreeDestroyer}, the one place that knows every
 * child and ends them all on JVM shutdown.
 */
public final class ProcessLauncher implements WorkerLauncher {
    private final ProcessTreeDestroyer destroyer;

    /** A launcher registering its processes with {@code destroyer}. */
    public ProcessLauncher(ProcessTreeDestroyer destroyer) {
        this.destroyer = destroyer;
    }

    @Override
    public Launched launch(int id, List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        destroyer.add(p);
        CompletableFuture<Integer> exit = p.onExit().thenApply(done -> {
            destroyer.remove(done);
            return done.exitValue();
        });
        OutputStream stdin = p.getOutputStream();
        return new Launched() {
            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }

            @Override
            public void terminate(Duration grace) {
                ProcessTreeDestroyer.terminate(p.toHandle(), grace);
            }

            @Override
            public void release() {
                try {
                    stdin.close();
                } catch (IOException e) {
                    // the process is gone; nothing useful can be done about a failed close
                }
            }
        };
    }
}
