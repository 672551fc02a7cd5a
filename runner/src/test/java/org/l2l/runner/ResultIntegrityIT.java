package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.optimizees.NoOpOptimizee;

/**
 * Results that cannot be trusted (corrupt, truncated, missing), and replies that come late or twice, never
 * give a wrong fitness; results whose notifications are all lost ({@code quiet}), some lost ({@code lossy}),
 * bare ({@code bare}) or from another process ({@code stranger}) still arrive, each exactly once.
 */
class ResultIntegrityIT {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"corrupt", "truncated", "missing", "late", "duplicate", "quiet", "lossy", "bare", "stranger"})
    void everyIndividualGetsExactlyItsOwnFitness(String mode) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(2)
                .srun(java + " -cp " + System.getProperty("java.class.path") + " " + FakeWorker.class.getName() + " " + mode)
                .build();
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(mode).runner(ro).build());
        NoOpOptimizee o = new NoOpOptimizee();
        RandomProposals opt = new RandomProposals(o, 6, 2, 3);
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
        assertEquals(2, opt.seen.size());
        for (GenerationResult g : opt.seen) {
            assertEquals(6, g.size());
            List<Evaluation> evs = g.evaluations();
            for (int i = 0; i < evs.size(); i++) {
                Evaluation e = evs.get(i);
                assertEquals(i, e.individual().index());
                assertTrue(!e.failed(), mode + ": " + e);
                assertEquals(e.individual().params().scalar("x"), e.fitness()[0], 0.0,
                        mode + ": the fitness is the individual's own, never a corrupt or late one");
            }
        }
        ProcessAssertions.assertNoWorkerChildren();
    }
}
