package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Checks on real processes. */
final class ProcessAssertions {
    private ProcessAssertions() {}

    /** Fails if any of these PIDs still runs a live process (zombies count as gone). */
    static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            if (pid <= 0) continue;
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (alive && !isZombie(pid)) fail("worker process " + pid + " is still running");
        }
    }

    /** No live child process of this JVM runs the worker main class. */
    static void assertNoWorkerChildren() {
        List<ProcessHandle> left = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("org.l2l.runner.worker.WorkerMain"))
                .filter(p -> !isZombie(p.pid()))
                .toList();
        if (!left.isEmpty()) fail("worker processes left running: " + left.stream().map(ProcessHandle::pid).toList());
    }

    static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true; // gone
        }
    }
}
