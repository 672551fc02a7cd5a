package org.l2l.runner.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizer;
import org.l2l.optimizees.SleepOptimizee;
import org.l2l.optimizers.search.RandomSearch;
import org.l2l.optimizers.search.RandomSearchParameters;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.config.ExperimentFile;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l2l bench async}: what the generation barrier costs when run times vary, measured with and without it in
 * one run. (1) Random search over a {@link SleepOptimizee} with log-normal run times (mean 50 ms, coefficient of
 * variation 1) on 8 worker JVMs: worker utilization, the summed sleep ÷ (8 × the wall time from the first
 * submission to the last result), with the barrier (generations of 32) and without. (2) The neuron random walk of
 * {@code examples/bench} with 16 and 64 particles on 2 worker JVMs without the barrier: parallel efficiency, its
 * steps per second ÷ (2 × the steps per second of the same walk in-process on one thread).
 */
final class AsyncBench {
    private AsyncBench() {}

    /** Workers of the sleeping workload. */
    static final int SLEEP_WORKERS = 8;
    /** Individuals per generation of the sleeping workload with the barrier. */
    static final int SLEEP_POP = 32;

    /** The figures, as rows of the suite's table. */
    static List<BenchSuite.Row> rows(Path root, boolean quick) throws IOException {
        List<BenchSuite.Row> rows = new ArrayList<>();
        int samples = quick ? 160 : 2400;
        double[] sync = sleepUtilization(root, "sleep-barrier", true, samples);
        double[] async = sleepUtilization(root, "sleep-async", false, samples);
        rows.add(new BenchSuite.Row("worker utilization: sleep ÷ (workers × wall), random search, " + samples + " log-normal sleeps "
                + "(mean 50 ms, CV 1), " + SLEEP_WORKERS + " worker JVMs, without the barrier", pct(async[0]), "≥ 95 %",
                "with the barrier (generations of " + SLEEP_POP + "): " + pct(sync[0]), BenchSuite.num(async[0] / sync[0], 2),
                String.format(Locale.ROOT, "wall %.2f s vs %.2f s; %.1f s of sleep; mean sleep %.1f ms", async[1], sync[1], async[2],
                        async[2] * 1000 / samples)));
        String jit = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.equals("-XX:TieredStopAtLevel=1")) ? "C1 only (./l2l's default)" : "C2";
        for (int particles : quick ? new int[] {16} : new int[] {16, 64}) {
            String name = "rw-neuron-" + particles;
            double[] thread = walk(root, name + "-thread", quick);
            double[] workers = walk(root, name + "-workers", quick);
            double eff = workers[0] / (2 * thread[0]);
            rows.add(new BenchSuite.Row("parallel efficiency: neuron random walk, " + particles + " particles × " + (int) workers[2]
                    + " steps, 2 worker JVMs without the barrier ÷ (2 × one in-process thread)", pct(eff), "≥ 90 %",
                    "one thread: " + BenchSuite.num(thread[0], 1) + " steps/s", BenchSuite.num(eff, 2),
                    String.format(Locale.ROOT, "2 workers: %.1f steps/s (%.0f steps in %.1f s); one thread %.1f s; the driver's JIT: %s",
                            workers[0], workers[1], workers[1] / workers[0], thread[1] / thread[0], jit)));
        }
        return rows;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** {utilization, wall s, summed sleep s} of one random search over the sleeping optimizee. */
    static double[] sleepUtilization(Path root, String name, boolean barrier, int samples) throws IOException {
        SleepOptimizee sleep = new SleepOptimizee(50, 1);
        Optimizer rs = new RandomSearch(sleep, FitnessWeights.of(-1),
                RandomSearchParameters.builder().seed(3).nSamples(samples).popSize(SLEEP_POP).build());
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(SLEEP_WORKERS).barrier(barrier)
                .workerStartTimeout(Duration.ofMinutes(5)).build();
        Experiment ex = BenchSuite.run(root, name, ro, rs, sleep);
        RunDirectory dir = ex.runDirectory();
        double wall = evaluatingSeconds(dir);
        double slept = 0;
        for (Evaluation e : evaluations(dir)) slept += e.fitness()[0] / 1000;
        double u = slept / (SLEEP_WORKERS * wall);
        BenchSuite.progress(String.format(Locale.ROOT, "async: %s: utilization %.1f %% (%.1f s of sleep in %.2f s on %d workers)",
                name, 100 * u, slept, wall, SLEEP_WORKERS));
        RunDirectory.deleteTree(dir.root());
        return new double[] {u, wall, slept};
    }

    /** {steps/s, steps, steps per particle} of one shipped benchmark walk ({@code examples/bench/NAME.json}). */
    static double[] walk(Path root, String name, boolean quick) throws IOException {
        Path file = Path.of(System.getProperty("l2l.home", "."), "examples", "bench", name + ".json");
        ExperimentFile ef = ExperimentFile.load(file, name);
        if (quick) { // a smoke run: a few steps of the same walk
            com.fasterxml.jackson.databind.node.ObjectNode src = ef.source().deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) src.get("optimizer")).put("nIterations", 3);
            ef = ExperimentFile.parse(file.toString(), src, name);
        }
        Experiment ex = new Experiment(root);
        ExperimentOptions o = ef.options();
        ex.prepareExperiment(ExperimentOptions.builder().name(name).seed(o.seed()).overwrite(true)
                .runner(o.runner().toBuilder().workerStartTimeout(Duration.ofMinutes(5)).build()).build());
        ex.runExperiment(ef.optimizer(), ef.optimizee());
        ex.endExperiment(ef.optimizer());
        RunDirectory dir = ex.runDirectory();
        double seconds = evaluatingSeconds(dir);
        List<Evaluation> all = evaluations(dir);
        long particles = all.stream().filter(e -> e.individual().generation() == 0).count(); // the seed points' evaluations
        double steps = all.size() - particles;
        BenchSuite.progress(String.format(Locale.ROOT, "async: %s: %.0f steps in %.2f s: %.1f steps/s", name, steps, seconds,
                steps / seconds));
        RunDirectory.deleteTree(dir.root());
        return new double[] {steps / seconds, steps, Math.round(steps / particles)};
    }

    /** The time from the run log's "evaluating" line (the workers are ready) to its "optimizer finished" line. */
    static double evaluatingSeconds(RunDirectory dir) throws IOException {
        Instant start = null, end = null;
        for (String line : Files.readAllLines(dir.runLog())) {
            int sp = line.indexOf(' ');
            if (sp < 0) continue;
            String msg = line.substring(sp + 1);
            if (msg.startsWith("INFO evaluating ")) start = Instant.parse(line.substring(0, sp));
            if (msg.startsWith("INFO optimizer finished")) end = Instant.parse(line.substring(0, sp));
        }
        if (start == null || end == null) throw new IllegalStateException(dir.runLog() + " lacks the start or the end of the evaluations");
        return Duration.between(start, end).toNanos() / 1e9;
    }

    /** Every stored evaluation of a run, from its generation files or batch files. */
    static List<Evaluation> evaluations(RunDirectory dir) {
        KryoCodec codec = new KryoCodec();
        List<Evaluation> out = new ArrayList<>();
        for (int g = 0; Files.exists(dir.generationFile(g)); g++) {
            out.addAll(codec.read(dir.generationFile(g), KryoCodec.GenerationRecord.class).result().evaluations());
        }
        for (int b = 0; Files.exists(dir.batchFile(b)); b++) {
            out.addAll(codec.read(dir.batchFile(b), KryoCodec.BatchRecord.class).evaluations());
        }
        return out;
    }

    /** {@code l2l bench async [--quick]}. */
    @Command(name = "async", description = "With and without the generation barrier: worker utilization on log-normal sleeps "
            + "(8 workers), and the neuron random walk's parallel efficiency on 2 workers (16 and 64 particles).")
    static final class Async implements Callable<Integer> {
        @Option(names = "--quick", description = "small sizes, for a smoke run")
        boolean quick;

        @Override
        public Integer call() throws Exception {
            return BenchSuite.runAndPrint("async", quick, null, List.of("async"));
        }
    }
}
