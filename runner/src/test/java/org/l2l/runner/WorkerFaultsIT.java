package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.runner.io.RunDirectory;

/**
 * Worker faults around start-up and liveness, on real worker JVMs: a stopped (SIGSTOP) worker is reported
 * and, with {@code hangTimeout}, killed and restarted; a long simulation is never taken for a hang; a start-up
 * failure of one worker is restarted while one that every worker shares ends the run.
 */
class WorkerFaultsIT {
    @TempDir
    Path root;

    @AfterEach
    void noWorkerLeft() {
        ProcessAssertions.assertNoWorkerChildren();
    }

    private static RunnerOptions.Builder workers(int n) {
        return RunnerOptions.builder().maxWorkers(n).workerStartTimeout(Duration.ofSeconds(60));
    }

    private RandomProposals run(String name, RunnerOptions ro, TestOptimizees.Slow o, int pop, int gens) {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).seed(11).runner(ro).build());
        RandomProposals opt = new RandomProposals(o, pop, gens, 5);
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
        return opt;
    }

    /** Sends {@code signal} to worker {@code id} once it is ready and generation {@code after} is stored. */
    private static Thread signalWorker(RunDirectory dir, int id, int after, String... signals) {
        Thread t = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    if (Files.exists(dir.workerOut(id)) && Files.exists(dir.generationFile(after))) {
                        for (String line : Files.readAllLines(dir.workerOut(id))) {
                            if (!line.startsWith("READY ")) continue;
                            String pid = line.split(" ")[1];
                            for (String s : signals) {
                                if (s.startsWith("wait:")) {
                                    waitForLog(dir, s.substring(5), 30);
                                } else {
                                    new ProcessBuilder("kill", "-" + s, pid).start().waitFor();
                                }
                            }
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "signaller");
        t.start();
        return t;
    }

    private static void waitForLog(RunDirectory dir, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(dir.runLog()) && Files.readString(dir.runLog()).contains(text)) return;
            Thread.sleep(50);
        }
    }

    private static void assertComplete(RandomProposals opt, int gens, int pop) {
        assertEquals(gens, opt.seen.size());
        for (GenerationResult g : opt.seen) {
            assertEquals(pop, g.size());
            for (Evaluation e : g.evaluations()) assertFalse(e.failed(), e.toString());
        }
    }

    @Test
    void aStoppedWorkerIsReportedInTheRunLogAndAgainWhenItResumes() throws Exception {
        RunnerOptions ro = workers(2).silenceWarning(Duration.ofSeconds(1)).build();
        RunDirectory dir = new RunDirectory(root.resolve("stopped"));
        Thread t = signalWorker(dir, 0, 0, "STOP", "wait:has been silent for", "CONT");
        RandomProposals opt = run("stopped", ro, new TestOptimizees.Slow(100), 6, 6);
        t.join();
        assertComplete(opt, 6, 6);
        String log = Files.readString(dir.runLog());
        assertTrue(log.contains("WARN worker 0 (pid") && log.contains("has been silent for"), log);
        assertTrue(log.contains("set runner.hangTimeout"), "says what would end it: " + log);
        assertTrue(log.contains("worker 0 is alive again after"), log);
        assertFalse(log.contains("(restart 1)"), "a warning only: " + log);
    }

    @Test
    void aStoppedWorkerIsKilledAndRestartedAfterHangTimeoutAndTheRunEndsAsAnUndisturbedOne() throws Exception {
        RunnerOptions ro = workers(2).hangTimeout(Duration.ofSeconds(2)).build();
        RandomProposals calm = run("calm", ro, new TestOptimizees.Slow(100), 6, 5);
        RunDirectory dir = new RunDirectory(root.resolve("hung"));
        Thread t = signalWorker(dir, 1, 0, "STOP");
        long t0 = System.nanoTime();
        RandomProposals hung = run("hung", ro, new TestOptimizees.Slow(100), 6, 5);
        t.join();
        assertComplete(hung, 5, 6);
        String log = Files.readString(dir.runLog());
        assertTrue(log.contains("over hangTimeout 2.0 s: killing it"), log);
        assertTrue(log.contains("restarting worker 1 (restart 1): it was silent for"), log);
        assertTrue((System.nanoTime() - t0) / 1e9 < 40, "the stall lasted about hangTimeout");
        for (int g = 0; g < 5; g++) {
            for (int i = 0; i < 6; i++) {
                assertEquals(calm.seen.get(g).evaluations().get(i).fitness()[0], hung.seen.get(g).evaluations().get(i).fitness()[0]);
            }
        }
    }

    @Test
    void aLongSimulationThatIsAliveIsNeverTakenForAHang() throws Exception {
        RunnerOptions ro = workers(2).silenceWarning(Duration.ofMillis(800)).hangTimeout(Duration.ofSeconds(1)).build();
        RandomProposals opt = run("long", ro, new TestOptimizees.Slow(3000), 2, 1);
        assertComplete(opt, 1, 2);
        String log = Files.readString(new RunDirectory(root.resolve("long")).runLog());
        assertFalse(log.contains("silent"), log);
        assertFalse(log.contains("restart"), log);
    }

    /** A launcher that fails (exit 1) the first time worker 0 is started through it, then runs the command. */
    private Path flakyLauncher(String failFor) throws Exception {
        Path marker = root.resolve("failed-once");
        Path script = root.resolve("flaky-launcher");
        Files.writeString(script, "#!/bin/sh\n"
                + "id=$(eval echo \\${$(($# - 1))})\n"
                + "if [ \"" + failFor + "\" = all ] || { [ \"$id\" = 0 ] && [ ! -e " + marker + " ]; }; then\n"
                + "  touch " + marker + "; echo 'flaky-launcher: cannot start today' >&2; exit 1\nfi\n"
                + "exec \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aStartFailureOfOneWorkerIsRestartedWhileOthersStart() throws Exception {
        RunnerOptions ro = workers(2).srun(flakyLauncher("0").toString()).build();
        RandomProposals opt = run("flaky", ro, new TestOptimizees.Slow(10), 4, 2);
        assertComplete(opt, 2, 4);
        String log = Files.readString(new RunDirectory(root.resolve("flaky")).runLog());
        // held until worker 1 started, or restarted at once if worker 1 was ready first
        assertTrue(log.contains("worker 0 exited with code 1 before it was ready"), log);
        assertTrue(log.contains("restarting worker 0 (restart 1): it"), log);
    }

    @Test
    void aStartFailureEveryWorkerSharesEndsTheRunAtOnceWithTheCommandAndLog() throws Exception {
        RunnerOptions ro = workers(3).srun(flakyLauncher("all").toString()).build();
        long t0 = System.nanoTime();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run("never", ro, new TestOptimizees.Slow(10), 4, 2));
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "at once");
        assertTrue(e.getMessage().contains("all 3 workers exited before they were ready (exit code 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("flaky-launcher"), "names the command: " + e.getMessage());
        assertTrue(e.getMessage().contains("cannot start today"), "shows the log tail: " + e.getMessage());
        assertFalse(Files.readString(new RunDirectory(root.resolve("never")).runLog()).contains("restart"));
        assertTrue(List.of(0, 1, 2).stream().allMatch(w -> Files.exists(new RunDirectory(root.resolve("never")).workerLog(w))));
    }
}
