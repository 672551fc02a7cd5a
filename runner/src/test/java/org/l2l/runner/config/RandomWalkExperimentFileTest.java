package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.optimizees.InsideRegionOptimizee;
import org.l2l.optimizers.walk.RandomWalk;
import org.l2l.optimizers.walk.RandomWalkMode;
import org.l2l.optimizers.walk.RandomWalkParameters;

/** The {@code rw} optimizer and {@code inside-region} optimizee in experiment files. */
class RandomWalkExperimentFileTest {
    @TempDir
    Path dir;

    private static final String EXPERIMENT = """
            {"name": "w", "seed": 3,
             "optimizee": {"type": "inside-region", "center": {"x": 0, "y": 5}, "radius": 1.5},
             "optimizer": {"type": "rw", "seeds": "tables/seeds.csv", "ranges": "tables/ranges.csv", OPTIONS},
             "fitnessWeights": [-1.0]}
            """;

    private Path write(String options) throws Exception {
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("tables/ranges.csv"), "name,min,max\nx,-2,2\ny,0,10\n");
        Files.writeString(dir.resolve("tables/seeds.csv"), "seedpoint,x,y\nA,0,5\n");
        Path f = dir.resolve("exp.json");
        Files.writeString(f, EXPERIMENT.replace("OPTIONS", options));
        return f;
    }

    private String error(String options) throws Exception {
        Path f = write(options);
        return assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(f, null)).getMessage();
    }

    @Test
    void bindsEveryFieldAndResolvesPathsAgainstTheExperimentFile() throws Exception {
        Path f = write("\"paramsToExplore\": [\"x\"], \"mode\": \"expand\", \"aimParams\": {\"x\": 1.5}, "
                + "\"stopNInsideWithAimParams\": 4, \"nIterations\": 7, \"nParticles\": 3, \"checkpointByTime\": 2.5, "
                + "\"outputDir\": \"out/walk\", \"minStepSize\": 0.01, \"maxStepSize\": 0.05, \"insideKey\": \"ok\"");
        ExperimentFile ef = ExperimentFile.load(f, null);
        RandomWalkParameters p = ((RandomWalk) ef.optimizer()).parameters();
        assertEquals(List.of("x"), p.paramsToExplore());
        assertEquals(RandomWalkMode.EXPAND, p.mode());
        assertEquals(Map.of("x", 1.5), p.aimParams());
        assertEquals(4, p.stopNInsideWithAimParams());
        assertEquals(7, p.nIterations());
        assertEquals(3, p.nParticles());
        assertEquals(2.5, p.checkpointByTime());
        assertEquals(100, p.checkpointEvery(), "ISF's default");
        assertEquals("ok", p.insideKey());
        assertEquals(dir.resolve("out/walk").toAbsolutePath(), p.outputDir());
        assertEquals(dir.resolve("tables/seeds.csv").toAbsolutePath().toString(),
                ef.source().get("optimizer").get("seeds").asText(), "the kept copy names the file absolutely");
        assertTrue(ef.optimizee() instanceof InsideRegionOptimizee r && r.shape().equals("ball"), "the default shape");
    }

    @Test
    void rangesMayBeGivenInline() throws Exception {
        Path f = write("\"nIterations\": 3").resolveSibling("inline.json");
        Files.writeString(f, EXPERIMENT.replace("\"ranges\": \"tables/ranges.csv\", OPTIONS",
                "\"ranges\": {\"x\": [-2, 2], \"y\": {\"min\": 0, \"max\": 10}}"));
        RandomWalkParameters p = ((RandomWalk) ExperimentFile.load(f, null).optimizer()).parameters();
        assertEquals(List.of(new RandomWalkParameters.Range("x", -2, 2), new RandomWalkParameters.Range("y", 0, 10)), p.ranges());
    }

    @Test
    void errorsNameTheField() throws Exception {
        String m = error("\"stepSize\": 0.1");
        assertTrue(m.contains("optimizer.stepSize") && m.contains("unknown field"), m);
        m = error("\"paramsToExplore\": \"x\"");
        assertTrue(m.contains("optimizer.paramsToExplore") && m.contains("array of strings"), m);
        m = error("\"paramsToExplore\": [\"x\", \"q\"]");
        assertTrue(m.contains("optimizer.paramsToExplore") && m.contains("'q'"), m);
        m = error("\"mode\": \"sideways\"");
        assertTrue(m.contains("optimizer.mode"), m);
        m = error("\"aimParams\": {\"x\": \"far\"}");
        assertTrue(m.contains("optimizer.aimParams.x"), m);
        m = error("\"nIterations\": 2.5");
        assertTrue(m.contains("optimizer.nIterations") && m.contains("integer"), m);
        Files.writeString(write("\"nIterations\": 3").resolveSibling("tables/seeds.csv"), "seedpoint,x\nA,0\n");
        m = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(dir.resolve("exp.json"), null)).getMessage();
        assertTrue(m.contains("optimizer.seeds") && m.contains("seeds.csv") && m.contains("missing column 'y'"), m);
    }
}
