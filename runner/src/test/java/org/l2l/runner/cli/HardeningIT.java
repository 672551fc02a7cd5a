package org.l2l.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/** Faults of a new user's and an adversary's making, on real worker JVMs, through the command line. */
class HardeningIT {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result l2l(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Returns NaN for every third individual: NaN fitness is a failed attempt. */
    public record NanEveryThird(int dims) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().array("x", r.doubles(dims, -1, 1).toArray()).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            if (ind.index() % 3 == 0) return SimulationResult.of(Double.NaN);
            double s = 0;
            for (double v : ind.params().array("x")) s += v * v;
            return SimulationResult.of(s);
        }
    }

    private Path file(String name, String json) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private static String ga(String runner, int generations) {
        return """
            {"name": "ga", "seed": 3, "optimizee": {"type": "function", "function": "Rastrigin2d"},
             "optimizer": {"type": "ga", "popSize": 10, "nIteration": GENS, "tournSize": 3},
             "fitnessWeights": [-1.0], "runner": RUNNER}
            """.replace("RUNNER", runner).replace("GENS", Integer.toString(generations));
    }

    private static JsonNode json(Path f) throws Exception {
        return new ObjectMapper().readTree(f.toFile());
    }

    @Test
    void aRunThatFailsAtStartDoesNotBlockTheCorrectedExperiment() throws Exception {
        Path run = tmp.resolve("start");
        for (String bad : List.of("{\"maxWorkers\": 1, \"jvmOptions\": [\"-XX:+NoSuchOptionForL2L\"]}",
                "{\"maxWorkers\": 1, \"srun\": \"/no/such/srun -n 1\"}")) {
            long t0 = System.nanoTime();
            Result r = l2l("run", file("bad.json", ga(bad, 2)).toString(), "--out", run.toString());
            assertEquals(1, r.code(), bad + ": " + r.err());
            assertTrue((System.nanoTime() - t0) / 1e9 < 60, "fails fast");
            assertTrue(r.err().contains("running the corrected experiment again replaces it"), r.err());
            assertEquals("failed", json(run.resolve("run.json")).get("status").asText());
            Result resume = l2l("resume", run.toString());
            assertEquals(2, resume.code(), "the stored bad experiment is not run again: " + resume.err());
        }
        Result fixed = l2l("run", file("good.json", ga("{\"maxWorkers\": 1}", 2)).toString(), "--out", run.toString());
        assertEquals(0, fixed.code(), fixed.err());
        assertEquals("finished", json(run.resolve("run.json")).get("status").asText());
    }

    @Test
    void aFitnessLengthMismatchOnWorkersExitsTwoAtOnceWithoutRetrying() throws Exception {
        Path run = tmp.resolve("zdt");
        Result r = l2l("run", file("zdt.json", """
            {"name": "zdt", "optimizee": {"type": "multi-objective", "problem": "ZDT1"},
             "optimizer": {"type": "ga", "popSize": 6, "nIteration": 2, "tournSize": 2},
             "fitnessWeights": [-1.0], "runner": {"maxWorkers": 1}}
            """).toString(), "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("org.l2l.optimizees.MultiObjectiveOptimizee") && r.err().contains("returned 2 fitness")
                && r.err().contains("1 fitness weight"), r.err());
        assertFalse(Files.readString(run.resolve("run.log")).contains("retrying"), "a deterministic failure is not retried");
    }

    @Test
    void aNanFitnessIsAFailedIndividualEverywhereBestCsvAndOptimizer() throws Exception {
        Path run = tmp.resolve("nan");
        Result r = l2l("run", file("nan.json", """
            {"name": "nan", "optimizee": {"class": "CLASS", "config": {"dims": 2}},
             "optimizer": {"type": "ga", "popSize": 9, "nIteration": 3, "tournSize": 2},
             "fitnessWeights": [-1.0], "runner": {"maxWorkers": 2, "maxRetries": 1, "stopRun": false}}
            """.replace("CLASS", NanEveryThird.class.getName())).toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        Path csv = tmp.resolve("nan.csv");
        Result i = l2l("inspect", run.toString(), "--json", "--csv", csv.toString());
        assertEquals(0, i.code(), i.err());
        JsonNode s = new ObjectMapper().readTree(i.out());
        assertTrue(s.get("failed").asInt() >= 3, "individuals 0, 3, 6 of generation 0 at least: " + s.get("failed"));
        assertFalse(Double.isNaN(s.get("best").get("fitness").get(0).asDouble()), "the best is a real fitness");
        assertTrue(s.get("best").get("index").asInt() % 3 != 0);
        List<String> rows = Files.readAllLines(csv);
        int failedCol = List.of(rows.get(0).split(",")).indexOf("failed");
        long failedRows = rows.stream().skip(1).filter(l -> l.split(",")[failedCol].equals("true")).count();
        assertEquals(s.get("failed").asLong(), failedRows, "the CSV marks each NaN individual as failed");
        assertTrue(Files.readString(run.resolve("run.log")).contains("NaN"), "run.log says why");
    }

    @Test
    void aFullDiskExitsOneNamingTheFileAndTheRunResumesOnceThereIsSpace() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "needs root to mount a 4 MB tmpfs: " + new String(mount.getInputStream().readAllBytes()));
        try {
            Path filler = mnt.resolve("filler");
            Files.write(filler, new byte[4 * 1024 * 1024 - 100 * 1024]); // 100 KB left: about 15 generations
            Path run = mnt.resolve("run");
            Result r = l2l("run", file("long.json", ga("{\"maxWorkers\": 1}", 40).replace("\"popSize\": 10", "\"popSize\": 30"))
                    .toString(), "--out", run.toString());
            assertEquals(1, r.code(), "a full disk is a failure of the run, not bad input: " + r.err());
            String first = r.err().lines().filter(l -> l.startsWith("error:")).findFirst().orElse(r.err());
            assertTrue(first.contains(mnt.toString()) && first.contains("No space left on device"), "names the file: " + r.err());
            assertTrue(Files.exists(run.resolve("generations/gen-000000.kryo")), "completed generations are kept");

            Files.delete(filler);
            Result resumed = l2l("resume", run.toString());
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals("finished", json(run.resolve("run.json")).get("status").asText());
            assertEquals(40, json(run.resolve("run.json")).get("generations").asInt());
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }
}
