package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.GenerationResult;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/**
 * A Python optimizee in a persistent process per worker, through the command line: SIGKILL of the driver
 * and resume, SIGKILL of the external process and of a worker JVM mid-run, SIGTERM of the driver and an
 * individual timeout. Runs end bit-identical to an undisturbed run, and no worker, external process or
 * child of one is left afterwards.
 */
class ExternalProgramIT {
    @TempDir
    Path root;
    private Path script;

    @BeforeEach
    void copyScript() throws Exception {
        script = root.resolve("slow_sphere.py");
        Files.copy(Path.of("src", "test", "resources", "external", "slow_sphere.py"), script);
    }

    private Path experiment(String name, String hang, String runner) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path file = root.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"seed\": 5, \"optimizee\": {\"type\": \"process\", \"command\": [\""
                + python + "\", \"{dir}/slow_sphere.py\"], \"environment\": {\"HANG\": \"" + hang + "\"}, "
                + "\"parameters\": {\"x\": {\"min\": -2, \"max\": 2, \"size\": 2}}}, "
                + "\"optimizer\": {\"type\": \"ga\", \"popSize\": 12, \"nIteration\": 6, \"mutProb\": 0.9, \"indProb\": 0.5}, "
                + "\"fitnessWeights\": [-1.0], \"runner\": {\"maxWorkers\": 2" + runner + "}}");
        return file;
    }

    private static int l2l(String... args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setOut(out);
        }
    }

    private Process driver(Path file, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                file.toString(), "--out", out.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve(out.getFileName() + ".driver.log").toFile()).start();
    }

    /** Processes of this test: workers (their run directory is under root), the Python programs and their children. */
    private List<ProcessHandle> ours() {
        String marker = root.toString();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> !ProcessAssertions.isZombie(p.pid())).toList();
    }

    private void assertNothingLeft(String when) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ours().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        List<ProcessHandle> left = ours();
        if (!left.isEmpty()) {
            fail(when + ": processes left: " + left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        }
    }

    private static void assertSameRun(Path a, Path b) throws Exception {
        KryoCodec codec = new KryoCodec();
        RunDirectory c = new RunDirectory(a), k = new RunDirectory(b);
        int g = 0;
        for (; Files.exists(c.generationFile(g)); g++) {
            GenerationResult x = codec.read(c.generationFile(g), KryoCodec.GenerationRecord.class).result();
            GenerationResult y = codec.read(k.generationFile(g), KryoCodec.GenerationRecord.class).result();
            assertEquals(x.size(), y.size(), "generation " + g);
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.evaluations().get(i).individual(), y.evaluations().get(i).individual(), "g" + g + "/i" + i);
                assertArrayEquals(x.evaluations().get(i).fitness(), y.evaluations().get(i).fitness(), "g" + g + "/i" + i);
            }
        }
        assertEquals(6, g);
        assertTrue(!Files.exists(k.generationFile(g)), "no extra generation");
    }

    @Test
    void killedDriverResumesBitIdenticalAndKilledProgramsAndWorkersDoNotChangeTheRun() throws Exception {
        Path file = experiment("r", "", "");
        Path calm = root.resolve("calm");
        assertEquals(0, l2l("run", file.toString(), "--out", calm.toString()));
        assertNothingLeft("after a run");

        // SIGKILL of the driver mid-run: its workers and their Python processes go too; resume ends identical
        Path killed = root.resolve("killed");
        Process d = driver(file, killed);
        RunDirectory k = new RunDirectory(killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(k.generationFile(2)) && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(Files.exists(k.generationFile(2)), "the run got under way");
        d.destroyForcibly();
        assertEquals(137, d.waitFor());
        assertNothingLeft("after SIGKILL of the driver");
        assertEquals(0, l2l("resume", killed.toString()), Files.readString(k.runLog()));
        assertSameRun(calm, killed);
        assertNothingLeft("after the resumed run");

        // chaos: SIGKILL one Python process, then one worker JVM, while the run goes on
        Path chaos = root.resolve("chaos");
        Thread killer = new Thread(() -> {
            try {
                RunDirectory c = new RunDirectory(chaos);
                while (!Files.exists(c.generationFile(1))) Thread.sleep(5);
                Thread.sleep(100);  // most likely in the middle of an individual
                kill("slow_sphere.py", "python");
                while (!Files.exists(c.generationFile(3))) Thread.sleep(5);
                kill("org.l2l.runner.worker.WorkerMain", "worker");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        assertEquals(0, l2l("run", file.toString(), "--out", chaos.toString()));
        killer.join(5000);
        RunDirectory c = new RunDirectory(chaos);
        String log = Files.readString(c.runLog());
        String workerLogs = Files.readString(c.workerLog(0)) + Files.readString(c.workerLog(1));
        assertTrue(log.contains("was killed by SIGKILL (exit code 137); it died during")
                || workerLogs.contains("was killed by SIGKILL (exit code 137) while idle"),
                "the killed Python process failed its individual's attempt or was replaced between individuals: " + log);
        assertTrue(log.contains("died with exit code 137"), "a worker JVM was killed: " + log);
        assertSameRun(calm, chaos);
        assertNothingLeft("after the chaos run");
    }

    private void kill(String commandPart, String what) {
        ProcessHandle p = ours().stream().filter(h -> h.info().commandLine().orElse("").contains(commandPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " process to kill"));
        p.destroyForcibly();
    }

    @Test
    void anIndividualTimeoutAndSigtermOfTheDriverLeaveNoProgramOrChild() throws Exception {
        Path file = experiment("t", "1/3", ", \"individualTimeout\": \"3s\"");
        Path timed = root.resolve("timed");
        assertEquals(0, l2l("run", file.toString(), "--out", timed.toString()));
        String log = Files.readString(new RunDirectory(timed).runLog());
        assertTrue(log.contains("g1/i3 exceeded individualTimeout"), log);
        assertNothingLeft("after an individual timeout");

        Path stopped = root.resolve("stopped");
        Process d = driver(experiment("s", "2/0", ""), stopped);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        RunDirectory s = new RunDirectory(stopped);
        while (!Files.exists(s.generationFile(1)) && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(500);  // generation 2 hangs on its first individual, with a child process
        d.destroy();  // SIGTERM, as Ctrl-C
        assertEquals(143, d.waitFor());
        assertNothingLeft("after SIGTERM of the driver");
    }

    @Test
    void aProgramThatCrashesAtStartOrOnEveryIndividualEndsTheRunWithItsLastStderrLines() throws Exception {
        Files.copy(Path.of("src", "test", "resources", "external", "crash.py"), root.resolve("crash.py"));
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        for (String crash : new String[] {"start", "every"}) {
            Path file = root.resolve("crash-" + crash + ".json");
            Files.writeString(file, "{\"name\": \"c\", \"optimizee\": {\"type\": \"process\", \"command\": [\"" + python
                    + "\", \"{dir}/crash.py\"], \"environment\": {\"CRASH\": \"" + crash + "\"}, "
                    + "\"parameters\": {\"x\": [-1, 1]}}, \"optimizer\": {\"type\": \"ga\", \"popSize\": 4, \"nIteration\": 2}, "
                    + "\"fitnessWeights\": [-1.0], \"runner\": {\"maxWorkers\": 2, \"maxRetries\": 2}}");
            Path out = root.resolve("crash-" + crash);
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = l2l("run", file.toString(), "--out", out.toString());
            } finally {
                System.setErr(err);
            }
            String message = captured.toString(StandardCharsets.UTF_8) + Files.readString(new RunDirectory(out).runJson());
            assertEquals(1, code, crash + ": " + message);
            if (crash.equals("start")) {
                assertTrue(message.contains("exited with code 4; it ended before its handshake")
                        && message.contains("fatal: cannot load the morphology"), message);
            } else {
                assertTrue(message.contains("exited with code 5; it died during g0/i")
                        && message.contains("fatal: segmentation fault in the solver"), message);
            }
            assertNothingLeft("after a crash loop (" + crash + ")");
        }
    }
}
