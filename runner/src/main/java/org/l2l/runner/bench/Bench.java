package org.l2l.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.l2l.core.FitnessWeights;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code l2l bench ...}: measured figures for BENCHMARKS.md. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchSuite.All.class, BenchSuite.Efficiency.class,
        BenchSuite.Throughput.class, BenchSuite.Scale.class, BenchSuite.Memory.class, BenchSuite.Fs.class, AsyncBench.Async.class, Bench.Overhead.class,
        Bench.Storage.class, Bench.Quality.class, Bench.FileOps.class, BenchSuite.MemoryDriver.class, BenchSuite.FsRun.class,
        BenchSuite.FsProbe.class, ExternalBench.class})
public final class Bench implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("usage: l2l bench all [--quick] | efficiency | throughput | scale | memory | fs | overhead | storage | quality | files | external");
        return Main.BAD_INPUT;
    }

    /**
     * Runs {@code generations} generations of {@code pop} no-op individuals on {@code workers} worker JVMs; the
     * proposer's cycle times start after generation 0.
     */
    static BenchSuite.Proposer run(Path root, String name, int workers, int pop, int generations) {
        BenchSuite.Proposer p = new BenchSuite.Proposer(0, pop, generations);
        BenchSuite.run(root, name, RunnerOptions.builder().maxWorkers(workers).build(), p, new NoOpOptimizee());
        return p;
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

                BenchSuite.Proposer g32 = run(root, "pop32", 2, 32, generations);
                double[] c = g32.cyclesMillis(19);
                System.out.printf(Locale.ROOT, "per-generation time, pop 32, 2 workers: median %.2f ms, mean %.2f ms over %d generations%n",
                        median(c), Arrays.stream(c).average().orElse(0), c.length);

                BenchSuite.Proposer g1000 = run(root, "pop1000", 2, 1000, 12);
                double[] c2 = g1000.cyclesMillis(1);
                double secs = Arrays.stream(c2).sum() / 1000;
                System.out.printf(Locale.ROOT, "throughput, pop 1000, 2 workers: %.0f individuals/s (%d individuals in %.2f s)%n",
                        c2.length * 1000 / secs, c2.length * 1000, secs);

                BenchSuite.Proposer one = run(root, "pop1", 1, 1, 500);
                double[] c3 = one.cyclesMillis(19);
                System.out.printf(Locale.ROOT, "one individual, 1 worker, whole generation cycle (dispatch, simulate, result, store): median %.2f ms%n",
                        median(c3));
                return 0;
            } finally {
                RunDirectory.deleteTree(root);
            }
        }
    }

    /** {@code l2l bench storage}: bytes and files per generation, and resume time, for a GA on a 2-parameter optimizee. */
    @Command(name = "storage", description = "Run-directory size and files per generation, and resume time at generation 10 and 1000.")
    static final class Storage implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path root = Files.createTempDirectory("l2l-bench-storage");
            try {
                System.out.printf(Locale.ROOT, "l2l bench storage on %d cores%n", Runtime.getRuntime().availableProcessors());
                for (int gens : new int[] {10, 100, 1000}) {
                    org.l2l.optimizees.BenchmarkFunctionOptimizee o = new org.l2l.optimizees.BenchmarkFunctionOptimizee("Rastrigin2d", 0);
                    GeneticAlgorithmParameters p = GeneticAlgorithmParameters.builder()
                            .seed(1).popSize(32).nIteration(gens).mutProb(1.0).indProb(1.0).build();
                    RunnerOptions ro = RunnerOptions.builder().maxWorkers(2).build();
                    Experiment ex = new Experiment(root);
                    ex.prepareExperiment(ExperimentOptions.builder().name("g" + gens).runner(ro).build());
                    GeneticAlgorithm ga = new GeneticAlgorithm(o, FitnessWeights.of(-1), p);
                    ex.runExperiment(ga, o);
                    ex.endExperiment(ga);
                    RunDirectory dir = ex.runDirectory();
                    long evaluations = 0, genBytes = 0, allBytes = 0, files = 0, logFiles = 0;
                    for (int g = 0; g < gens; g++) {
                        genBytes += Files.size(dir.generationFile(g));
                        evaluations += new org.l2l.runner.io.KryoCodec().read(dir.generationFile(g),
                                org.l2l.runner.io.KryoCodec.GenerationRecord.class).result().size();
                    }
                    try (var walk = Files.walk(dir.root())) {
                        for (Path f : walk.filter(Files::isRegularFile).toList()) {
                            files++;
                            allBytes += Files.size(f);
                            if (f.startsWith(dir.logsDir()) || f.startsWith(dir.workersDir()) || f.equals(dir.runLog())) logFiles++;
                        }
                    }
                    // resume: what a resumed driver does before its first new generation (no JVM or worker start)
                    long t0 = System.nanoTime();
                    Experiment again = new Experiment(root);
                    again.resumeExperiment(dir.root(), ro);
                    GeneticAlgorithm fresh = new GeneticAlgorithm(o, FitnessWeights.of(-1), p);
                    fresh.restoreState(Main.lastOptimizerState(dir.root()));
                    double resumeMs = (System.nanoTime() - t0) / 1e6;
                    again.endExperiment(fresh);
                    System.out.printf(Locale.ROOT, "%d generations: %d evaluations, %.0f bytes per evaluation in generation files "
                                    + "(%d bytes), %d files in the run directory (%d of them logs and pipes), %d bytes in all; "
                                    + "resume preparation %.1f ms%n",
                            gens, evaluations, (double) genBytes / evaluations, genBytes, files, logFiles, allBytes, resumeMs);
                }
                return 0;
            } finally {
                RunDirectory.deleteTree(root);
            }
        }
    }

    /**
     * {@code l2l bench quality}: every optimizer on Rastrigin, Ackley and Rosenbrock in 2-D (1,000 evaluations) and
     * 10-D (10,000 evaluations), 10 seeds, against random search with the same budget, and against the medians of
     * L2L's own optimizers and of the best peer library measured in issue 17. In-process, the runs spread over
     * {@code --threads} threads: the figures are about the algorithms, not the runner, and do not depend on the
     * number of threads.
     */
    @Command(name = "quality", description = "Best value found by every optimizer on Rastrigin, Ackley and Rosenbrock in "
            + "2-D (1,000 evaluations) and 10-D (10,000 evaluations), per seed, vs random search, L2L and the best peer.")
    static final class Quality implements Callable<Integer> {
        @Option(names = "--seeds", paramLabel = "A-B", description = "the seeds, a range A-B or one seed (default ${DEFAULT-VALUE})")
        String seeds = "1-10";

        @Option(names = "--threads", description = "runs in parallel (default: the number of cores)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--dims", split = ",", description = "dimensions to run, 2 and/or 10 (default 2,10)")
        List<Integer> dims = List.of(2, 10);

        @Option(names = "--only", paramLabel = "REGEX", description = "only the rows whose label contains a match")
        String only;

        @Option(names = "--long", description = "also print best, worst and evaluations per optimizer and function")
        boolean longTable;

        @Option(names = "--quick", description = "a smoke run: 2-D only, seeds 1-2, bench settings only")
        boolean quick;

        @Option(names = "--noise", paramLabel = "SIGMA", description = "add Gaussian noise of this standard deviation to "
                + "every evaluation; the figure is then the noise-free value of the best noisy evaluation (default 0)")
        double noise;

        @Override
        public Integer call() throws Exception {
            long[] range;
            try {
                range = QualityTable.seedRange(quick ? "1-2" : seeds);
            } catch (IllegalArgumentException e) {
                System.err.println("l2l bench quality: --seeds " + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (threads < 1) {
                System.err.println("l2l bench quality: --threads must be at least 1, but was " + threads);
                return Main.BAD_INPUT;
            }
            for (int d : dims) {
                if (d != 2 && d != 10) {
                    System.err.println("l2l bench quality: --dims must be 2 and/or 10, but was " + dims);
                    return Main.BAD_INPUT;
                }
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                System.err.println("l2l bench quality: --noise must be a finite number >= 0, but was " + noise);
                return Main.BAD_INPUT;
            }
            List<Integer> dimensions = quick ? List.of(2) : dims;
            java.util.regex.Pattern filter = only == null ? null : java.util.regex.Pattern.compile(only);
            return new QualityTable(range[0], range[1], threads, dimensions, filter, quick, longTable, noise)
                    .run(System.out);
        }
    }

    /** {@code l2l bench files}: what one result file costs on this filesystem (create+write, rename, read, delete). */
    @Command(name = "files", description = "Cost of the file operations behind one result file, on the java.io.tmpdir filesystem.")
    static final class FileOps implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path dir = Files.createTempDirectory("l2l-bench-files");
            try {
                byte[] bytes = new byte[60];
                int n = 2000;
                System.out.printf(Locale.ROOT, "l2l bench files in %s, %d files of %d bytes, 3 repetitions%n", dir, n, bytes.length);
                for (int r = 0; r < 3; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) Files.write(dir.resolve("r" + r + "-" + i + ".tmp"), bytes);
                    long t1 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        Files.move(dir.resolve("r" + r + "-" + i + ".tmp"), dir.resolve("r" + r + "-" + i + ".kryo"),
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    long t2 = System.nanoTime();
                    for (int i = 0; i < n; i++) Files.readAllBytes(dir.resolve("r" + r + "-" + i + ".kryo"));
                    long t3 = System.nanoTime();
                    for (int i = 0; i < n; i++) Files.delete(dir.resolve("r" + r + "-" + i + ".kryo"));
                    long t4 = System.nanoTime();
                    System.out.printf(Locale.ROOT, "create+write %.1f us, rename %.1f us, read %.1f us, delete %.1f us%n",
                            (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
                }
                return 0;
            } finally {
                RunDirectory.deleteTree(dir);
            }
        }
    }
}
