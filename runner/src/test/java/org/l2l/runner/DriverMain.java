package org.l2l.runner;

import java.nio.file.Path;

/** A driver program for tests that kill the driver: runs slow individuals on 2 workers for a long time. */
public final class DriverMain {
    private DriverMain() {}

    /** {@code DriverMain ROOT NAME [SRUN_PREFIX]}. */
    public static void main(String[] args) {
        Experiment ex = new Experiment(Path.of(args[0]));
        ex.prepareExperiment(ExperimentOptions.builder().name(args[1])
                .runner(RunnerOptions.builder().maxWorkers(2).srun(args.length > 2 ? args[2] : "").build()).build());
        TestOptimizees.Slow o = new TestOptimizees.Slow(200);
        RandomProposals opt = new RandomProposals(o, 4, 1000, 1);
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
    }
}
