package org.l2l.runner.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * The one place that knows every child process the runner started. The {@link ProcessLauncher}
 * registers each launched process here and removes it when it ends. On JVM shutdown (normal exit, Ctrl-C, SIGTERM)
 * every process still registered is ended together with its descendants, so an optimizee that itself
 * spawned processes leaves none behind either.
 */
public final class ProcessTreeDestroyer implements ProcessDestroyer {
    private final Set<Process> processes = new LinkedHashSet<>();
    private Thread hook;
    private volatile boolean shuttingDown;

    @Override
    public synchronized boolean add(Process process) {
        if (hook == null) {
            hook = new Thread(() -> {
                shuttingDown = true;
                destroyAll();
            }, "l2l-worker-destroyer");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return processes.add(process);
    }

    @Override
    public synchronized boolean remove(Process process) {
        return processes.remove(process);
    }

    @Override
    public synchronized int size() {
        return processes.size();
    }

    /** Whether the JVM is shutting down and the workers are being ended: launch no more. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Ends every registered process tree: SIGTERM first (srun cancels its step on it), then SIGKILL. */
    public void destroyAll() {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(processes);
        }
        for (Process p : all) terminate(p.toHandle(), Duration.ofSeconds(2));
    }

    /** Removes the shutdown hook; call after a clean shutdown. */
    public synchronized void unregister() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or has run
            }
            hook = null;
        }
    }

    /**
     * Ends a process and its descendants: SIGTERM to all, up to {@code grace} for them to exit, then
     * SIGKILL to whatever is left. Returns when all are gone or after a further 5 s.
     */
    public static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            tree.addAll(root.descendants().toList());
        } catch (RuntimeException e) {
            // the JDK cannot list /proc (out of file handles): end the root at least; its step or process
            // group takes the rest
        }
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) sleep(10);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) sleep(10);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
