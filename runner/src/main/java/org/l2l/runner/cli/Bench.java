package org.l2l.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code l2l bench ...}: measured figures for BENCHMARKS.md. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {Bench.Overhead.class})
final class Bench implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("usage: l2l bench overhead");
        return Main.BAD_INPUT;
    }

    /** An optimizer that proposes {@code pop} no-op individuals for {@code generations} generations and times each cycle. */
    static final class Timed implements Optimizer {
        final int pop;
        final int generations;
        final List<Long> stamps = new ArrayList<>();

        Timed(int pop, int generations) {
            this.pop = pop;
            this.generations = generations;
        }

        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1);
        }

        @Override
        public List<Parameters> firstGeneration() {
            stamps.add(System.nanoTime());
            return proposals();
        }

        @Override
        public Step next(GenerationResult result) {
            stamps.add(System.nanoTime());
            return stamps.size() > generations ? Step.finished("done") : Step.next(proposals());
        }

        private List<Parameters> proposals() {
            List<Parameters> out = new ArrayList<>(pop);
            for (int i = 0; i < pop; i++) out.add(Parameters.builder().scalar("x", i).build());
            return out;
        }

        /** Cycle times in ms, from generation {@code skip} on. */
        double[] cyclesMillis(int skip) {
            double[] out = new double[stamps.size() - 1 - skip];
            for (int i = 0; i < out.length; i++) out[i] = (stamps.get(i + skip + 1) - stamps.get(i + skip)) / 1e6;
            return out;
        }
    }

    static Timed run(Path root, String name, int workers, int pop, int generations) {
        Timed t = new Timed(pop, generations);
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).overwrite(true)
                .runner(RunnerOptions.builder().maxWorkers(workers).build()).build());
        ex.runExperiment(t, new NoOpOptimizee());
        ex.endExperiment(t);
        return t;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** {@code l2l bench overhead}. */
    @Command(name = "overhead", description = "Orchestration overhead with a no-op optimizee.")
    static final class Overhead implements Callable<Integer> {
        @Option(names = "--generations", description = "generations for the pop-32 figure (default ${DEFAULT-VALUE})")
        int generations = 300;

        @Override
        public Integer call() throws IOException {
            Path root = Files.createTempDirectory("l2l-bench");
            try {
                int cores = Runtime.getRuntime().availableProcessors();
                System.out.printf(Locale.ROOT, "l2l bench overhead on %d cores, java %s%n", cores, System.getProperty("java.version"));

                Timed g32 = run(root, "pop32", 2, 32, generations);
                double[] c = g32.cyclesMillis(20);
                System.out.printf(Locale.ROOT, "per-generation time, pop 32, 2 workers: median %.2f ms, mean %.2f ms over %d generations%n",
                        median(c), Arrays.stream(c).average().orElse(0), c.length);

                Timed g1000 = run(root, "pop1000", 2, 1000, 12);
                double[] c2 = g1000.cyclesMillis(2);
                double secs = Arrays.stream(c2).sum() / 1000;
                System.out.printf(Locale.ROOT, "throughput, pop 1000, 2 workers: %.0f individuals/s (%d individuals in %.2f s)%n",
                        c2.length * 1000 / secs, c2.length * 1000, secs);

                Timed one = run(root, "pop1", 1, 1, 500);
                double[] c3 = one.cyclesMillis(20);
                System.out.printf(Locale.ROOT, "one individual, 1 worker, whole generation cycle (dispatch, simulate, result, store): median %.2f ms%n",
                        median(c3));
                return 0;
            } finally {
                RunDirectory.deleteTree(root);
            }
        }
    }
}
