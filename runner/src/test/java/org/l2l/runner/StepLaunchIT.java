package org.l2l.runner;

import static org.l2l.runner.ThreeNodeCluster.NODES;
import static org.l2l.runner.ThreeNodeCluster.assertSameRun;
import static org.l2l.runner.ThreeNodeCluster.gaExperiment;
import static org.l2l.runner.ThreeNodeCluster.l2l;
import static org.l2l.runner.ThreeNodeCluster.run;

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
 * {@code runner.launch: "step"} on the 3-node SLURM cluster ({@code scripts/local-slurm.sh start --nodes 3}): the
 * driver runs inside an allocation of 3 nodes x 2 tasks, as under sbatch, and its 6 workers are the tasks of one
 * srun step. With {@code CI=true} these tests must run; elsewhere they are skipped, with the reason, when no such
 * cluster answers.
 */
class StepLaunchIT {
    private static final String LOCAL = "{\"maxWorkers\": 6, \"inProcess\": true}";
    private static final String STEP = "{\"maxWorkers\": 6, \"srun\": \"srun -N 1 -n 1 -c 1 --exact\", \"launch\": \"step\", "
            + "\"workerStartTimeout\": \"120s\"";
    private static final Pattern READY = Pattern.compile("worker (\\d+) ready: pid (\\d+) on host (\\S+)( \\(restart)?");

    @TempDir
    Path root;

    @BeforeAll
    static void threeNodesAreUp() throws Exception {
        ThreeNodeCluster.requireUp();
    }

    /** Nothing of the test's runs is left: no allocation or step in squeue, no srun or worker process. */
    @AfterEach
    void nothingLeft() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String steps = "", procs = "";
        while (System.nanoTime() < deadline) {
            steps = run(20, "squeue", "-h", "-s", "-o", "%i %j %N").lines()
                    .filter(l -> l.contains("l2l-worker") || l.contains("l2l-step")).reduce("", (a, b) -> a + b + "; ");
            procs = ProcessHandle.allProcesses().filter(p -> {
                String c = p.info().commandLine().orElse("");
                return c.contains(root.toString()) && (c.contains("WorkerMain") || c.contains("srun"));
            }).map(p -> p.pid() + " " + p.info().command().orElse("?")).reduce("", (a, b) -> a + b + "; ");
            if (steps.isEmpty() && procs.isEmpty()) return;
            Thread.sleep(200);
        }
        fail("left behind: steps [" + steps + "], processes [" + procs + "]");
    }

    /** Starts {@code l2l run EXPERIMENT --out OUT} inside a new allocation of 3 nodes x 2 tasks, as sbatch would. */
    private Process driverInAllocation(Path experiment, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder("salloc", "-N", "3", "--ntasks-per-node=2", "--job-name=l2l-step-run", java,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", experiment.toString(),
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(root.resolve("driver.log").toFile()).start();
    }

    private String finish(Process driver, int seconds) throws Exception {
        boolean ended = driver.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) driver.destroy();
        String console = Files.readString(root.resolve("driver.log"));
        assertTrue(ended, "the driver ended: " + console);
        assertEquals(0, driver.exitValue(), console);
        return console;
    }

    /** The "worker N ready: pid P on host H" lines of run.log: {id, pid, host, restart or null} each. */
    private static List<String[]> ready(RunDirectory dir) throws Exception {
        List<String[]> out = new ArrayList<>();
        Matcher m = READY.matcher(Files.readString(dir.runLog()));
        while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        return out;
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    @Test
    void aPoolLaunchedAsOneStepSpreadsOverEveryNodeAndEndsAsTheLocalRun() throws Exception {
        Path local = root.resolve("local"), step = root.resolve("step");
        assertEquals(0, l2l("run", gaExperiment(root, "st", 50, 18, 4, LOCAL).toString(), "--out", local.toString()));
        finish(driverInAllocation(gaExperiment(root, "st", 50, 18, 4, STEP + "}"), step), 150);
        assertSameRun(local, step);
        RunDirectory dir = new RunDirectory(step);
        List<String> hosts = ready(dir).stream().map(r -> r[2]).toList();
        assertEquals(6, hosts.size(), "6 workers, none restarted: " + Files.readString(dir.runLog()));
        assertTrue(hosts.containsAll(NODES), "workers on every node: " + hosts);
        String srun = Files.readString(dir.stepLog());
        assertEquals(1, count(srun, "srun: end of defined options"), "one step, one srun for the pool: " + srun);
        assertEquals(6, Pattern.compile("tasks? [0-9,\\-]+: Completed").matcher(srun).results()
                .mapToInt(m -> m.group().contains("tasks") ? 2 : 1).sum(), "every task ended cleanly: " + srun);
        for (int w = 0; w < 6; w++) {
            assertTrue(Files.readString(dir.workerLog(w)).startsWith("worker " + w + ": pid"), "task " + w + "'s own log");
        }
    }

    @Test
    void aTaskKilledMidRunIsReplacedByASingleTaskStepOnItsNodeAndTheRunEndsAsAnUndisturbedOne() throws Exception {
        Path calm = root.resolve("calm"), killed = root.resolve("killed");
        assertEquals(0, l2l("run", gaExperiment(root, "tk", 300, 18, 7, LOCAL).toString(), "--out", calm.toString()));
        RunDirectory dir = new RunDirectory(killed);
        Process driver = driverInAllocation(gaExperiment(root, "tk", 300, 18, 7, STEP + "}"), killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.generationFile(1)) && driver.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        String[] victim = ready(dir).stream().filter(r -> r[2].equals("n2")).findFirst().orElse(null);
        assertTrue(victim != null, "a worker on n2: " + Files.readString(dir.runLog()));
        assertTrue(ProcessHandle.of(Long.parseLong(victim[1])).map(ProcessHandle::destroyForcibly).orElse(false),
                "killed worker " + victim[0] + "'s JVM (pid " + victim[1] + ")");
        long t0 = System.nanoTime();
        finish(driver, 150);
        String log = Files.readString(dir.runLog());
        String id = victim[0];
        assertTrue(log.contains("worker " + id + " (pid " + victim[1] + " on n2) died with exit code 137"), log);
        assertTrue(log.contains("restarting worker " + id + " (restart 1)"), log);
        List<String[]> restarted = ready(dir).stream().filter(r -> r[3] != null).toList();
        assertEquals(1, restarted.size(), log);
        assertEquals(id, restarted.get(0)[0]);
        assertEquals("n2", restarted.get(0)[2], "the replacement runs where the dead task's CPU is free");
        String srun = Files.readString(dir.stepLog());
        assertTrue(srun.contains("n2: task " + id + ": Killed"), srun);
        assertEquals(1, count(srun, "srun: end of defined options"), "the replacement is a step of its own: " + srun);
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "no wait for the step to end");
        assertSameRun(calm, killed);
    }

    @Test
    void aTaskOverItsIndividualTimeoutHaltsAtItsStopRequestAndTheIndividualIsRetried() throws Exception {
        Path out = root.resolve("timeout");
        Path exp = root.resolve("hang.json");
        Files.writeString(exp, "{\"name\": \"hang\", \"seed\": 5, \"optimizee\": {\"type\": \"testcase\", \"failure\": "
                + "\"hang\", \"failAttempts\": 1, \"everyNth\": 6, \"hangSeconds\": 600}, \"optimizer\": {\"type\": \"ga\", "
                + "\"popSize\": 6, \"nIteration\": 1}, \"fitnessWeights\": [-1.0], \"runner\": " + STEP
                + ", \"individualTimeout\": \"3s\", \"silenceWarning\": \"4s\"}}");
        finish(driverInAllocation(exp, out), 150);
        RunDirectory dir = new RunDirectory(out);
        String log = Files.readString(dir.runLog());
        Matcher m = Pattern.compile("g0/i0 exceeded individualTimeout PT3S on worker (\\d+)").matcher(log);
        assertTrue(m.find(), log);
        int w = Integer.parseInt(m.group(1));
        assertTrue(Files.readString(dir.workerLog(w)).contains("the driver asked this task to stop"), "halted itself");
        String srun = Files.readString(dir.stepLog());
        assertTrue(Pattern.compile(": task " + w + ": Exited with exit code 143").matcher(srun).find(), srun);
        assertTrue(log.contains("restarting worker " + w + " (restart 1)"), log);
        assertFalse(Files.exists(dir.workerStopRequest(w)), "the request is gone with the task");
    }
}
