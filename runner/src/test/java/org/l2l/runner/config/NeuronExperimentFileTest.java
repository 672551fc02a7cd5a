package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.optimizees.neuron.NeuronOptimizee;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.runner.OptimizeeCodec;

/** The neuron optimizee in experiment files and in the file the workers recreate it from. */
class NeuronExperimentFileTest {
    private static final String FILE = """
            {"name": "n", "optimizee": {"type": "neuron"OPTIONS},
             "optimizer": {"type": "ga", "popSize": 4, "nIteration": 1}, "fitnessWeights": [-1.0]}
            """;

    private static ExperimentFile parse(String options) throws Exception {
        return ExperimentFile.parse("exp.json", new ObjectMapper().readTree(FILE.replace("OPTIONS", options)), null);
    }

    @Test
    void typeNeuronGivesTheShippedSetupByDefault() throws Exception {
        NeuronOptimizee o = (NeuronOptimizee) parse("").optimizee();
        assertEquals(new NeuronOptimizee("", "", "", 3.0, true), o);
        assertEquals(NeuronOptimizee.shipped().evaluator().targets(), o.evaluator().targets());
        NeuronOptimizee p = (NeuronOptimizee) parse(", \"maxSd\": 2, \"incremental\": false").optimizee();
        assertEquals(2.0, p.maxSd());
        assertEquals(false, p.incremental());
    }

    @Test
    void theExampleFileAsksTheGeneticAlgorithmForFullEvaluations() throws Exception {
        Path example = Path.of("..", "examples", "ga-neuron.json");
        ExperimentFile f = ExperimentFile.parse(example.toString(), new ObjectMapper().readTree(example.toFile()), null);
        NeuronOptimizee o = (NeuronOptimizee) f.optimizee();
        assertEquals(false, o.incremental(), "the GA needs every distance, not 250 for protocols not run");
        assertTrue(f.optimizer() instanceof GeneticAlgorithm);
    }

    @Test
    void badSettingsAndFilesAreNamed(@TempDir Path dir) throws Exception {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> parse(", \"maxSd\": -1"));
        assertTrue(e.getMessage().contains("maxSd"), e.getMessage());
        e = assertThrows(ExperimentFileException.class, () -> parse(", \"incremental\": \"yes\""));
        assertTrue(e.getMessage().contains("optimizee.incremental"), e.getMessage());
        Path targets = dir.resolve("t.csv");
        Files.writeString(targets, "protocol,feature,mean,std\nstrong,isi,19,0\n");
        e = assertThrows(ExperimentFileException.class,
                () -> parse(", \"targets\": \"" + targets.toString().replace("\\", "\\\\") + "\""));
        assertTrue(e.getMessage().contains(targets.toString()) && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void roundTripsThroughTheWorkersOptimizeeFile(@TempDir Path dir) throws Exception {
        for (NeuronOptimizee o : new NeuronOptimizee[] {NeuronOptimizee.shipped(),
                new NeuronOptimizee("", "", "", 2.5, false)}) {
            Path f = dir.resolve("optimizee.json");
            OptimizeeCodec.write(f, o, 7);
            OptimizeeCodec.Loaded back = OptimizeeCodec.read(f);
            assertEquals(o, back.optimizee());
            assertEquals(7, back.seed());
        }
    }
}
