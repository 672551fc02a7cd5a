package org.l2l.runner;

import java.util.Locale;

/**
 * How worker JVMs are started through an {@code srun} prefix ({@code runner.launch}).
 *
 * <ul>
 *   <li>{@link #PER_WORKER} ({@code "per-worker"}, the default): one job step per worker, {@code srun -n 1 ...}
 *       each. Every worker is its own step, restarted alone; its srun client stays on the driver's node for the
 *       whole run (about 9 MiB, 5 threads and 2 processes per worker).
 *   <li>{@link #STEP} ({@code "step"}): the pool's workers are the tasks of one multi-task step,
 *       {@code srun -n maxWorkers --kill-on-bad-exit=0 ...}, each task taking its worker id from
 *       {@code SLURM_PROCID}: one srun client on the driver's node whatever the number of workers. A worker that
 *       dies is replaced by a single-task step, as in {@code per-worker}.
 * </ul>
 *
 * <pre>{@code
 * RunnerOptions.builder().maxWorkers(640).srun("srun -n 1 -c 1 --exact").launch(LaunchMode.STEP).build();
 * }</pre>
 */
public enum LaunchMode {
    /** One {@code srun -n 1} step per worker. */
    PER_WORKER("per-worker"),
    /** One multi-task step for the pool's first workers; replacements as single-task steps. */
    STEP("step");

    private final String name;

    LaunchMode(String name) {
        this.name = name;
    }

    /**
     * The mode of an experiment file's {@code runner.launch}: {@code "per-worker"} or {@code "step"} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values, for anything else
     */
    public static LaunchMode of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LaunchMode m : values()) if (m.name.equals(n)) return m;
        throw new IllegalArgumentException("must be \"per-worker\" or \"step\", but was \"" + name + "\"");
    }

    /** The name in experiment files: {@code per-worker} or {@code step}. */
    @Override
    public String toString() {
        return name;
    }
}
