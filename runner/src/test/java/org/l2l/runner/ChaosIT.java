package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.runner.exec.WorkerPool;
import org.l2l.runner.io.RunDirectory;

/**
 * A GA run on 4 workers while a thread SIGKILLs a random worker about every half second. It must end
 * exactly as an undisturbed run with the same seed, with one result per individual and no process left.
 */
class ChaosIT {
    @TempDir
    Path root;

    private record Outcome(List<GenerationResult> generations, GeneticAlgorithm ga, WorkerPool.Stats stats, int kills,
                           List<Long> killNanos) {}

    private Outcome run(String name, boolean chaos) throws Exception {
        TestOptimizees.SlowSphere optimizee = new TestOptimizees.SlowSphere(40, 0.01);
        RunDirectory dir = new RunDirectory(root.resolve(name));
        dir.create(false);
        OptimizeeCodec.write(dir.optimizeeJson(), optimizee, Rng.deriveSeed(5, "optimizee"));
        GeneticAlgorithm ga = new GeneticAlgorithm(optimizee, FitnessWeights.of(-1),
                GeneticAlgorithmParameters.builder().seed(17).popSize(32).nIteration(12).mutProb(0.8).indProb(0.5)
                        .tournSize(3).mutPar(0.5).build());
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(4).maxWorkerRestarts(100).maxRestarts(400)
                .workerStartTimeout(Duration.ofSeconds(60)).build();
        List<GenerationResult> gens = new ArrayList<>();
        List<Long> killNanos = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            Rng r = Rng.seeded(99);
            java.util.Set<Long> killed = new java.util.HashSet<>();
            while (!stop.get()) {
                try {
                    Thread.sleep(400 + r.nextInt(200));
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
                    synchronized (killNanos) {
                        killNanos.add(System.nanoTime());
                    }
                }
            }
        }, "chaos");
        WorkerPool.Stats stats;
        try (WorkerPool pool = new WorkerPool(dir, ro)) {
            pool.start();
            if (chaos) killer.start();
            List<Parameters> next = ga.firstGeneration();
            for (int g = 0; ; g++) {
                List<Individual> inds = new ArrayList<>();
                for (int i = 0; i < next.size(); i++) inds.add(new Individual(g, i, next.get(i)));
                GenerationResult result = pool.evaluate(g, inds, ga.fitnessWeights());
                gens.add(result);
                Step step = ga.next(result);
                if (step instanceof Step.Finished) break;
                next = ((Step.Next) step).individuals();
            }
            stop.set(true);
            killer.interrupt();
            killer.join();
            stats = pool.stats();
        }
        synchronized (killNanos) {
            return new Outcome(gens, ga, stats, killNanos.size(), List.copyOf(killNanos));
        }
    }

    @Test
    void survivesRandomSigkillsAndEndsExactlyAsAnUndisturbedRun() throws Exception {
        Outcome calm = run("calm", false);
        Outcome chaos = run("chaos", true);
        ProcessAssertions.assertNoWorkerChildren();

        assertTrue(chaos.kills() >= 5, "the chaos thread killed workers: " + chaos.kills());
        assertEquals(chaos.kills(), chaos.stats().deathNoticedNanos().size(), "every kill was noticed");
        int evaluations = 0;
        assertEquals(calm.generations().size(), chaos.generations().size());
        for (int g = 0; g < calm.generations().size(); g++) {
            List<Evaluation> a = calm.generations().get(g).evaluations(), b = chaos.generations().get(g).evaluations();
            assertEquals(a.size(), b.size(), "generation " + g);
            for (int i = 0; i < a.size(); i++) {
                assertFalse(b.get(i).failed(), b.get(i).toString());
                assertEquals(a.get(i).individual(), b.get(i).individual(), "g" + g + "/i" + i);
                assertArrayEquals(a.get(i).fitness(), b.get(i).fitness(), "g" + g + "/i" + i);
            }
            evaluations += b.size();
        }
        assertTrue(evaluations >= 200, "at least 200 individuals: " + evaluations);
        assertTrue(calm.generations().size() >= 10);
        assertEquals(calm.ga().best().orElseThrow().toString(), chaos.ga().best().orElseThrow().toString());

        double[] detect = new double[Math.min(chaos.kills(), chaos.stats().deathNoticedNanos().size())];
        for (int k = 0; k < detect.length; k++) {
            detect[k] = (chaos.stats().deathNoticedNanos().get(k) - chaos.killNanos().get(k)) / 1e6;
        }
        double[] restart = chaos.stats().restartNanos().stream().mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(detect);
        Arrays.sort(restart);
        System.out.printf("chaos: %d evaluations in %d generations, %d workers killed and survived; "
                        + "death noticed after median %.1f ms (max %.1f ms); restart to ready median %.0f ms (max %.0f ms)%n",
                evaluations, chaos.generations().size(), chaos.kills(), detect[detect.length / 2], detect[detect.length - 1],
                restart[restart.length / 2], restart[restart.length - 1]);
    }
}
