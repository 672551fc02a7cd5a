package org.l2l.runner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizees.external.CommandOptimizee;
import org.l2l.optimizees.external.ParameterDeclaration;
import org.l2l.optimizees.external.ProcessOptimizee;
import org.l2l.optimizees.external.ProgramSettings;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l2l bench external}: what an external optimizee costs per individual, with a trivial Python
 * program ({@code simulate} returns its parameter) on 2 workers, beside the in-JVM no-op optimizee in the
 * same run: the persistent process's throughput and added time per individual, its one-time start per
 * worker, and the per-individual command mode's cost with the bare interpreter start it is made of.
 */
@Command(name = "external", description = "Per-individual overhead of external optimizees (a trivial Python program, 2 workers).")
final class ExternalBench implements Callable<Integer> {
    private static final String TRIVIAL = String.join("\n",
            "import l2l_worker",
            "def simulate(params, seed):",
            "    return [params[\"x\"]]",
            "if __name__ == \"__main__\":",
            "    l2l_worker.main(simulate)",
            "");

    @Option(names = "--quick", description = "small sizes, for a smoke run")
    boolean quick;

    @Option(names = "--python", description = "the Python interpreter (default: Debian's /usr/bin/python3 if present, else python3 on PATH)")
    String python;

    @Override
    public Integer call() throws Exception {
        String py = python != null ? python : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        BenchSuite.header("external" + (quick ? " --quick" : "") + ", python " + py);
        long t0 = System.nanoTime();
        Path root = Files.createTempDirectory("l2l-bench");
        List<BenchSuite.Row> rows = new ArrayList<>();
        try {
            rows.addAll(figures(root, py, quick));
        } finally {
            RunDirectory.deleteTree(root);
        }
        BenchSuite.print(rows);
        System.out.printf(Locale.ROOT, "%nfinished in %.0f s; load average at the end %s%n", (System.nanoTime() - t0) / 1e9,
                BenchSuite.loadAverage());
        return 0;
    }

    static List<BenchSuite.Row> figures(Path root, String python, boolean quick) throws Exception {
        Path script = root.resolve("trivial.py");
        Files.writeString(script, TRIVIAL);
        ProgramSettings settings = ProgramSettings.builder().command(python, script.toString())
                .parameter(ParameterDeclaration.scalar("x", 0, 1)).build();
        int workers = 2, pop = 1000, gens = quick ? 3 : 30, skip = quick ? 1 : 10;
        RunnerOptions ro = RunnerOptions.builder().maxWorkers(workers).build();

        double noop = BenchSuite.throughputOnce(root, "ext-noop", ro, pop, gens, skip);
        BenchSuite.progress(String.format(Locale.ROOT, "external: in-JVM no-op %.0f individuals/s", noop));
        double proc = BenchSuite.throughputOnce(root, "ext-process", ro, pop, gens, skip, new ProcessOptimizee(settings));
        BenchSuite.progress(String.format(Locale.ROOT, "external: process %.0f individuals/s", proc));
        // time a worker spends per individual: workers / rate
        double addedMillis = workers * 1000.0 / proc - workers * 1000.0 / noop;

        int starts = quick ? 2 : 7;
        double[] startMillis = new double[starts];
        for (int i = 0; i < starts; i++) {
            ProcessOptimizee o = new ProcessOptimizee(settings);
            long s = System.nanoTime();
            o.prepare(root.resolve("start-" + i), i);
            startMillis[i] = (System.nanoTime() - s) / 1e6;
            o.close();
        }

        int cmdPop = quick ? 10 : 40, cmdGens = quick ? 2 : 4;
        double cmd = BenchSuite.throughputOnce(root, "ext-command", ro, cmdPop, cmdGens, 1, new CommandOptimizee(settings));
        BenchSuite.progress(String.format(Locale.ROOT, "external: command %.1f individuals/s", cmd));
        double[] bare = new double[starts];
        for (int i = 0; i < starts; i++) {
            long s = System.nanoTime();
            new ProcessBuilder(python, "-c", "pass").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
            bare[i] = (System.nanoTime() - s) / 1e6;
        }
        double[] importing = new double[starts];
        for (int i = 0; i < starts; i++) {
            long s = System.nanoTime();
            new ProcessBuilder(python, "-c", "import json, inspect, traceback").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            importing[i] = (System.nanoTime() - s) / 1e6;
        }

        String n = "pop " + pop + ", " + workers + " workers, median generation after " + skip + " of warm-up";
        return List.of(
                new BenchSuite.Row("process mode: trivial Python program, " + n + " (individuals/s)", BenchSuite.num(proc, 0), "≥ 2,000",
                        "in-JVM no-op " + BenchSuite.num(noop, 0), BenchSuite.num(proc / noop, 3), ""),
                new BenchSuite.Row("process mode: time added per individual per worker over the in-JVM no-op (ms)",
                        BenchSuite.num(addedMillis, 3), "≤ 0.5", "in-JVM no-op " + BenchSuite.num(workers * 1000.0 / noop, 3) + " ms", "–",
                        "a JSON line each way through two pipes, and Python's json"),
                new BenchSuite.Row("process mode: start once per worker, spawn to handshake (ms, median of " + starts + ")",
                        BenchSuite.num(BenchSuite.median(startMillis), 1), "–", "bare `python -c pass` "
                        + BenchSuite.num(BenchSuite.median(bare), 1) + " ms", "–", "range " + BenchSuite.range(startMillis, 1)),
                new BenchSuite.Row("command mode: one Python run per individual, pop " + cmdPop + ", " + workers + " workers (individuals/s)",
                        BenchSuite.num(cmd, 1), "–", "process mode " + BenchSuite.num(proc, 0), BenchSuite.num(cmd / proc, 4),
                        BenchSuite.num(workers * 1000.0 / cmd, 1) + " ms per individual per worker; bare interpreter start "
                        + BenchSuite.num(BenchSuite.median(bare), 1) + " ms, with the module's imports "
                        + BenchSuite.num(BenchSuite.median(importing), 1) + " ms"));
    }

}
