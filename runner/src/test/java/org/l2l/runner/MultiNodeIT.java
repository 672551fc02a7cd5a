package org.l2l.runner;

import static org.l2l.runner.ThreeNodeCluster.NODES;
import static org.l2l.runner.ThreeNodeCluster.assertSameRun;
import static org.l2l.runner.ThreeNodeCluster.gaExperiment;
import static org.l2l.runner.ThreeNodeCluster.l2l;
import static org.l2l.runner.ThreeNodeCluster.run;
import static org.l2l.runner.ThreeNodeCluster.runIn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.RunDirectory;

/**
 * Worker pools spread over the nodes of a multi-node SLURM cluster ({@code scripts/local-slurm.sh start
 * --nodes 3}: nodes n1, n2 and n3, each a slurmd in its own network and UTS namespace, sharing this
 * machine's filesystem). With {@code CI=true} these tests must run; elsewhere they are skipped, with the
 * reason, when no such cluster answers.
 */
class MultiNodeIT {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = PROJECT.resolve("scripts").resolve("local-slurm.sh");
    private static final String SRUN = "srun -N 1 -n 1 -c 1 --exact";
    /** The reference runs: on 6 threads of the test's JVM (same seed, same results, whatever the workers). */
    private static final String LOCAL = "{\"maxWorkers\": 6, \"inProcess\": true}";

    @TempDir
    Path root;

    @BeforeAll
    static void threeNodesAreUp() throws Exception {
        ThreeNodeCluster.requireUp();
    }

    /** Nothing of the test's runs is left: no worker steps in squeue, no worker process on any node. */
    @AfterEach
    void nothingLeft() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String steps = "", procs = "";
        while (System.nanoTime() < deadline) {
            steps = run(20, "squeue", "-h", "-s", "-o", "%i %j %N").lines().filter(l -> l.contains("l2l-worker"))
                    .reduce("", (a, b) -> a + b + "; ");
            procs = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(root.toString())
                    && p.info().commandLine().orElse("").contains("WorkerMain")).map(p -> Long.toString(p.pid()))
                    .reduce("", (a, b) -> a + b + " ");
            if (steps.isEmpty() && procs.isEmpty()) return;
            Thread.sleep(200);
        }
        fail("left behind: steps [" + steps + "], worker processes [" + procs + "]");
    }

    private static String srunRunner(String extra) {
        return "{\"maxWorkers\": 6, \"srun\": \"" + SRUN + "\", \"workerStartTimeout\": \"120s\"" + extra + "}";
    }

    /** The hosts of the "worker N ready: pid P on host H" lines of run.log, in order. */
    private static List<String> readyHosts(RunDirectory dir, boolean restartsOnly) throws Exception {
        List<String> hosts = new ArrayList<>();
        Matcher m = Pattern.compile("worker \\d+ ready: pid \\d+ on host (\\S+)( \\(restart)?").matcher(Files.readString(dir.runLog()));
        while (m.find()) if (!restartsOnly || m.group(2) != null) hosts.add(m.group(1));
        return hosts;
    }

    @Test
    void aGaAndTheRandomWalkSpreadOverEveryNodeAreIdenticalToTheLocalRun() throws Exception {
        Path nodes = root.resolve("ga-nodes"), local = root.resolve("ga-local");
        assertEquals(0, l2l("run", gaExperiment(root, "ga", 5, 24, 4, srunRunner("")).toString(), "--out", nodes.toString()));
        assertEquals(0, l2l("run", gaExperiment(root, "ga", 5, 24, 4, LOCAL).toString(), "--out", local.toString()));
        assertSameRun(local, nodes);
        List<String> hosts = readyHosts(new RunDirectory(nodes), false);
        assertEquals(6, hosts.size(), "6 workers: " + hosts);
        assertTrue(hosts.containsAll(NODES), "workers on every node, each naming its own: " + hosts);

        Path example = PROJECT.resolve("examples").resolve("rw-region.json");
        String json = Files.readString(example).replace("\"rw-region/", "\"" + example.getParent().resolve("rw-region") + "/");
        Path walk = root.resolve("rw.json");
        Files.writeString(walk, json.replace("\"runner\": {\"maxWorkers\": 2}", "\"runner\": " + srunRunner("")));
        assertEquals(0, l2l("run", walk.toString(), "--out", root.resolve("rw-nodes").toString()));
        Path walkLocal = root.resolve("rw-local.json");
        Files.writeString(walkLocal, json.replace("\"runner\": {\"maxWorkers\": 2}", "\"runner\": " + LOCAL));
        assertEquals(0, l2l("run", walkLocal.toString(), "--out", root.resolve("rw-local").toString()));
        assertEquals(RandomWalkIT.rows(root.resolve("rw-local").resolve("walk")),
                RandomWalkIT.rows(root.resolve("rw-nodes").resolve("walk")), "every row as in the local run");
        assertTrue(readyHosts(new RunDirectory(root.resolve("rw-nodes")), false).containsAll(NODES));
    }

    @Test
    void aNodeThatDiesMidRunCostsOnlyItsWorkInFlightAndTheRunEndsAsAnUndisturbedOne() throws Exception {
        Path calm = root.resolve("calm"), failed = root.resolve("failed");
        assertEquals(0, l2l("run", gaExperiment(root, "nf", 300, 18, 9, LOCAL).toString(), "--out", calm.toString()));
        RunDirectory dir = new RunDirectory(failed);
        Thread crash = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(dir.generationFile(1)) && System.nanoTime() < deadline) Thread.sleep(10);
                run(30, "bash", SCRIPT.toString(), "kill-node", "n2");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "node-crash");
        crash.start();
        try {
            long t0 = System.nanoTime();
            assertEquals(0, l2l("run", gaExperiment(root, "nf", 300, 18, 9, srunRunner(", \"hangTimeout\": \"3s\"")).toString(),
                    "--out", failed.toString()), Files.readString(dir.runLog()));
            crash.join();
            String log = Files.readString(dir.runLog());
            assertTrue(log.contains("on host n2) has been silent for"), log);
            assertTrue(log.contains("node n2 may have failed: replacements avoid it (srun --exclude=n2)"), log);
            assertEquals(2, Pattern.compile("restarting worker \\d+ \\(restart 1\\): it was silent for").matcher(log).results()
                    .count(), "n2's two workers were restarted: " + log);
            List<String> restarted = readyHosts(dir, true);
            assertFalse(restarted.contains("n2"), "on the surviving nodes: " + restarted);
            assertTrue((System.nanoTime() - t0) / 1e9 < 90, "no stall of SlurmdTimeout (300 s)");
            assertSameRun(calm, failed);
        } finally {
            run(60, "bash", SCRIPT.toString(), "revive-node", "n2");
        }
    }

    @Test
    void whenTheAllocationEndsTheDriverStopsAtOnceAndResumeInANewAllocationFinishesTheRun() throws Exception {
        Path calm = root.resolve("calm"), cut = root.resolve("cut");
        assertEquals(0, l2l("run", gaExperiment(root, "ae", 100, 18, 8, LOCAL).toString(), "--out", calm.toString()));
        Path exp = gaExperiment(root, "ae", 100, 18, 8, srunRunner(", \"maxWorkerRestarts\": 10"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process driver = new ProcessBuilder("salloc", "-N", "3", "--ntasks-per-node=2", "--job-name=l2l-mn-alloc", java,
                "-cp", cp, Main.class.getName(), "run", exp.toString(), "--out", cut.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("driver-1.log").toFile()).start();
        RunDirectory dir = new RunDirectory(cut);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.generationFile(1)) && driver.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        String job = run(20, "squeue", "-h", "-n", "l2l-mn-alloc", "-o", "%A");
        assertFalse(job.isEmpty(), "the allocation is running: " + Files.readString(root.resolve("driver-1.log")));
        long t0 = System.nanoTime();
        run(20, "scancel", job);
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver stopped");
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        String console = Files.readString(root.resolve("driver-1.log"));
        assertEquals(Main.ALLOCATION_ENDED, driver.exitValue(), console);
        assertTrue(console.contains("the SLURM allocation (job " + job + ") has ended"), console);
        assertTrue(console.contains("l2l resume " + cut), "says how to go on: " + console);
        assertFalse(console.contains("restarted 10 times"), "did not burn the restarts: " + console);
        assertTrue(stopSeconds < 30, "stopped at once: " + stopSeconds + " s");
        assertTrue(Files.readString(dir.runJson()).contains("\"status\" : \"interrupted\""), Files.readString(dir.runJson()));
        assertTrue(Files.exists(dir.generationFile(0)), "completed generations are kept");

        Process resume = new ProcessBuilder("salloc", "-N", "3", "--ntasks-per-node=2", "--job-name=l2l-mn-resume", java,
                "-cp", cp, Main.class.getName(), "resume", cut.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("driver-2.log").toFile()).start();
        assertTrue(resume.waitFor(150, TimeUnit.SECONDS), "resume ended");
        assertEquals(0, resume.exitValue(), Files.readString(root.resolve("driver-2.log")));
        assertSameRun(calm, cut);
    }

    @Test
    void theMultiNodeSbatchExampleRunsAsShippedOverEveryNode() throws Exception {
        // ./l2l runs on the shipped classpath (not the tests'): a built-in optimizee
        Path exp = root.resolve("sb.json");
        Files.writeString(exp, "{\"name\": \"sb\", \"seed\": 3, \"optimizee\": {\"type\": \"function\", \"function\": "
                + "\"Rastrigin2d\"}, \"optimizer\": {\"type\": \"ga\", \"popSize\": 24, \"nIteration\": 3}, "
                + "\"fitnessWeights\": [-1.0], \"runner\": " + srunRunner("") + "}");
        Path out = root.resolve("sbatch-run");
        // submitted from the project directory, as a user would: the script runs ./l2l there
        String console = runIn(PROJECT, 200, "sbatch", "--wait", "--output=" + root.resolve("sbatch-%j.out"),
                "--export=ALL,L2L_RUN_DIR=" + out, PROJECT.resolve("examples/slurm/run-l2l-multinode.sbatch").toString(),
                exp.toString());
        String jobOut;
        try (var s = Files.list(root)) {
            Path f = s.filter(p -> p.getFileName().toString().matches("sbatch-\\d+\\.out")).findFirst().orElseThrow();
            jobOut = Files.readString(f);
        }
        assertTrue(console.contains("Submitted batch job"), console);
        assertTrue(jobOut.contains("on 3 nodes") && jobOut.contains("6 tasks"), jobOut);
        assertTrue(Files.exists(new RunDirectory(out).runJson()), jobOut);
        assertTrue(Files.readString(new RunDirectory(out).runJson()).contains("\"status\" : \"finished\""), jobOut);
        assertTrue(readyHosts(new RunDirectory(out), false).containsAll(NODES), Files.readString(new RunDirectory(out).runLog()));
    }
}
