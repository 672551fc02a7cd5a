package org.l2l.runner.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.l2l.runner.exec.ProcessTreeDestroyer;
import org.l2l.runner.exec.WorkerLauncher;
import org.l2l.runner.io.RunDirectory;

/**
 * Launches workers into one {@link SimulatedFarm} process instead of one JVM each: the only part of the
 * runner a simulated benchmark replaces. The first launch starts the farm; each launch then tells it to
 * start that worker, whose files the pool has just prepared. Every worker's exit is the farm's exit.
 */
public final class SimulatedFarmLauncher implements WorkerLauncher, AutoCloseable {
    private final RunDirectory dir;
    private final List<String> farmCommand;
    private Process farm;
    private OutputStream farmStdin;
    private CompletableFuture<Integer> farmExit;

    /**
     * A launcher for a farm whose simulated individuals take durations drawn from {@code distribution}
     * ({@code fixed}, {@code uniform} or {@code exponential}) with mean {@code meanMillis}.
     */
    public SimulatedFarmLauncher(RunDirectory dir, String distribution, double meanMillis, long seed, List<String> jvmOptions) {
        this.dir = dir;
        this.farmCommand = SimulatedFarm.command(dir, distribution, meanMillis, seed, jvmOptions);
    }

    /** The farm's process id, or -1 before the first launch. */
    public long farmPid() {
        return farm == null ? -1 : farm.pid();
    }

    @Override
    public Launched launch(int id, List<String> command, Path log) throws IOException {
        if (farm == null) {
            farm = new ProcessBuilder(farmCommand).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.workersDir().resolve("farm.log").toFile())).start();
            farmStdin = farm.getOutputStream();
            farmExit = farm.onExit().thenApply(Process::exitValue);
        }
        farmStdin.write(("START " + id + "\n").getBytes(StandardCharsets.UTF_8));
        farmStdin.flush();
        Process p = farm;
        return new Launched() {
            @Override
            public CompletableFuture<Integer> exit() {
                return farmExit;
            }

            @Override
            public void terminate(Duration grace) {
                ProcessTreeDestroyer.terminate(p.toHandle(), grace);
            }

            @Override
            public void release() {
                // the farm's standard input stays open until the launcher is closed
            }
        };
    }

    /** Closes the farm's standard input, which ends it, and waits for it. */
    @Override
    public void close() {
        if (farm == null) return;
        try {
            farmStdin.close();
        } catch (IOException e) {
            // already gone
        }
        ProcessTreeDestroyer.terminate(farm.toHandle(), Duration.ofSeconds(5));
    }
}
