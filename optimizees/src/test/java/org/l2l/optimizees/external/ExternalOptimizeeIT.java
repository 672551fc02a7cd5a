package org.l2l.optimizees.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/** External optimizees running real Python programs that behave, fail, and hang on purpose. */
class ExternalOptimizeeIT {
    /** Debian's python3 where it exists (a pyenv shim on PATH costs a shell start per program), else PATH's. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    Path run;

    static String script(String name) {
        return Path.of("src", "test", "resources", "external", name).toAbsolutePath().toString();
    }

    static ProgramSettings.Builder settings(String mode, String... command) {
        return ProgramSettings.builder().command(command).environment("MODE", mode)
                .parameter(ParameterDeclaration.array("x", -1, 1, 2));
    }

    static Individual ind(int index) {
        return new Individual(0, index, Parameters.builder().array("x", 0.25, 0.5 + index).build());
    }

    static SimulationContext ctx(int index, int attempt) {
        return new SimulationContext(0, index, attempt, SimulationContext.randomFor(9, 0, index), 0);
    }

    @Test
    void commandModeRunsTheProgramOncePerIndividualInItsOwnScratchDirectory() throws Exception {
        CommandOptimizee o = new CommandOptimizee(settings("ok", PYTHON, script("probe.py")).build());
        o.prepare(run, 0);
        SimulationResult r = o.simulate(ind(2), ctx(2, 1));
        assertArrayEquals(new double[] {2.75}, r.fitness());
        long seed = ExternalOptimizee.seedFor(ctx(2, 1));
        assertEquals(seed, r.extra().get("seed"), "the seed comes from the individual's own stream");
        assertEquals(Long.toString(seed), r.extra().get("env_seed"));
        assertEquals(1L, r.extra().get("attempt"));
        assertArrayEquals(new double[] {1.5, 2.5}, (double[]) r.extra().get("pair"));
        assertEquals(1L, r.extra().get("nested.a"));
        assertEquals(run.resolve("work").resolve("g0-i2-a1").toString(), r.extra().get("cwd"));
        assertFalse(Files.exists(run.resolve("work").resolve("g0-i2-a1")), "the scratch directory is removed");

        CommandOptimizee kept = new CommandOptimizee(settings("ok", PYTHON, script("probe.py"), "{input}").keepWorkDirs(true).build());
        kept.prepare(run, 0);
        assertArrayEquals(new double[] {2.75}, kept.simulate(ind(2), ctx(2, 0)).fitness(), "the individual as a file argument");
        assertTrue(Files.readString(run.resolve("work/g0-i2-a0/input.json")).contains("\"params\":{\"x\":[0.25,2.5]}"));
    }

    @Test
    void commandModeReadsAResultFileAndFailsWithTheCauseQuoted() throws Exception {
        CommandOptimizee out = new CommandOptimizee(settings("ok", "/bin/sh", "-c",
                "echo '{\"fitness\": [7, 8]}' > \"$1\"", "sh", "{output}").build());
        out.prepare(run, 0);
        assertArrayEquals(new double[] {7, 8}, out.simulate(ind(0), ctx(0, 0)).fitness());

        var exit = failure(new CommandOptimizee(settings("exit", PYTHON, script("probe.py")).build()));
        assertEquals(3, exit.exitCode());
        assertTrue(exit.getMessage().startsWith(PYTHON + " " + script("probe.py") + " exited with code 3 on g0/i1; "
                + "last line of stderr: boom on index 1"), exit.getMessage());
        var signal = failure(new CommandOptimizee(settings("signal", PYTHON, script("probe.py")).build()));
        assertTrue(signal.getMessage().contains("was killed by SIGKILL (exit code 137)"), signal.getMessage());
        var error = failure(new CommandOptimizee(settings("error", PYTHON, script("probe.py")).build()));
        assertTrue(error.getMessage().contains("exited with code 1") && error.getMessage().contains("ValueError: no good parameters"),
                error.getMessage());
        var garbage = failure(new CommandOptimizee(settings("ok", "/bin/sh", "-c", "echo '{\"fitness\": oops'").build()));
        assertTrue(garbage.getMessage().contains("is not JSON") && garbage.getMessage().contains("output: {\"fitness\": oops"),
                garbage.getMessage());
        var silent = failure(new CommandOptimizee(settings("ok", "/bin/true").build()));
        assertTrue(silent.getMessage().contains("printed no result"), silent.getMessage());
        var noFitness = failure(new CommandOptimizee(settings("ok", "/bin/sh", "-c", "echo '{\"extra\": {}}'").build()));
        assertTrue(noFitness.getMessage().contains("\"fitness\" is missing"), noFitness.getMessage());
    }

    private ExternalProgramException failure(ExternalOptimizee o) throws Exception {
        o.prepare(run, 0);
        return assertThrows(ExternalProgramException.class, () -> o.simulate(ind(1), ctx(1, 0)));
    }

    @Test
    void processModeStartsOnceAndSurvivesErrorsButIsRestartedAfterItDies() throws Exception {
        ProcessOptimizee o = new ProcessOptimizee(settings("print", PYTHON, script("probe.py")).build());
        try {
            o.prepare(run, 0);
            assertEquals(1, o.starts(), "started in prepare, before the first individual");
            SimulationResult r = o.simulate(ind(2), ctx(2, 0));
            assertArrayEquals(new double[] {2.75}, r.fitness(), "print() in simulate does not disturb the protocol");
            assertEquals(ExternalOptimizee.seedFor(ctx(2, 0)), r.extra().get("seed"), "the same seed as in command mode");
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) o.simulate(ind(0), ctx(0, 0));
            System.out.printf("process mode: %.3f ms per individual%n", (System.nanoTime() - t0) / 200 / 1e6);
            assertEquals(1, o.starts());
        } finally {
            o.close();
        }

        ProcessOptimizee err = new ProcessOptimizee(settings("error", PYTHON, script("probe.py")).build());
        ProcessOptimizee exit = new ProcessOptimizee(settings("exit", PYTHON, script("probe.py")).build());
        ProcessOptimizee sig = new ProcessOptimizee(settings("signal", PYTHON, script("probe.py")).build());
        try {
            err.prepare(run, 0);
            var e = assertThrows(ExternalProgramException.class, () -> err.simulate(ind(1), ctx(1, 0)));
            assertTrue(e.getMessage().contains("reported an error on g0/i1: Traceback") && e.getMessage().contains("no good parameters"),
                    e.getMessage());
            assertArrayEquals(new double[] {0.75}, err.simulate(ind(0), ctx(0, 0)).fitness());
            assertEquals(1, err.starts(), "an error reply keeps the process");

            exit.prepare(run, 1);
            e = assertThrows(ExternalProgramException.class, () -> exit.simulate(ind(1), ctx(1, 0)));
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("exited with code 3; it died during g0/i1; the next individual gets a fresh process; last line of stderr: boom on index 1"),
                    e.getMessage());
            assertArrayEquals(new double[] {0.75}, exit.simulate(ind(0), ctx(0, 0)).fitness());
            assertEquals(2, exit.starts(), "a fresh process after a death");

            sig.prepare(run, 2);
            e = assertThrows(ExternalProgramException.class, () -> sig.simulate(ind(1), ctx(1, 0)));
            assertTrue(e.getMessage().contains("was killed by SIGKILL"), e.getMessage());
        } finally {
            err.close();
            exit.close();
            sig.close();
        }
    }

    @Test
    void aHandWrittenProtocolPeerWorksAndItsMistakesAreNamed() throws Exception {
        ProcessOptimizee ok = new ProcessOptimizee(settings("ok", PYTHON, script("raw.py")).build());
        ProcessOptimizee garbage = new ProcessOptimizee(settings("garbage", PYTHON, script("raw.py")).build());
        ProcessOptimizee noFitness = new ProcessOptimizee(settings("nofitness", PYTHON, script("raw.py")).build());
        try {
            ok.prepare(run, 0);
            assertArrayEquals(new double[] {0.25}, ok.simulate(ind(3), ctx(3, 0)).fitness());
            garbage.prepare(run, 1);
            var e = assertThrows(ExternalProgramException.class, () -> garbage.simulate(ind(0), ctx(0, 0)));
            assertTrue(e.getMessage().contains("with a line that is not JSON") && e.getMessage().contains("output: {this is not json"),
                    e.getMessage());
            noFitness.prepare(run, 2);
            e = assertThrows(ExternalProgramException.class, () -> noFitness.simulate(ind(0), ctx(0, 0)));
            assertTrue(e.getMessage().contains("\"fitness\" is missing"), e.getMessage());
        } finally {
            ok.close();
            garbage.close();
            noFitness.close();
        }
        ProcessOptimizee version = new ProcessOptimizee(settings("version", PYTHON, script("raw.py")).build());
        var e = assertThrows(ExternalProgramException.class, () -> version.prepare(run, 0));
        assertTrue(e.getMessage().contains("speaks protocol version 2, but this runner speaks version 1"), e.getMessage());
        ProcessOptimizee missing = new ProcessOptimizee(settings("ok", run.resolve("no-such-program").toString()).build());
        e = assertThrows(ExternalProgramException.class, () -> missing.prepare(run, 0));
        assertTrue(e.getMessage().contains("no-such-program"), e.getMessage());
    }

    /** The README's C reference of the process protocol, compiled and run as the optimizee. */
    @Test
    void theReadmesCReferenceOfTheProtocolWorks() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```c\n"), end = readme.indexOf("```", start + 5);
        assertTrue(start >= 0 && end > start, "the README has the C reference");
        Path src = run.resolve("reference.c"), exe = run.resolve("reference");
        Files.writeString(src, readme.substring(start + 5, end));
        String cc = Files.isExecutable(Path.of("/usr/bin/cc")) ? "/usr/bin/cc" : null;
        org.junit.jupiter.api.Assumptions.assumeTrue(cc != null, "no C compiler here");
        Process c = new ProcessBuilder(cc, "-O", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(c.getInputStream().readAllBytes());
        assertEquals(0, c.waitFor(), out);
        ProcessOptimizee o = new ProcessOptimizee(settings("ok", exe.toString()).build());
        try {
            o.prepare(run, 0);
            assertArrayEquals(new double[] {2.75}, o.simulate(ind(2), ctx(2, 0)).fitness());
            assertArrayEquals(new double[] {0.75}, o.simulate(ind(0), ctx(0, 0)).fitness());
            assertEquals(1, o.starts());
        } finally {
            o.close();
        }
    }

    @Test
    void declaredParametersMakeAndBoundIndividuals() {
        ProgramSettings s = ProgramSettings.builder().command("x").parameter(ParameterDeclaration.array("x", -1, 1, 3))
                .parameter(ParameterDeclaration.scalar("tau", 2, 4)).build();
        CommandOptimizee o = new CommandOptimizee(s);
        Parameters p = o.createIndividual(Rng.seeded(3));
        assertEquals(List.of("x", "tau"), p.names());
        assertEquals(3, p.length("x"));
        for (double v : p.array("x")) assertTrue(v >= -1 && v <= 1);
        assertTrue(p.scalar("tau") >= 2 && p.scalar("tau") <= 4);
        Parameters b = o.bound(Parameters.builder().array("x", -7, 0.5, 9).scalar("tau", 1).build());
        assertArrayEquals(new double[] {-1, 0.5, 1}, b.array("x"));
        assertEquals(2, b.scalar("tau"));
        assertThrows(IllegalArgumentException.class, () -> ParameterDeclaration.scalar("y", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ProgramSettings.builder().command("x").build());
    }

    @Test
    void whenTheWorkerJvmIsKilledItsProgramsAndTheirChildrenDieToo() throws Exception {
        for (String mode : new String[] {"command", "process"}) {
            Path dir = Files.createDirectories(run.resolve(mode));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process worker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReaperProbe.class.getName(), mode,
                    dir.toString(), PYTHON, script("probe.py")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("worker.log").toFile()).start();
            Path pids = dir.resolve("pids-7");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(pids) && Files.readString(pids).endsWith("\n")) && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(Files.exists(pids), mode + ": the program started: " + Files.readString(dir.resolve("worker.log")));
            List<Long> tree = Arrays.stream(Files.readString(pids).trim().split(" ")).map(Long::parseLong).toList();
            for (long pid : tree) assertTrue(ProcessHandle.of(pid).isPresent(), mode + ": " + pid + " runs");
            worker.destroyForcibly();  // SIGKILL: no Java code runs in the worker
            worker.waitFor();
            deadline = System.nanoTime() + 5_000_000_000L;
            while (tree.stream().anyMatch(ExternalOptimizeeIT::alive) && System.nanoTime() < deadline) Thread.sleep(20);
            for (long pid : tree) assertFalse(alive(pid), mode + ": " + pid + " outlived its worker JVM");
        }
    }

    static boolean alive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return false;
    }

    @Test
    void theResultReaderAcceptsWhatPythonWritesAndRefusesTheRest() {
        SimulationResult r = ExternalOptimizee.result(readTree("{\"fitness\": 1.5, \"extra\": {\"s\": \"x\", \"b\": true, \"n\": NaN}}"));
        assertArrayEquals(new double[] {1.5}, r.fitness());
        assertEquals(Map.of("s", "x", "b", true, "n", Double.NaN), r.extra());
        assertThrows(IllegalArgumentException.class, () -> ExternalOptimizee.result(readTree("{\"fitness\": []}")));
        assertThrows(IllegalArgumentException.class, () -> ExternalOptimizee.result(readTree("{\"fitness\": [1], \"more\": 2}")));
        assertThrows(IllegalArgumentException.class, () -> ExternalOptimizee.result(readTree("{\"fitness\": [1], \"extra\": {\"a\": [\"s\"]}}")));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String s) {
        try {
            return ExternalOptimizee.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
