package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Rng;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.RunDirectory;

/**
 * A driver killed with SIGKILL at a random moment, then resumed, ends bit-identical to an
 * uninterrupted run with the same seed: every individual and every fitness of every generation.
 * Every optimizer present joins this test.
 */
class ResumeIT {
    @TempDir
    Path root;

    private static final String OPTIMIZEE =
            "{\"class\": \"org.l2l.runner.TestOptimizees$SlowSphere\", \"config\": {\"millis\": 15, \"noise\": 0.05}}";

    private static final String MULTI_OPTIMIZEE =
            "{\"class\": \"org.l2l.runner.TestOptimizees$SlowMultiSphere\", \"config\": {\"millis\": 15, \"noise\": 0.05}}";

    private static String experiment(String optimizer) {
        String opt = switch (optimizer) {
            case "ga" -> "{\"type\": \"ga\", \"popSize\": 12, \"nIteration\": 12, \"mutProb\": 0.9, \"indProb\": 0.5}";
            case "gridsearch" -> "{\"type\": \"gridsearch\", \"paramGrid\": {\"coords\": [-2, 2, 14]}}";
            case "random" -> "{\"type\": \"random\", \"nSamples\": 150, \"popSize\": 10}";
            case "es" -> "{\"type\": \"es\", \"popSize\": 5, \"nIteration\": 12}";
            case "nes" -> "{\"type\": \"nes\", \"mu\": [1, 1], \"sigma\": [1], \"popSize\": 5, \"nIteration\": 12}";
            case "gd" -> "{\"type\": \"gd\", \"variant\": \"adam\", \"nRandomSteps\": 9, \"nIteration\": 12}";
            case "crossentropy" -> "{\"type\": \"crossentropy\", \"popSize\": 10, \"nIteration\": 12, "
                    + "\"distribution\": {\"type\": \"noisyGaussianMixture\", \"nComponents\": 2}}";
            case "face" -> "{\"type\": \"face\", \"minPopSize\": 8, \"maxPopSize\": 12, \"nElite\": 4, \"nIteration\": 12}";
            case "sa" -> "{\"type\": \"sa\", \"nParallelRuns\": 10, \"nIteration\": 12}";
            case "pt" -> "{\"type\": \"pt\", \"nParallelRuns\": 6, \"nIteration\": 12, \"noisyStep\": 1.0, "
                    + "\"swapInterval\": 2, \"coolingSchedules\": \"EXPONENTIAL\", \"temperatureBounds\": [[2, 0]], "
                    + "\"decayParameters\": [0.9]}";
            case "multiga" -> "{\"type\": \"multiga\", \"popSize\": 12, \"nIteration\": 12, \"mutProb\": 0.9, "
                    + "\"indProb\": 0.5, \"nInnerParams\": 5}";
            case "multigd" -> "{\"type\": \"multigd\", \"variant\": \"adam\", \"nRandomSteps\": 4, \"nInnerParams\": 3, "
                    + "\"nIteration\": 12}";
            case "nsga2" -> "{\"type\": \"nsga2\", \"popSize\": 10, \"nIteration\": 12}";
            case "cmaes" -> "{\"type\": \"cmaes\", \"popSize\": 8, \"sigma0\": 0.5, \"nIteration\": 12}";
            // tolX 10 ends every run at once: a BIPOP restart, with a new population size, every generation
            case "cmaes-bipop" -> "{\"type\": \"cmaes\", \"popSize\": 4, \"sigma0\": 0.5, \"nIteration\": 12, "
                    + "\"restarts\": \"bipop\", \"maxRestarts\": 20, \"tolX\": 10}";
            default -> throw new IllegalArgumentException(optimizer);
        };
        String optimizee = optimizer.startsWith("multi") ? MULTI_OPTIMIZEE : OPTIMIZEE;
        return "{\"name\": \"r\", \"seed\": 5, \"optimizee\": " + optimizee + ", \"optimizer\": " + opt
                + ", \"fitnessWeights\": [-1.0], \"runner\": {\"maxWorkers\": 2, \"batchInterval\": \"50ms\"}}";
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

    @ParameterizedTest
    @ValueSource(strings = {"ga", "gridsearch", "random", "es", "nes", "gd", "crossentropy", "face", "sa", "pt", "multiga",
            "multigd", "nsga2", "cmaes", "cmaes-bipop"})
    void aRunKilledWithSigkillAndResumedEndsBitIdenticalToAnUninterruptedRun(String optimizer) throws Exception {
        Path file = root.resolve(optimizer + ".json");
        Files.writeString(file, experiment(optimizer));
        Path calm = root.resolve("calm-" + optimizer), killed = root.resolve("killed-" + optimizer);
        assertEquals(0, l2l("run", file.toString(), "--out", calm.toString()));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                file.toString(), "--out", killed.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve(optimizer + ".driver.log").toFile()).start();
        RunDirectory k = new RunDirectory(killed);
        // kill at a random moment once the run is under way: after a few generations (GA) or some results (grid)
        boolean grid = optimizer.equals("gridsearch") || optimizer.equals("random"); // asynchronous: batch files
        Path marker = grid ? k.batchFile(1) : k.generationFile(3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker) && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(Rng.seeded(System.nanoTime()).nextInt(150));
        driver.destroyForcibly();
        assertEquals(137, driver.waitFor());
        assertTrue(Files.readString(k.runJson()).contains("\"status\" : \"running\""), "killed mid-run");

        assertEquals(0, l2l("resume", killed.toString()), Files.readString(k.runLog()));
        assertEquals(0, l2l("resume", killed.toString()), "resuming a finished run does nothing");

        java.util.Map<String, String> expected = StoredEvaluations.byId(new RunDirectory(calm));
        assertTrue(!expected.isEmpty());
        assertEquals(expected, StoredEvaluations.byId(k), "every individual and fitness as in the uninterrupted run, none extra");
        assertTrue(Files.readString(k.runJson()).contains("\"status\" : \"finished\""));
        String log = Files.readString(k.runLog());
        assertTrue(log.contains(grid ? "resuming asynchronous run" : "resuming run"), log);
        assertTrue(log.contains("restored the optimizer's state after " + (grid ? "batch" : "generation")),
                optimizer + " resumes from its checkpoint, reading only the last generation or batch file");
        ProcessAssertions.assertNoWorkerChildren();
    }
}
