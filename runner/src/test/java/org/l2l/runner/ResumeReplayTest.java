package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.io.RunDirectory;

/** Resuming a run whose optimizer keeps no checkpoints: the stored generations are replayed, each read once. */
class ResumeReplayTest {
    @TempDir
    Path tmp;

    /** Three generations of two individuals, and no checkpoints. */
    private record ThreeGenerations() implements Optimizer {
        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1);
        }

        @Override
        public List<Parameters> firstGeneration() {
            return generation(0);
        }

        private static List<Parameters> generation(int g) {
            return List.of(Parameters.builder().scalar("x", g).build(), Parameters.builder().scalar("x", g + 0.5).build());
        }

        @Override
        public Step next(GenerationResult result) {
            int g = result.generation();
            return g == 2 ? Step.finished("done") : Step.next(generation(g + 1));
        }
    }

    @Test
    void theReplayTakesTheGenerationsResumeReadInsteadOfReadingThemAgain() throws Exception {
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(1).inProcess(true).build();
        Experiment first = new Experiment(tmp);
        first.prepareExperiment(ExperimentOptions.builder().name("r").runner(ro).build());
        first.runExperiment(new ThreeGenerations(), new NoOpOptimizee());
        first.endExperiment(new ThreeGenerations());

        Experiment resumed = new Experiment(tmp);
        Trajectory t = resumed.resumeExperiment(tmp.resolve("r"), ro);
        RunDirectory d = new RunDirectory(tmp.resolve("r"));
        // resume read the first and the last generation (the last to look for a checkpoint, the first to fail early
        // on an unreadable run); the replay must not read them again
        Files.delete(d.generationFile(0));
        Files.delete(d.generationFile(2));
        resumed.runExperiment(new ThreeGenerations(), new NoOpOptimizee());
        assertEquals(3, t.completedGenerations());
        resumed.endExperiment(new ThreeGenerations());
    }
}
