package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/** End-to-end runs on real worker JVMs. */
class WorkerPoolIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @AfterEach
    void noWorkerLeft() {
        ProcessAssertions.assertNoWorkerChildren();
    }

    private static RunnerOptions.Builder workers(int n) {
        return RunnerOptions.builder().maxWorkers(n).workerStartTimeout(Duration.ofSeconds(30));
    }

    private static List<double[]> run(Path root, String name, Optimizee optimizee, RunnerOptions runner, int pop, int gens) {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).seed(11).runner(runner).build());
        RandomProposals opt = new RandomProposals(optimizee, pop, gens, 5);
        ex.runExperiment(opt, optimizee);
        ex.endExperiment(opt);
        List<double[]> fitness = new ArrayList<>();
        for (GenerationResult g : opt.seen) for (Evaluation e : g.evaluations()) fitness.add(e.fitness());
        return fitness;
    }

    @Test
    void runsGenerationsOnWorkerJvmsAndStoresEachGenerationOnce() throws Exception {
        List<double[]> fit = run(root, "basic", new TestOptimizees.NoisySphere(0.1), workers(2).build(), 10, 3);
        assertEquals(30, fit.size());
        RunDirectory dir = new RunDirectory(root.resolve("basic"));
        KryoCodec codec = new KryoCodec();
        for (int g = 0; g < 3; g++) {
            GenerationResult stored = codec.read(dir.generationFile(g), KryoCodec.GenerationRecord.class).result();
            assertEquals(10, stored.size());
            assertEquals(g, stored.generation());
            for (int i = 0; i < 10; i++) assertArrayEquals(fit.get(g * 10 + i), stored.evaluations().get(i).fitness());
            assertTrue(stored.evaluations().get(0).extra().containsKey("worker"));
            assertFalse(Files.exists(dir.root().resolve("work")), "no file per generation besides the generation file");
        }
        try (org.apache.commons.compress.archivers.zip.ZipFile zip =
                org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(dir.logZip(0)).get()) {
            var entry = zip.getEntry("worker-1.log");
            String text = new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("worker 1: pid"), "generation 0's zip holds what worker 1 logged: " + text);
        }
        assertFalse(Files.exists(dir.logZip(2)), "no zip for a generation in which no worker logged anything");
        String runJson = Files.readString(dir.runJson());
        assertTrue(runJson.contains("\"status\" : \"finished\""), runJson);
        assertFalse(Files.exists(dir.lockFile()), "the lock is released");
        try (Stream<Path> s = Files.list(dir.root())) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.root())));
            assertTrue(s.count() <= 9, "few files at the top of the run directory");
        }
    }

    @Test
    void sameSeedGivesSameFitnessWhateverTheNumberOfWorkers() {
        Optimizee o = new TestOptimizees.NoisySphere(0.5);
        List<double[]> one = run(root, "one", o, workers(1).build(), 12, 2);
        List<double[]> three = run(root, "three", o, workers(3).build(), 12, 2);
        List<double[]> threads = run(root, "threads", o, workers(2).inProcess(true).build(), 12, 2);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), three.get(i), "individual " + i);
            assertArrayEquals(one.get(i), threads.get(i), "individual " + i);
        }
    }

    @Test
    void retriesAnIndividualWhoseSimulateThrows() {
        List<double[]> fit = run(root, "throws", TestcaseOptimizee.of("throw", 1, 3), workers(2).build(), 9, 2);
        assertEquals(18, fit.size());
        for (double[] f : fit) assertFalse(Double.isNaN(f[0]));
    }

    @Test
    void stopsTheRunNamingTheIndividualWhenRetriesAreUsedUp() throws Exception {
        RunnerOptions ro = workers(2).maxRetries(1).build();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run(root, "stops", TestcaseOptimizee.of("throw", 100, 8), ro, 8, 2)); // only individual 0 fails
        assertTrue(e.getMessage().contains("generation 0, individual 0"), e.getMessage());
        assertTrue(e.getMessage().contains("planned 'throw' of g0/i0"), e.getMessage());
        assertTrue(e.getMessage().contains("worker-"), e.getMessage());
        String runJson = Files.readString(root.resolve("stops").resolve("run.json"));
        assertTrue(runJson.contains("\"status\" : \"failed\""), runJson);
    }

    @Test
    void givesWorstFitnessAndGoesOnWhenStopRunIsOff() {
        RunnerOptions ro = workers(2).maxRetries(1).stopRun(false).build();
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("goes-on").runner(ro).build());
        Optimizee o = TestcaseOptimizee.of("throw", 100, 4);
        RandomProposals opt = new RandomProposals(o, 8, 2, 5);
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
        GenerationResult g0 = opt.seen.get(0);
        assertEquals(2, g0.failures().size(), "individuals 0 and 4 failed");
        assertEquals(Double.NEGATIVE_INFINITY, g0.evaluations().get(4).weightedFitness()[0]);
        assertTrue(g0.evaluations().get(4).failure().contains("planned 'throw'"));
    }

    @Test
    void restartsAWorkerThatDiesAndGivesItsIndividualOutAgain() {
        for (String mode : List.of("exit", "halt", "oom")) {
            RunnerOptions ro = workers(2).jvmOptions(List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError")).build();
            List<double[]> fit = run(root, "dies-" + mode, TestcaseOptimizee.of(mode, 1, 5), ro, 10, 2);
            assertEquals(20, fit.size(), mode);
            for (double[] f : fit) assertFalse(Double.isNaN(f[0]), mode);
        }
    }

    @Test
    void killsAndRetriesAnIndividualThatExceedsItsTimeout() {
        RunnerOptions ro = workers(2).individualTimeout(Duration.ofSeconds(2)).build();
        List<double[]> fit = run(root, "hangs", TestcaseOptimizee.of("hang", 1, 7), ro, 8, 1);
        assertEquals(8, fit.size());
    }

    @Test
    void aWorkerThatCannotStartIsReportedWithItsCommandAndLog() {
        RunnerOptions ro = workers(2).jvmOptions(List.of("-XX:+NoSuchJvmOption")).build();
        long t0 = System.nanoTime();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run(root, "nostart", new TestOptimizees.NoisySphere(0), ro, 4, 1));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "reported within seconds");
        assertTrue(e.getMessage().contains("before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("-XX:+NoSuchJvmOption"), "names the command: " + e.getMessage());
        assertTrue(e.getMessage().contains("worker-0.log") || e.getMessage().contains("worker-1.log"), e.getMessage());
        assertTrue(e.getMessage().contains("Unrecognized VM option"), "shows the log's tail: " + e.getMessage());
    }

    @Test
    void refusesAnExistingRunDirectoryUnlessOverwrite() {
        run(root, "again", new TestOptimizees.NoisySphere(0), workers(1).inProcess(true).build(), 2, 1);
        Experiment ex = new Experiment(root);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ex.prepareExperiment(
                ExperimentOptions.builder().name("again").build())); // bad input: the command line exits with 2
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        Experiment ex2 = new Experiment(root);
        ex2.prepareExperiment(ExperimentOptions.builder().name("again").overwrite(true)
                .runner(workers(1).inProcess(true).build()).build());
        assertTrue(Files.exists(root.resolve("again").resolve("run.json")));
    }

    @Test
    void stopsWhenTheRunExceedsItsTimeoutKeepingCompletedGenerations() {
        // long enough for two worker JVMs to start on a loaded machine and finish generation 0 (0.6 s of work)
        RunnerOptions ro = workers(2).timeout(Duration.ofSeconds(8)).build();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run(root, "timeout", new TestOptimizees.Slow(300), ro, 4, 1000));
        assertTrue(e.getMessage().contains("exceeded its timeout of PT8S"), e.getMessage());
        assertTrue(Files.exists(new RunDirectory(root.resolve("timeout")).generationFile(0)), "generation 0 was stored");
    }

    @Test
    void aWorkerThatKeepsDyingStopsTheRunAtItsRestartLimit() {
        RunnerOptions ro = workers(1).maxWorkerRestarts(2).build();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run(root, "crashloop", TestcaseOptimizee.of("halt", 100, 1), ro, 3, 1));
        assertTrue(e.getMessage().contains("maxWorkerRestarts 2"), e.getMessage());
        assertTrue(e.getMessage().contains("worker-0.log"), e.getMessage());
        RunnerOptions total = workers(2).maxRestarts(3).build();
        e = assertThrows(RunFailedException.class,
                () -> run(root, "crashloop-run", TestcaseOptimizee.of("halt", 100, 1), total, 3, 1));
        assertTrue(e.getMessage().contains("maxRestarts 3"), e.getMessage());
    }

    @Test
    void aLaunchPrefixThatDoesNotExistIsReportedWithTheCommand() {
        RunnerOptions ro = workers(1).srun("no-such-launcher-l2l -n 1").build();
        long t0 = System.nanoTime();
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> run(root, "badsrun", new NoOpOptimizee(), ro, 2, 1));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "reported within seconds");
        assertTrue(e.getMessage().contains("'no-such-launcher-l2l' is not on this machine's PATH"), e.getMessage());
    }

    @Test
    void aSecondDriverOnTheSameRunDirectoryIsRefusedNamingTheHolder() throws Exception {
        Experiment first = new Experiment(root);
        first.prepareExperiment(ExperimentOptions.builder().name("locked").runner(workers(1).inProcess(true).build()).build());
        Experiment second = new Experiment(root);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.prepareExperiment(
                ExperimentOptions.builder().name("locked").overwrite(true).build()));
        assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
        assertTrue(e.getMessage().contains("host "), e.getMessage());
        NoOpOptimizee o = new NoOpOptimizee();
        RandomProposals opt = new RandomProposals(o, 2, 1, 1);
        first.runExperiment(opt, o);
        first.endExperiment(opt);
    }

    @Test
    void aStaleLockLeftByAKilledDriverIsTakenOver() throws Exception {
        run(root, "stale", new NoOpOptimizee(), workers(1).inProcess(true).build(), 2, 1);
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path lock = new RunDirectory(root.resolve("stale")).lockFile();
        Files.writeString(lock, org.l2l.runner.io.RunLock.hostName() + " " + dead.pid() + "\n");
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("stale").overwrite(true)
                .runner(workers(1).inProcess(true).build()).build());
        assertTrue(Files.readString(lock).contains(" " + ProcessHandle.current().pid()));
    }
}
