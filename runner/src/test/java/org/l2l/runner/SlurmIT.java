package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.FitnessWeights;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.runner.io.RunDirectory;

/**
 * Worker pools launched through srun, against a real SLURM cluster ({@code scripts/local-slurm.sh start}).
 * With {@code CI=true} these tests must run; elsewhere they are skipped, with the reason, when no
 * cluster answers.
 */
class SlurmIT {
    private static final String SRUN = "srun -n 1 -c 1 --exact";

    @TempDir
    Path root;

    @BeforeAll
    static void clusterIsUp() throws Exception {
        String why = null;
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0 || !(out.contains("idle") || out.contains("mix")
                    || out.contains("alloc"))) {
                why = "sinfo says: " + out;
            }
        } catch (java.io.IOException e) {
            why = "sinfo is not installed";
        }
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI=true but no SLURM cluster answers (" + why + "); .ci/run starts one with scripts/local-slurm.sh start");
        }
        Assumptions.assumeTrue(why == null, "no SLURM cluster here (" + why + "); start one with scripts/local-slurm.sh start");
    }

    private static List<String> squeue(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("squeue", "-h"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static void assertNoJobsOrStepsWithin(Path runDir, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            left = squeue("-s", "-o", "%i %j");
            left = left.stream().filter(l -> l.contains("l2l-worker")).toList();
            if (left.isEmpty()) return;
            Thread.sleep(100);
        }
        fail("steps left in squeue -s: " + left);
    }

    @Test
    void aGaExperimentWithFourSrunWorkersCompletes() throws Exception {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("ga").runner(RunnerOptions.builder().maxWorkers(4).srun(SRUN)
                .workerStartTimeout(Duration.ofSeconds(60)).build()).build());
        TestOptimizees.SlowSphere o = new TestOptimizees.SlowSphere(5, 0);
        GeneticAlgorithm ga = new GeneticAlgorithm(o, FitnessWeights.of(-1),
                GeneticAlgorithmParameters.builder().seed(3).popSize(16).nIteration(4).build());
        ex.runExperiment(ga, o);
        ex.endExperiment(ga);
        RunDirectory dir = ex.runDirectory();
        for (int g = 0; g < 4; g++) assertTrue(Files.exists(dir.generationFile(g)), "generation " + g);
        String log = Files.readString(dir.runLog());
        for (int w = 0; w < 4; w++) assertTrue(log.contains("worker " + w + " ready: pid"), log);
        assertTrue(log.contains("on host "), "the run log says which worker ran on which node: " + log);
        assertTrue(Files.readString(dir.workerLog(0)).contains("worker 0: pid"), "the task's output reached its log");
        assertNoJobsOrStepsWithin(dir.root(), 10);
    }

    @Test
    void aWorkerTaskKilledInsideItsStepIsRestartedAndTheRunCompletes() throws Exception {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("kill").runner(RunnerOptions.builder().maxWorkers(2).srun(SRUN)
                .build()).build());
        RunDirectory dir = ex.runDirectory();
        Thread killer = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    if (Files.exists(dir.workerOut(0))) {
                        for (String line : Files.readAllLines(dir.workerOut(0))) {
                            if (line.startsWith("READY ") && Files.exists(dir.generationFile(0))) {
                                new ProcessBuilder("kill", "-KILL", line.split(" ")[1]).start().waitFor();
                                return;
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        TestOptimizees.Slow o = new TestOptimizees.Slow(100);
        RandomProposals opt = new RandomProposals(o, 6, 10, 2);
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
        killer.join();
        assertEquals(10, opt.seen.size());
        String log = Files.readString(dir.runLog());
        assertTrue(log.contains("worker 0") && log.contains("died with exit code 137"), log);
        assertTrue(log.contains("restarting worker 0 (restart 1): it died with exit code 137"), log);
        assertNoJobsOrStepsWithin(dir.root(), 10);
    }

    @Test
    void stoppingTheDriverLeavesNoStepsOrJobs() throws Exception {
        for (String how : List.of("sigterm", "sigkill")) {
            Process driver = DriverKilledIT.startDriver(root, how, SRUN);
            List<Long> pids = DriverKilledIT.workerPids(root, how);
            assertFalse(squeue("-s", "-o", "%i %j").stream().noneMatch(l -> l.contains("l2l-worker")), "steps are running");
            if (how.equals("sigterm")) driver.destroy(); else driver.destroyForcibly();
            driver.waitFor();
            assertNoJobsOrStepsWithin(root.resolve(how), 15);
            DriverKilledIT.assertGoneWithin(pids, 5);
        }
    }

    @Test
    void aBadSrunOptionIsReportedClearly() {
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(1).srun("srun --no-such-option-l2l").build();
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("badopt").runner(ro).build());
        TestOptimizees.Slow o = new TestOptimizees.Slow(1);
        long t0 = System.nanoTime();
        RunFailedException e = assertThrows(RunFailedException.class, () -> ex.runExperiment(new RandomProposals(o, 2, 1, 1), o));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "reported within seconds");
        assertTrue(e.getMessage().contains("before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("srun --no-such-option-l2l"), "names the command: " + e.getMessage());
        assertTrue(e.getMessage().contains("unrecognized option"), "shows srun's complaint: " + e.getMessage());
    }

    @Test
    void insideAnAllocationThePoolRunsInItsStepsAndMustFitIt() throws Exception {
        Path experiment = root.resolve("exp.json");
        String json = """
                {"name": "in-alloc", "optimizee": {"type": "function", "function": "Ackley2d"},
                 "optimizer": {"type": "ga", "popSize": 8, "nIteration": 2},
                 "fitnessWeights": [-1.0], "runner": {"maxWorkers": WORKERS, "srun": "srun -n 1 -c 1 --exact"}}
                """;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int workers : new int[] {2, 3}) {
            Files.writeString(experiment, json.replace("WORKERS", Integer.toString(workers)));
            Path out = root.resolve("alloc-" + workers);
            Process p = new ProcessBuilder("salloc", "-n", "2", "--job-name=l2l-test-alloc", java, "-cp",
                    System.getProperty("java.class.path"), "org.l2l.runner.cli.Main", "run", experiment.toString(),
                    "--out", out.toString()).redirectErrorStream(true).start();
            String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), console);
            if (workers == 2) {
                assertEquals(0, p.exitValue(), console);
                assertTrue(Files.exists(new RunDirectory(out).generationFile(1)), console);
            } else {
                assertEquals(1, p.exitValue(), console);
                assertTrue(console.contains("3 x 1 task(s) x 1 CPU(s) per task = 3 CPUs, but allocation"), console);
                assertFalse(Files.exists(new RunDirectory(out).workerLog(0)), "nothing was launched");
            }
        }
        assertNoJobsOrStepsWithin(root, 10);
    }

    @Test
    void thePythonProcessExampleRunsThroughSrunAndLeavesNoStepOrProgram() throws Exception {
        Path example = Path.of("..", "examples", "process-python.json").toAbsolutePath().normalize();
        String json = Files.readString(example)
                .replace("{dir}", example.getParent().toString())
                .replace("\"nIteration\": 40", "\"nIteration\": 4")
                .replace("\"maxWorkers\": 2", "\"maxWorkers\": 2, \"srun\": \"" + SRUN + "\"");
        Path experiment = root.resolve("process-python-srun.json");
        Files.writeString(experiment, json);
        Path out = root.resolve("process-srun");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.l2l.runner.cli.Main", "run",
                experiment.toString(), "--out", out.toString()).redirectErrorStream(true).start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), console);
        assertEquals(0, p.exitValue(), console);
        assertTrue(Files.exists(new RunDirectory(out).generationFile(3)), console);
        assertTrue(Files.readString(new RunDirectory(out).runLog()).contains("via 'srun"), "the workers ran in srun steps");
        assertNoJobsOrStepsWithin(root, 10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> left = List.of();
        while (System.nanoTime() < deadline) {
            left = ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("python/functions.py"))
                    .filter(h -> !ProcessAssertions.isZombie(h.pid())).toList();
            if (left.isEmpty()) break;
            Thread.sleep(100);
        }
        assertTrue(left.isEmpty(), "Python processes left: " + left);
    }
}
