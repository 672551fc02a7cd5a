package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.l2l.optimizees.NoOpOptimizee;

/** How a driver program's run ends when something other than an individual fails. */
class ExperimentFailureTest {
    @TempDir
    Path tmp;

    /** One generation of one individual, then the JVM "runs out of native threads". */
    private static final class OutOfThreads implements Optimizer {
        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1);
        }

        @Override
        public List<Parameters> firstGeneration() {
            return List.of(Parameters.builder().scalar("x", 1).build());
        }

        @Override
        public Step next(GenerationResult result) {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
        }
    }

    /** Two generations of two individuals under the given weights. */
    private record Proposer(FitnessWeights fitnessWeights) implements Optimizer {
        @Override
        public List<Parameters> firstGeneration() {
            return List.of(Parameters.builder().scalar("x", 1).build(), Parameters.builder().scalar("x", 2).build());
        }

        @Override
        public Step next(GenerationResult result) {
            return result.generation() == 1 ? Step.finished("done") : Step.next(firstGeneration());
        }
    }

    @Test
    void anErrorSuchAsOutOfNativeThreadsEndsTheRunAsFailedWithItsCause() throws Exception {
        Experiment ex = new Experiment(tmp);
        ex.prepareExperiment(ExperimentOptions.builder().name("oom")
                .runner(RunnerOptions.builder().maxWorkers(1).inProcess(true).build()).build());
        RunFailedException e = assertThrows(RunFailedException.class, () -> ex.runExperiment(new OutOfThreads(), new NoOpOptimizee()));
        assertTrue(e.getMessage().contains("unable to create native thread"), e.getMessage());
        var run = new ObjectMapper().readTree(tmp.resolve("oom/run.json").toFile());
        assertEquals("failed", run.get("status").asText());
        assertTrue(run.get("error").asText().contains("native thread"), run.toString());
        assertTrue(!Files.exists(tmp.resolve("oom/run.lock")), "the run directory is released");
    }

    @Test
    void aRunThatFailedBeforeItsFirstGenerationIsReplacedAndCannotBeResumed() throws Exception {
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(1).inProcess(true).build();
        Experiment first = new Experiment(tmp);
        first.prepareExperiment(ExperimentOptions.builder().name("r").runner(ro).build());
        assertThrows(OptimizeeContractException.class, () -> first.runExperiment(new Proposer(FitnessWeights.of(-1, -1)),
                new NoOpOptimizee()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Experiment(tmp).resumeExperiment(tmp.resolve("r"), ro));
        assertTrue(refused.getMessage().contains("nothing to resume"), refused.getMessage());

        Experiment second = new Experiment(tmp);
        second.prepareExperiment(ExperimentOptions.builder().name("r").runner(ro).build());
        second.runExperiment(new Proposer(FitnessWeights.of(-1)), new NoOpOptimizee());
        second.endExperiment(new Proposer(FitnessWeights.of(-1)));
        assertTrue(Files.readString(tmp.resolve("r/run.log")).contains("replaced"), "the replacement is logged");
        assertEquals("finished", new ObjectMapper().readTree(tmp.resolve("r/run.json").toFile()).get("status").asText());

        Experiment third = new Experiment(tmp);
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> third.prepareExperiment(ExperimentOptions.builder().name("r").runner(ro).build()));
        assertTrue(exists.getMessage().contains("completed generations"), "a run with generations is never replaced: "
                + exists.getMessage());
    }
}
