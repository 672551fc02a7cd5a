package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.optimizees.InsideRegionOptimizee;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.RunDirectory;

/** The random walk run from an experiment file through real worker JVMs, and killed with SIGKILL and resumed. */
class RandomWalkIT {
    @TempDir
    Path root;

    /** The region optimizee, slowed down so that a kill lands in the middle of the walk. */
    record SlowRegion(long millis) implements Optimizee {
        private static final InsideRegionOptimizee REGION =
                new InsideRegionOptimizee("ball", Map.of("x", 0.0, "y", 5.0), 1.5);

        @Override
        public Parameters createIndividual(RandomGenerator random) {
            return REGION.createIndividual(random);
        }

        @Override
        public SimulationResult simulate(Individual individual, SimulationContext context) throws InterruptedException {
            Thread.sleep(millis);
            return REGION.simulate(individual, context);
        }
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

    /** Every row of every particle: {@code "seed/particle" -> iteration -> the row's cells}; fails on a duplicate. */
    static Map<String, TreeMap<Integer, List<String>>> rows(Path walk) throws IOException {
        Map<String, TreeMap<Integer, List<String>>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(walk)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList()) {
                String text;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<String> lines = text.lines().toList();
                assertEquals("seedpoint,particle_id,iteration,n_suggestion,inside,x,y,z,fitness_0,distance", lines.get(0), f.toString());
                for (String line : lines.subList(1, lines.size())) {
                    List<String> cells = List.of(line.split(",", -1));
                    String key = cells.get(0) + "/" + cells.get(1);
                    List<String> old = out.computeIfAbsent(key, k -> new TreeMap<>()).put(Integer.parseInt(cells.get(2)), cells);
                    assertNull(old, "iteration " + cells.get(2) + " of " + key + " appears twice");
                }
            }
        }
        return out;
    }

    @Test
    void theWalkIsTheSameOnOneInProcessThreadAsOnTwoWorkerJvms() throws Exception {
        Path example = Path.of("..", "examples", "rw-region.json").toAbsolutePath().normalize();
        String json = Files.readString(example).replace("\"rw-region/", "\"" + example.getParent().resolve("rw-region") + "/");
        assertTrue(json.contains("\"runner\": {\"maxWorkers\": 2}"), "the example runs on 2 workers: " + json);
        Path oneThread = root.resolve("one-thread.json");
        Files.writeString(oneThread, json.replace("\"runner\": {\"maxWorkers\": 2}",
                "\"runner\": {\"maxWorkers\": 1, \"inProcess\": true}"));
        assertEquals(0, l2l("run", example.toString(), "--out", root.resolve("workers").toString()));
        assertEquals(0, l2l("run", oneThread.toString(), "--out", root.resolve("thread").toString()));
        Map<String, TreeMap<Integer, List<String>>> workers = rows(root.resolve("workers").resolve("walk"));
        assertEquals(4, workers.size(), "2 seed points x 2 particles");
        assertEquals(workers, rows(root.resolve("thread").resolve("walk")),
                "every particle's random stream depends only on the seed, its seed point and its id");
    }

    @Test
    void theExampleWalksOnWorkerJvmsAndWritesTheParticleFiles() throws Exception {
        Path example = Path.of("..", "examples", "rw-region.json").toAbsolutePath().normalize();
        Path run = root.resolve("rw");
        assertEquals(0, l2l("run", example.toString(), "--out", run.toString()));
        Path walk = run.resolve("walk");
        assertEquals("name,min,max\nx,-2.0,2.0\ny,0.0,10.0\nz,0.0,1.0\n", Files.readString(walk.resolve("ranges.csv")));
        assertEquals("seedpoint,x,y,z\nA,0.0,5.0,0.5\nB,0.5,5.5,0.25\n", Files.readString(walk.resolve("seeds.csv")));
        assertTrue(Files.readString(walk.resolve("walk.json")).contains("\"nIterations\": 30"));
        Map<String, TreeMap<Integer, List<String>>> rows = rows(walk);
        assertEquals(List.of("A/0", "A/1", "B/0", "B/1"), List.copyOf(rows.keySet()));
        InsideRegionOptimizee region = new InsideRegionOptimizee("ball", Map.of("x", 0.0, "y", 5.0), 1.5);
        for (TreeMap<Integer, List<String>> particle : rows.values()) {
            assertEquals(31, particle.size(), "the seed point and 30 steps");
            assertEquals(30, particle.lastKey());
            assertEquals("0", particle.get(0).get(3));
            for (List<String> r : particle.values()) {
                Parameters p = Parameters.builder().scalar("x", Double.parseDouble(r.get(5)))
                        .scalar("y", Double.parseDouble(r.get(6))).build();
                assertEquals(Boolean.toString(region.inside(p)), r.get(4), "inside as the optimizee said");
            }
        }
        // checkpoints at 9, 19, 29 (then concatenated) and 30 (the end)
        try (Stream<Path> s = Files.list(walk.resolve("A/0"))) {
            assertEquals(List.of("29.all.csv.gz", "29.state", "30.csv.gz", "30.state"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(run.resolve("experiment.json")).contains(
                example.getParent().resolve("rw-region").resolve("seeds.csv").toString()),
                "the kept experiment names the tables by absolute path, for 'l2l resume'");
        ProcessAssertions.assertNoWorkerChildren();
    }

    @Test
    void aWalkKilledWithSigkillAndResumedEndsWithExactlyTheRowsOfAnUninterruptedOne() throws Exception {
        Path tables = Path.of("..", "examples", "rw-region").toAbsolutePath().normalize();
        String experiment = "{\"name\": \"rw\", \"seed\": 9, \"optimizee\": {\"class\": \"" + SlowRegion.class.getName()
                + "\", \"config\": {\"millis\": 8}}, \"optimizer\": {\"type\": \"rw\", \"seeds\": \""
                + tables.resolve("seeds.csv") + "\", \"ranges\": \"" + tables.resolve("ranges.csv") + "\", "
                + "\"paramsToExplore\": [\"x\", \"y\"], \"minStepSize\": 0.02, \"maxStepSize\": 0.1, \"nIterations\": 60, "
                + "\"nParticles\": 2, \"checkpointEvery\": 4, \"concatEveryNSave\": 2}, \"fitnessWeights\": [-1.0], "
                + "\"runner\": {\"maxWorkers\": 2, \"batchInterval\": \"50ms\"}}";
        Path file = root.resolve("rw.json");
        Files.writeString(file, experiment);
        Path calm = root.resolve("calm"), killed = root.resolve("killed");
        assertEquals(0, l2l("run", file.toString(), "--out", calm.toString()));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                file.toString(), "--out", killed.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("driver.log").toFile()).start();
        RunDirectory k = new RunDirectory(killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(k.batchFile(3)) && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(Rng.seeded(System.nanoTime()).nextInt(200));
        driver.destroyForcibly();
        assertEquals(137, driver.waitFor());
        assertTrue(Files.readString(k.runJson()).contains("\"status\" : \"running\""), "killed mid-run");

        assertEquals(0, l2l("resume", killed.toString()), Files.readString(k.runLog()));
        assertTrue(Files.readString(k.runLog()).contains("restored the optimizer's state after batch"));
        assertEquals(rows(calm.resolve("walk")), rows(killed.resolve("walk")), "every row exactly once, as uninterrupted");

        Map<String, String> expected = StoredEvaluations.byId(new RunDirectory(calm));
        assertEquals(expected, StoredEvaluations.byId(k), "every evaluation stored once, identical to the uninterrupted run's");
        assertEquals(4 * 61, expected.size(), "4 particles: the seed points and 60 steps each");
        assertFalse(Files.exists(k.generationFile(0)), "the walk runs without the barrier");
        ProcessAssertions.assertNoWorkerChildren();
    }
}
