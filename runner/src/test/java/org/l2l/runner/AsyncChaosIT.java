package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.core.Rng;
import org.l2l.optimizers.walk.RandomWalk;
import org.l2l.optimizers.walk.RandomWalkParameters;
import org.l2l.runner.io.RunDirectory;

/**
 * The random walk without the generation barrier on 4 worker JVMs while a thread SIGKILLs a random worker about
 * a few times while it goes on: it must end exactly as an undisturbed run, every particle's rows and every stored evaluation.
 */
class AsyncChaosIT {
    @TempDir
    Path root;

    /** Workers killed per chaotic run. */
    private static final int KILLS = 6;

    private record Outcome(Map<String, String> evaluations, Map<String, TreeMap<Integer, List<String>>> rows, int kills) {}

    private Outcome run(String name, boolean chaos) throws Exception {
        Path tables = Path.of("..", "examples", "rw-region").toAbsolutePath().normalize();
        RandomWalkIT.SlowRegion optimizee = new RandomWalkIT.SlowRegion(6);
        Optimizer walk = new RandomWalk(FitnessWeights.of(-1), RandomWalkParameters.builder()
                .seeds(tables.resolve("seeds.csv").toString()).ranges(tables.resolve("ranges.csv").toString())
                .paramsToExplore(List.of("x", "y")).minStepSize(0.02).maxStepSize(0.1).nIterations(300).nParticles(4)
                .checkpointEvery(10).concatEveryNSave(3).seed(13).build());
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).seed(5).runner(RunnerOptions.builder().maxWorkers(4)
                .maxWorkerRestarts(100).maxRestarts(400).workerStartTimeout(Duration.ofSeconds(60))
                .batchInterval(Duration.ofMillis(100)).build()).build());
        RunDirectory dir = ex.runDirectory();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger kills = new AtomicInteger();
        Thread killer = new Thread(() -> {
            Rng r = Rng.seeded(99);
            Set<Long> killed = new HashSet<>();
            // kill only while the run makes progress (a new batch since the last kill), so that slow worker start-ups on
            // a loaded machine cannot starve it; a worker that never started once would be a start-up error instead
            int seen = 0;
            while (!stop.get() && kills.get() < KILLS) {
                try {
                    while (!stop.get() && !java.nio.file.Files.exists(dir.batchFile(seen))) Thread.sleep(5);
                    seen = AsyncRun.storedBatches(dir);
                    Thread.sleep(200 + r.nextInt(300));
                } catch (InterruptedException e) {
                    return;
                }
                List<ProcessHandle> workers = ProcessHandle.current().descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("WorkerMain " + dir.root()))
                        .filter(p -> !ProcessAssertions.isZombie(p.pid()) && !killed.contains(p.pid())).toList();
                if (workers.isEmpty() || stop.get()) continue;
                ProcessHandle victim = workers.get(r.nextInt(workers.size()));
                if (victim.destroyForcibly()) {
                    killed.add(victim.pid());
                    kills.incrementAndGet();
                }
            }
        }, "chaos");
        if (chaos) killer.start();
        try {
            ex.runExperiment(walk, optimizee);
            ex.endExperiment(walk);
        } finally {
            stop.set(true);
            killer.interrupt();
            if (chaos) killer.join();
        }
        return new Outcome(StoredEvaluations.byId(dir), RandomWalkIT.rows(dir.root().resolve("walk")), kills.get());
    }

    @Test
    void anAsynchronousWalkSurvivesRandomSigkillsAndEndsExactlyAsAnUndisturbedRun() throws Exception {
        Outcome calm = run("calm", false);
        Outcome chaos = run("chaos", true);
        ProcessAssertions.assertNoWorkerChildren();
        assertTrue(chaos.kills() >= 3, "the chaos thread killed workers while the walk went on: " + chaos.kills());
        assertEquals(8 * 301, calm.evaluations().size(), "8 particles: the seed points and 300 steps each");
        assertEquals(calm.evaluations(), chaos.evaluations(), "every evaluation once, identical");
        assertEquals(calm.rows(), chaos.rows(), "every particle's rows, identical");
        System.out.printf("async chaos: %d evaluations, %d workers killed and survived%n", chaos.evaluations().size(),
                chaos.kills());
    }
}
