package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.l2l.optimizees.MultiFunctionOptimizee;
import org.l2l.optimizees.MultiObjectiveOptimizee;
import org.l2l.optimizees.classifier.NeuralNetworkClassifierOptimizee;
import org.l2l.optimizers.annealing.ParallelTempering;
import org.l2l.optimizers.annealing.ParallelTemperingParameters;
import org.l2l.optimizers.annealing.SimulatedAnnealingSchedule;
import org.l2l.optimizers.distribution.CmaEs;
import org.l2l.optimizers.distribution.Face;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithm;
import org.l2l.optimizers.evolution.Nsga2;
import org.l2l.optimizers.gradient.GradientDescent;
import org.l2l.optimizers.gradient.GradientDescentParameters;
import org.l2l.optimizers.gradient.MultiGradientDescent;
import org.l2l.optimizers.gradient.MultiGradientDescentParameters;
import org.l2l.optimizers.search.GridSearch;

class ExperimentFileTest {
    private static final String GOOD = """
            {"name": "t", "seed": 3,
             "optimizee": {"type": "function", "function": "Rastrigin2d"},
             "optimizer": {"type": "ga", "popSize": 8, "nIteration": 2},
             "fitnessWeights": [-1.0],
             "runner": {"maxWorkers": 2, "individualTimeout": "90s", "jvmOptions": ["-Xmx64m"]}}
            """;

    private static ExperimentFile parse(String json) throws Exception {
        JsonNode n = new ObjectMapper().readTree(json);
        return ExperimentFile.parse("exp.json", n, null);
    }

    private static String error(String json) {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> parse(json));
        return e.getMessage();
    }

    @Test
    void optimizeeFileNamesAreRelativeToTheExperimentFileNotTheWorkingDirectory(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir) throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
        java.nio.file.Files.writeString(data.resolve("d.csv"), "a,b,y\n1,2,0\n2,1,1\n1,1,0\n2,2,1\n");
        java.nio.file.Path file = dir.resolve("exp.json");
        java.nio.file.Files.writeString(file, GOOD.replace("{\"type\": \"function\", \"function\": \"Rastrigin2d\"}",
                "{\"type\": \"nn-classifier\", \"dataset\": \"data/d.csv\", \"hiddenLayers\": [2]}"));
        ExperimentFile f = ExperimentFile.load(file, null);
        assertEquals(data.resolve("d.csv").toString(), ((NeuralNetworkClassifierOptimizee) f.optimizee()).dataset());
    }

    @Test
    void readsAGoodFileWithDefaultsFilledIn() throws Exception {
        ExperimentFile f = parse(GOOD);
        assertEquals("t", f.options().name());
        assertEquals(3, f.options().seed());
        assertEquals(2, f.options().runner().maxWorkers());
        assertEquals(Duration.ofSeconds(90), f.options().runner().individualTimeout());
        assertEquals(3, f.options().runner().maxRetries(), "default");
        assertEquals(org.l2l.runner.LaunchMode.PER_WORKER, f.options().runner().launch(), "default");
        assertEquals(org.l2l.runner.LaunchMode.STEP, parse(GOOD.replace("\"maxWorkers\": 2", "\"maxWorkers\": 2, \"srun\": \"srun -n 1\", "
                + "\"launch\": \"Step\"")).options().runner().launch());
        GeneticAlgorithm ga = (GeneticAlgorithm) f.optimizer();
        assertEquals(8, ga.parameters().popSize());
        assertEquals(0.5, ga.parameters().cxProb(), "builder default");
        assertEquals(8, ga.firstGeneration().size());
    }

    @Test
    void readsGridsGivenAsL2LTriples() throws Exception {
        ExperimentFile f = parse(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"gridsearch\", \"paramGrid\": {\"coords\": [-1, 1, 2]}}"));
        assertTrue(f.optimizer() instanceof GridSearch);
        assertEquals(9, f.optimizer().firstGeneration().size(), "3 points per coordinate, 2 coordinates");
    }

    @Test
    void readsNsga2OnAMultiObjectiveProblemAndCmaEsThroughTheirBuilders() throws Exception {
        ExperimentFile f = parse(GOOD.replace("{\"type\": \"function\", \"function\": \"Rastrigin2d\"}",
                        "{\"type\": \"multi-objective\", \"problem\": \"ZDT1\"}")
                .replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}", "{\"type\": \"nsga2\", \"popSize\": 12}")
                .replace("[-1.0]", "[-1.0, -1.0]"));
        assertEquals(new MultiObjectiveOptimizee("ZDT1", 30), f.optimizee());
        Nsga2 nsga = (Nsga2) f.optimizer();
        assertEquals(12, nsga.parameters().popSize());
        assertEquals(0.9, nsga.parameters().cxProb(), "builder default");
        assertEquals(12, nsga.firstGeneration().size());

        CmaEs cma = (CmaEs) parse(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"cmaes\", \"sigma0\": 0.3, \"mean\": [1, 2]}")).optimizer();
        assertEquals(6, cma.popSize(), "4 + floor(3 ln 2)");
        assertEquals(0.3, cma.sigma());
        assertEquals(100, cma.parameters().nIteration(), "builder default");
        assertEquals(java.util.List.of(1.0, 2.0), java.util.Arrays.stream(cma.mean().array("coords")).boxed().toList());

        assertTrue(error(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"cmaes\", \"mean\": [1, 2, 3]}")).contains("mean has 3 values, but the optimizee's individuals"));
        assertTrue(error(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"nsga2\", \"etaCrossover\": -2}")).contains("optimizer.etaCrossover: etaCrossover must be"));
        assertTrue(error(GOOD.replace("{\"type\": \"function\", \"function\": \"Rastrigin2d\"}",
                "{\"type\": \"multi-objective\", \"problem\": \"ZDT9\"}")).contains("problem must be one of"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative popSize   | \"popSize\": 8                   | \"popSize\": -3                   | optimizer.popSize: popSize must be > 0, but was -3",
        "wrongly typed      | \"popSize\": 8                   | \"popSize\": \"eight\"            | optimizer.popSize: must be an integer",
        "fractional integer | \"popSize\": 8                   | \"popSize\": 8.5                  | optimizer.popSize: must be an integer",
        "unknown GA field   | \"popSize\": 8                   | \"popsize\": 8                    | optimizer.popsize: unknown field",
        "unknown optimizer  | \"type\": \"ga\"                 | \"type\": \"gaa\"                 | optimizer.type: unknown type \"gaa\"",
        "unknown optimizee  | \"type\": \"function\"           | \"type\": \"functoin\"            | optimizee.type: unknown type \"functoin\"",
        "unknown function   | \"function\": \"Rastrigin2d\"    | \"function\": \"Rastrigin3d\"     | Rastrigin3d",
        "unknown top field  | \"seed\": 3                      | \"sede\": 3                       | sede: unknown field",
        "bad runner field   | \"maxWorkers\": 2                | \"maxWorkers\": 0                 | runner.maxWorkers must be > 0, but was 0",
        "bad duration       | \"90s\"                          | \"ninety\"                        | runner.individualTimeout: is not a duration",
        "bad launch mode    | \"maxWorkers\": 2                | \"maxWorkers\": 2, \"srun\": \"srun -n 1\", \"launch\": \"steps\" | runner.launch: must be \"per-worker\" or \"step\", but was \"steps\"",
        "step without srun  | \"maxWorkers\": 2                | \"maxWorkers\": 2, \"launch\": \"step\" | runner.launch is \"step\", one multi-task srun step for the pool, but runner.srun is empty",
        "bad weight         | [-1.0]                           | [\"min\"]                         | fitnessWeights[0]: must be a number",
        "int overflow       | \"popSize\": 8                   | \"popSize\": 3000000000             | optimizer.popSize: must be an integer in",
        "other variant's    | \"type\": \"ga\", \"popSize\": 8   | \"type\": \"gd\", \"momentumDecay\": 0.5 | optimizer.momentumDecay: unknown field",
        "optimizee value    | \"function\": \"Rastrigin2d\"    | \"function\": \"Ackley2d\", \"noise\": \"lots\" | optimizee.noise: must be a number",
        "nested value       | \"type\": \"ga\", \"popSize\": 8   | \"type\": \"crossentropy\", \"distribution\": {\"type\": \"gaussianMixture\", \"nComponents\": \"two\"} | optimizer.distribution.nComponents: must be an integer",
        "array element      | \"type\": \"ga\", \"popSize\": 8   | \"type\": \"pt\", \"temperatureBounds\": [[1, 0], [1, \"x\"]] | optimizer.temperatureBounds[1][1]: must be a number",
        "grid entry         | \"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2 | \"type\": \"gridsearch\", \"paramGrid\": {\"coords\": [0, \"one\", 2]} | optimizer.paramGrid.coords.upper: must be a number",
    })
    void badInputNamesTheField(String what, String from, String to, String expected) {
        String json = GOOD.replace(from.strip(), to.strip());
        String msg = error(json);
        assertTrue(msg.startsWith("exp.json: "), msg);
        assertTrue(msg.contains(expected.strip()), what + ": " + msg);
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertTrue(error(GOOD.replace("\"fitnessWeights\": [-1.0],", "")).contains("fitnessWeights: is required"));
        assertTrue(error(GOOD.replace("\"name\": \"t\", ", "")).contains("name: is required"));
        assertTrue(error(GOOD.replace(", \"function\": \"Rastrigin2d\"", "")).contains("optimizee.function: function is required"));
    }

    @Test
    void readsTheParallelTemperingAndMultiOptimizerTypes() throws Exception {
        ExperimentFile pt = parse(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"pt\", \"nParallelRuns\": 2, \"coolingSchedules\": [\"exponential\", \"DEFAULT\"], "
                        + "\"temperatureBounds\": [[1, 0], [0.5, 0.1]], \"decayParameters\": 0.9, \"swapInterval\": 3}"));
        ParallelTemperingParameters p = ((ParallelTempering) pt.optimizer()).parameters();
        assertEquals(List.of(SimulatedAnnealingSchedule.EXPONENTIAL, SimulatedAnnealingSchedule.DEFAULT), p.coolingSchedules());
        assertArrayEquals(new double[][] {{1, 0}, {0.5, 0.1}}, p.temperatureBounds());
        assertArrayEquals(new double[] {0.9, 0.9}, p.decayParameters());
        assertEquals(3, p.swapInterval());
        assertEquals(0.03, p.noisyStep(), "builder default");

        String multi = GOOD.replace("\"type\": \"function\"", "\"type\": \"multi-function\"");
        ExperimentFile ga = parse(multi.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"multiga\", \"popSize\": 8, \"nInnerParams\": 4}"));
        assertEquals(4, ((MultiGeneticAlgorithm) ga.optimizer()).parameters().nInnerParams());
        assertEquals(2, ga.optimizer().firstGeneration().size(), "8 sets in 2 multi-individuals");
        assertTrue(ga.optimizee() instanceof MultiFunctionOptimizee);

        ExperimentFile gd = parse(multi.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"multigd\", \"nRandomSteps\": 3}"));
        MultiGradientDescentParameters q = ((MultiGradientDescent) gd.optimizer()).parameters();
        assertEquals("rmsprop", q.gradientDescent().variant(), "the variant of L2L's example");
        assertEquals(3, q.gradientDescent().nRandomSteps());

        assertTrue(error(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"pt\", \"coolingSchedules\": [\"FAST\"]}")).contains("optimizer.coolingSchedules[0]: must be one of"));
        assertTrue(error(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"pt\", \"nParallelRuns\": 3}")).contains("optimizer.coolingSchedules: coolingSchedules must have 1 entry"));
        assertTrue(error(GOOD.replace("{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}",
                "{\"type\": \"multigd\", \"variant\": \"newton\"}")).contains("optimizer.variant: must be one of"));
    }

    @Test
    void readsTheAnnealingOfGradientDescentAndFacesRestartOnDivergence() throws Exception {
        String ga = "{\"type\": \"ga\", \"popSize\": 8, \"nIteration\": 2}";
        GradientDescentParameters gd = ((GradientDescent) parse(GOOD.replace(ga, "{\"type\": \"gd\", \"variant\": "
                + "\"rmsprop\", \"learningRate\": 0.4, \"learningRateEnd\": 0.01, \"explorationStepSize\": 1.6, "
                + "\"explorationStepSizeEnd\": 0.001, \"annealGenerations\": 50}")).optimizer()).parameters();
        assertEquals(0.01, gd.learningRateEnd());
        assertEquals(0.001, gd.explorationStepSizeAt(50));
        assertEquals(50, gd.annealGenerations());
        GradientDescentParameters plain = ((GradientDescent) parse(GOOD.replace(ga, "{\"type\": \"gd\"}")).optimizer())
                .parameters();
        assertEquals(0, plain.annealGenerations(), "L2L's constant rates by default");
        assertTrue(error(GOOD.replace(ga, "{\"type\": \"gd\", \"annealGenerations\": -5}"))
                .contains("optimizer.annealGenerations: annealGenerations must be >= 0, but was -5"));

        assertTrue(((Face) parse(GOOD.replace(ga, "{\"type\": \"face\", \"restartOnDivergence\": true}")).optimizer())
                .parameters().restartOnDivergence());
        assertTrue(!((Face) parse(GOOD.replace(ga, "{\"type\": \"face\"}")).optimizer()).parameters()
                .restartOnDivergence(), "L2L ends a diverged run by default");
        assertTrue(error(GOOD.replace(ga, "{\"type\": \"face\", \"restartOnDivergence\": \"yes\"}"))
                .contains("optimizer.restartOnDivergence"));
    }

    @Test
    void bindsTheNeuralNetworkClassifierWithItsDefaultsAndNamesABadDatasetFile() throws Exception {
        String nn = GOOD.replace("{\"type\": \"function\", \"function\": \"Rastrigin2d\"}",
                "{\"type\": \"nn-classifier\", \"hiddenLayers\": [5], \"activation\": \"tanh\"}");
        NeuralNetworkClassifierOptimizee o = (NeuralNetworkClassifierOptimizee) parse(nn).optimizee();
        assertEquals(NeuralNetworkClassifierOptimizee.builder().hiddenLayers(5).activation("tanh").build(), o);
        String msg = error(nn.replace("\"hiddenLayers\": [5]", "\"dataset\": \"no/such/file.csv\""));
        assertTrue(msg.startsWith("exp.json: ") && msg.contains("file.csv") && msg.contains("cannot read"), msg);
        msg = error(nn.replace("\"activation\": \"tanh\"", "\"activation\": \"step\""));
        assertTrue(msg.contains("activation must be one of sigmoid, tanh, relu"), msg);
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("l2l-bad", ".csv");
        try {
            java.nio.file.Files.writeString(bad, "a,b,y\n1,2,0\n1,oops,1\n");
            msg = error(nn.replace("\"hiddenLayers\": [5]", "\"dataset\": \"" + bad + "\""));
            assertTrue(msg.contains(bad.toString()) && msg.contains("line 3, column 2 (b): not a number: \"oops\""), msg);
        } finally {
            java.nio.file.Files.delete(bad);
        }
    }

    @Test
    void parsesDurations() {
        assertEquals(Duration.ofMinutes(10), ExperimentFile.parseDuration("10m"));
        assertEquals(Duration.ofHours(2), ExperimentFile.parseDuration("PT2H"));
        assertEquals(Duration.ofMillis(500), ExperimentFile.parseDuration("500ms"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentFile.parseDuration("2 weeks"));
    }
}
