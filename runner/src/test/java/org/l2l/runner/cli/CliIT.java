package org.l2l.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run as a user runs it, on real worker JVMs. */
class CliIT {
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

    private static Path example(String name) {
        return Path.of("..", "examples", name).toAbsolutePath().normalize();
    }

    @Test
    void runsTheGaExampleThenInspectShowsTheBestIndividual() throws Exception {
        Path run = tmp.resolve("ga run");  // a space in the path
        Result r = l2l("run", example("ga-rastrigin.json").toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("best fitness"), r.out());

        Result i = l2l("inspect", run.toString(), "--json");
        assertEquals(0, i.code(), i.err());
        JsonNode s = new ObjectMapper().readTree(i.out());
        assertEquals(30, s.get("generations").asInt());
        assertTrue(s.get("evaluations").asInt() > 50 && s.get("evaluations").asInt() <= 30 * 50);
        assertEquals(1, s.get("best").get("fitness").size());
        assertEquals(2, s.get("best").get("params").get("coords").size());
        assertTrue(s.get("best").get("fitness").get(0).asDouble() < 2.0,
                "the GA gets near Rastrigin's minimum 0: " + s.get("best"));
        assertEquals("finished", s.get("status").asText());

        Result text = l2l("inspect", run.toString());
        assertTrue(text.out().contains("generations  30"), text.out());
    }

    @Test
    void runsTheGridSearchExample() throws Exception {
        Path run = tmp.resolve("grid");
        Result r = l2l("run", example("gridsearch-ackley.json").toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(l2l("inspect", run.toString(), "--json").out());
        assertEquals("asynchronous", s.get("mode").asText(), "grid search runs without the barrier by default");
        assertTrue(s.get("batches").asInt() >= 1);
        assertEquals(41 * 41, s.get("evaluations").asInt());
        assertEquals(0.0, s.get("best").get("fitness").get(0).asDouble(), 1e-9, "the grid contains Ackley's optimum (0, 0)");
        Path csv = tmp.resolve("grid.csv");
        assertEquals(0, l2l("inspect", run.toString(), "--csv", csv.toString()).code());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("generation,index,batch,completion,completed_at,coords_0,coords_1,fitness_0,weighted_fitness_0,failed",
                lines.get(0));
        assertEquals(41 * 41 + 1, lines.size());
        java.util.Set<String> completion = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            assertTrue(completion.add(c[3]), "each completion number once: " + line);
            java.time.Instant.parse(c[4]);
        }
        Result text = l2l("inspect", run.toString());
        assertTrue(text.out().contains("mode         asynchronous"), text.out());
    }

    @Test
    void badInputExitsWithTwoNamesTheFieldAndLeavesNoRunDirectory() throws Exception {
        String good = Files.readString(example("ga-rastrigin.json"));
        String[][] cases = {
            {good.replace("\"popSize\": 50", "\"popSize\": -5"), "optimizer.popSize"},
            {good.replace("\"type\": \"ga\"", "\"type\": \"annealing\""), "optimizer.type"},
            {good.replace("\"fitnessWeights\": [-1.0],", ""), "fitnessWeights"},
            {good.replace("\"popSize\": 50", "\"popSize\": \"many\""), "optimizer.popSize"},
            {"{ \"name\": ", "malformed JSON"},
        };
        for (String[] c : cases) {
            Path file = tmp.resolve("bad.json");
            Files.writeString(file, c[0]);
            Path run = tmp.resolve("bad-run");
            Result r = l2l("run", file.toString(), "--out", run.toString());
            assertEquals(2, r.code(), c[1] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertTrue(r.err().contains("bad.json"), "names the file: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one message: " + r.err());
            assertFalse(Files.exists(run), "no run directory for " + c[1]);
        }
    }

    @Test
    void anExternalProgramThatIsMissingOrNotExecutableIsBadInputNamingTheField() throws Exception {
        String good = Files.readString(example("process-python.json"));
        String script = example("python").resolve("functions.py").toString();
        Files.writeString(tmp.resolve("not-executable.py"), "print(1)\n");
        String[][] cases = {
            {good.replace("[\"python3\", \"{dir}/python/functions.py\"]", "[\"no-such-python3\", \"x.py\"]"),
                "optimizee.command[0]: the program \"no-such-python3\" is not an executable on PATH"},
            {good.replace("{dir}/python/functions.py", "{dir}/python/missing.py"), "optimizee.command[1]: no such file"},
            {good.replace("[\"python3\", \"{dir}/python/functions.py\"]", "[\"{dir}/not-executable.py\"]"),
                "optimizee.command[0]: the program " + tmp.resolve("not-executable.py") + " is not executable"},
            {good.replace("\"parameters\"", "\"params\""), "optimizee.params: unknown field"},
            {good.replace("{\"min\": -2, \"max\": 2, \"size\": 2}", "{\"min\": 2, \"max\": -2}"), "optimizee.parameters.x"},
        };
        for (String[] c : cases) {
            Path file = tmp.resolve("bad.json");
            Files.writeString(file, c[0].replace("{dir}/python/functions.py", script));
            Path run = tmp.resolve("bad-run");
            Result r = l2l("run", file.toString(), "--out", run.toString());
            assertEquals(2, r.code(), c[1] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(run), "no run directory, no worker for " + c[1]);
        }
    }

    @Test
    void inspectOfSomethingThatIsNotARunSaysSo() {
        Result r = l2l("inspect", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not an l2l run directory"), r.err());
    }

    @Test
    void archiveInspectTheZipDirectlyAndExportCsvThatPandasReads() throws Exception {
        Path run = tmp.resolve("for-archive");
        String exp = Files.readString(example("ga-rastrigin.json")).replace("\"nIteration\": 30", "\"nIteration\": 5")
                .replace("\"maxWorkers\": 2}", "\"maxWorkers\": 2, \"archive\": true}");
        Path file = tmp.resolve("exp.json");
        Files.writeString(file, exp);
        assertEquals(0, l2l("run", file.toString(), "--out", run.toString()).code());
        assertTrue(Files.exists(tmp.resolve("for-archive.zip")), "runner.archive wrote RUN_DIR.zip at the end");

        Path zip = tmp.resolve("copy.zip");
        Result a = l2l("archive", run.toString(), "-o", zip.toString());
        assertEquals(0, a.code(), a.err());
        JsonNode fromDir = new ObjectMapper().readTree(l2l("inspect", run.toString(), "--json").out());
        Result z = l2l("inspect", zip.toString(), "--json");
        assertEquals(0, z.code(), z.err());
        JsonNode fromZip = new ObjectMapper().readTree(z.out());
        assertEquals(fromDir.get("evaluations"), fromZip.get("evaluations"));
        assertEquals(fromDir.get("best"), fromZip.get("best"));
        assertEquals(5, fromZip.get("generations").asInt());

        Path csv = tmp.resolve("evals.csv");
        assertEquals(0, l2l("inspect", zip.toString(), "--csv", csv.toString()).code());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("generation,index,coords_0,coords_1,fitness_0,weighted_fitness_0,failed", lines.get(0));
        assertEquals(fromDir.get("evaluations").asInt() + 1, lines.size());

        Path python = Path.of("/usr/bin/python3");
        boolean pandas = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import pandas").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) assertTrue(pandas, "CI installs python3-pandas");
        if (pandas) {
            Process p = new ProcessBuilder(python.toString(), "-c", "import pandas, sys; d = pandas.read_csv(sys.argv[1]); "
                    + "print(len(d), list(d.columns), d['fitness_0'].min())", csv.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.startsWith(fromDir.get("evaluations").asInt() + " ['generation', 'index', 'coords_0'"), out);
        }
    }

    @Test
    void continuingAFinishedRunMatchesTheLongerUninterruptedRun() throws Exception {
        String base = Files.readString(example("ga-rastrigin.json"));
        Path five = tmp.resolve("five.json"), eight = tmp.resolve("eight.json"), bigger = tmp.resolve("bigger.json");
        Files.writeString(five, base.replace("\"nIteration\": 30", "\"nIteration\": 5"));
        Files.writeString(eight, base.replace("\"nIteration\": 30", "\"nIteration\": 8"));
        Files.writeString(bigger, base.replace("\"nIteration\": 30", "\"nIteration\": 8").replace("\"popSize\": 50", "\"popSize\": 60"));
        assertEquals(0, l2l("run", five.toString(), "--out", tmp.resolve("r5").toString()).code());
        assertEquals(0, l2l("run", eight.toString(), "--out", tmp.resolve("r8").toString()).code());
        Result c = l2l("run", eight.toString(), "--out", tmp.resolve("r5+3").toString(), "--from", tmp.resolve("r5").toString());
        assertEquals(0, c.code(), c.err());

        org.l2l.runner.io.KryoCodec codec = new org.l2l.runner.io.KryoCodec();
        org.l2l.runner.io.RunDirectory full = new org.l2l.runner.io.RunDirectory(tmp.resolve("r8"));
        org.l2l.runner.io.RunDirectory cont = new org.l2l.runner.io.RunDirectory(tmp.resolve("r5+3"));
        for (int g = 0; g < 3; g++) {
            var a = codec.read(full.generationFile(5 + g), org.l2l.runner.io.KryoCodec.GenerationRecord.class).result();
            var b = codec.read(cont.generationFile(g), org.l2l.runner.io.KryoCodec.GenerationRecord.class).result();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.evaluations().get(i).individual().params(), b.evaluations().get(i).individual().params());
            }
        }
        assertFalse(Files.exists(cont.generationFile(3)), "8 generations in all");

        // killed before its first generation was stored: resume must continue the earlier run again
        Path copy = tmp.resolve("r5+3-killed");
        assertEquals(0, l2l("run", eight.toString(), "--out", copy.toString(), "--from", tmp.resolve("r5").toString()).code());
        org.l2l.runner.io.RunDirectory killed = new org.l2l.runner.io.RunDirectory(copy);
        for (int g = 0; g < 3; g++) Files.delete(killed.generationFile(g));
        Files.writeString(killed.runJson(), Files.readString(killed.runJson()).replace("\"finished\"", "\"running\""));
        Result resumed = l2l("resume", copy.toString());
        assertEquals(0, resumed.code(), resumed.err());
        for (int g = 0; g < 3; g++) {
            var a = codec.read(cont.generationFile(g), org.l2l.runner.io.KryoCodec.GenerationRecord.class).result();
            var b = codec.read(killed.generationFile(g), org.l2l.runner.io.KryoCodec.GenerationRecord.class).result();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.evaluations().get(i).individual().params(), b.evaluations().get(i).individual().params());
            }
        }

        Result bad = l2l("run", bigger.toString(), "--out", tmp.resolve("bad").toString(), "--from", tmp.resolve("r5").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("popSize is 60, but the run to continue has a population of 50"), bad.err());
        assertFalse(Files.exists(tmp.resolve("bad")), "no run directory for bad input");
    }

    @Test
    void everyExampleExperimentRunsToTheEnd() throws Exception {
        List<Path> examples;
        try (var files = Files.list(example("x").getParent())) {
            examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(examples.size() >= 8, "one example per optimizer: " + examples);
        for (Path e : examples) {
            Path run = tmp.resolve("example-" + e.getFileName().toString().replace(".json", ""));
            Result r = l2l("run", e.toString(), "--out", run.toString());
            assertEquals(0, r.code(), e + ": " + r.err());
            JsonNode s = new ObjectMapper().readTree(l2l("inspect", run.toString(), "--json").out());
            assertEquals("finished", s.get("status").asText(), e.toString());
            String name = e.getFileName().toString();
            if (name.startsWith("nn-")) {
                assertTrue(s.get("best").get("fitness").get(0).asDouble() > 0.2, e + ": accuracy well above chance (0.1): "
                        + s.get("best"));
            } else {
                assertTrue(s.get("best").get("fitness").get(0).asDouble() < 1.0, e + " gets near its function's minimum 0: "
                        + s.get("best"));
            }
            if (name.startsWith("rw-")) {
                JsonNode walk = s.get("walk").get("total");
                assertTrue(walk.get("inside").asLong() > walk.get("particles").asLong(), e + ": the walk moved: " + walk);
                assertTrue(r.out().contains("inside models"), e + ": run reports the walk: " + r.out());
            }
            if (e.getFileName().toString().startsWith("nsga2")) {
                JsonNode front = s.get("paretoFront");
                assertTrue(front != null && front.size() >= 10, e + ": inspect shows NSGA-II's Pareto front: " + front);
                assertEquals(2, front.get(0).get("fitness").size(), e.toString());
                assertEquals(30, front.get(0).get("params").get("x").size(), e.toString());
            }
        }
    }

    /**
     * The benchmark suite's smoke run, so that it cannot rot: every figure of {@code bench all --quick} is a
     * real number (no performance is asserted), and the scaling plot is a readable PNG.
     */
    @Test
    void theBenchmarkSuiteSmokeRunPrintsEveryFigureAsANumber() throws Exception {
        Path plot = tmp.resolve("docs").resolve("scaling.png");
        Result r = l2l("bench", "all", "--quick", "--plot", plot.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains(Runtime.getRuntime().availableProcessors() + " cores"), r.out());
        assertTrue(r.out().contains("load average"), r.out());
        List<String[]> rows = r.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| figure"))
                .map(l -> l.substring(2, l.length() - 2).split(" \\| ", -1)).toList();
        String[] expected = {"parallel efficiency", "pop 1000, 1 worker", "pop 1000, 2 workers", "pop 1000, 4 workers",
            "per-generation overhead", "pool start-up", "resident memory of the pool", "driver memory",
            "file creates + renames per individual", "idle worker", "of the runner"};
        for (String figure : expected) {
            assertTrue(rows.stream().anyMatch(c -> c[0].contains(figure)), "a row for '" + figure + "' in\n" + r.out());
        }
        for (String[] c : rows) {
            assertEquals(6, c.length, String.join(" | ", c));
            boolean straceMissing = c[1].equals("n/a") && c[5].contains("strace is not installed");
            if (!straceMissing) {
                double v = Double.parseDouble(c[1]);
                assertTrue(Double.isFinite(v) && v >= 0, "a real measured value: " + String.join(" | ", c));
            }
        }
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(plot.toFile());
        assertTrue(png != null && png.getWidth() > 500 && png.getHeight() > 200, "the scaling plot is a PNG");
    }

    /**
     * The quality benchmark's smoke run: every bench row has a median for every 2-D function, the best peer row and the
     * check table are printed, and the same seeds give the same table whatever the number of threads.
     */
    @Test
    void theQualityBenchmarkSmokeRunPrintsAMedianPerOptimizerAndFunctionIndependentOfThreads() {
        Result one = l2l("bench", "quality", "--quick", "--threads", "1", "--only", "genetic|CMA");
        assertEquals(0, one.code(), one.err() + one.out());
        List<String> rows = one.out().lines().filter(l -> l.startsWith("| ")).toList();
        for (String name : List.of("random search (baseline)", "genetic algorithm", "CMA-ES (IPOP)")) {
            String row = rows.stream().filter(l -> l.startsWith("| " + name + " |")).findFirst().orElseThrow(
                    () -> new AssertionError("a row for " + name + " in\n" + one.out()));
            String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
            assertEquals(4, cells.length, row);
            for (int i = 1; i < 4; i++) assertTrue(Double.parseDouble(cells[i]) < 10, row);
        }
        assertTrue(one.out().contains("| best peer (issue 17) |") && one.out().contains("Checks"), one.out());
        // a check names how many of the seeds' runs reached the target (2 seeds in the smoke run)
        String check = rows.stream().filter(l -> l.startsWith("| genetic algorithm vs L2L's | Rastrigin2d |")).findFirst()
                .orElseThrow(() -> new AssertionError("the GA's check against L2L in\n" + one.out()));
        assertTrue(check.matches(".*\\| [0-2]/2 \\| (ok|\\*\\*miss\\*\\*) \\|"), check);
        Result two = l2l("bench", "quality", "--quick", "--threads", "2", "--only", "genetic|CMA");
        assertEquals(one.out().replaceAll("\\d+ threads.*", ""), two.out().replaceAll("\\d+ threads.*", ""));
        assertEquals(2, l2l("bench", "quality", "--seeds", "5-1").code());
    }
}
