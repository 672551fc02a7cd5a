package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Trajectory;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.io.RunDirectory;

/** Resuming a run whose optimizer keeps no checkpoints: the stored generations are replayed, each read once. */
class ResumeReplayTest {
    @TempDir
    Path tmp;

    /** Three generations of two individuals, the same each time, and no checkpoints. */
    private static RandomProposals threeGenerations() {
        return new RandomProposals(new NoOpOptimizee(), 2, 3, 11);
    }

    @Test
    void theReplayTakesTheGenerationsResumeReadInsteadOfReadingThemAgain() throws Exception {
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(1).inProcess(true).build();
        Experiment first = new Experiment(tmp);
        first.prepareExperiment(ExperimentOptions.builder().name("r").runner(ro).build());
        first.runExperiment(threeGenerations(), new NoOpOptimizee());
        first.endExperiment(threeGenerations());

        Experiment resumed = new Experiment(tmp);
        Trajectory t = resumed.resumeExperiment(tmp.resolve("r"), ro);
        RunDirectory d = new RunDirectory(tmp.resolve("r"));
        // resume read the first and the last generation (the last to look for a checkpoint, the first to fail early
        // on an unreadable run); the replay must not read them again
        Files.delete(d.generationFile(0));
        Files.delete(d.generationFile(2));
        resumed.runExperiment(threeGenerations(), new NoOpOptimizee());
        assertEquals(3, t.completedGenerations());
        resumed.endExperiment(threeGenerations());
    }
}
