package org.l2l.runner;

import java.time.Duration;
import java.util.List;
import org.l2l.core.Require;

/**
 * How individuals are evaluated: by a pool of persistent worker JVMs (optionally launched through
 * {@code srun}), or in-process on threads.
 *
 * @param maxWorkers the number of worker JVMs (or threads in-process); default: the number of CPUs
 * @param srun a command prefix such as {@code srun -n 1 -c 1 --exact}; empty (the default) launches locally
 * @param jvmOptions options for the worker JVMs; default {@code -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
 * @param inProcess evaluate on threads of the driver, without workers (L2L's {@code multiprocessing=False});
 *     for debugging and fast tests; default false
 * @param maxRetries how often a failed individual is retried, on any worker; default 3
 * @param stopRun stop the run when an individual has failed {@code maxRetries + 1} times (default true);
 *     if false, the individual gets the worst fitness and the run goes on
 * @param timeout the whole run's time limit, or null (the default) for none
 * @param individualTimeout one individual's time limit, or null (the default) for none
 * @param workAhead the most individuals a worker may have queued, including the running one; the pool
 *     queues about 2 ms of work beyond the running individual per worker (by the workers' own timings),
 *     and for individuals longer than 2 ms one more while the pending work suffices for every worker,
 *     none near a generation's end; default 256
 * @param workerStartTimeout how long a worker may take to report ready; default 60 s
 * @param maxWorkerRestarts restarts allowed per worker; default 10
 * @param maxRestarts restarts allowed over the whole run; default 100
 * @param archive write the whole run into {@code RUN_DIR.zip} when it ends; default false
 * @param silenceWarning log (in {@code run.log} and on the console) a ready worker that has sent neither a
 *     reply nor a heartbeat for this long: it is stopped, wedged or its node is gone; default 60 s, null for never
 * @param hangTimeout kill and restart a ready worker silent for this long, giving its individuals to the
 *     others (they do not count as failed); default null (never). Workers beat every few seconds whatever they
 *     compute, so a long simulation is never taken for a hang
 * @param barrier drive an optimizer that is also asynchronous ({@link org.l2l.core.AsyncOptimizer}) generation
 *     by generation instead, with the generational barrier; default false
 * @param batchInterval asynchronous runs: the longest time results wait before they are stored as a batch file;
 *     default 2 s
 * @param batchSize asynchronous runs: the most results in one batch file; default 1000
 * @param workerClasspath the worker JVMs' classpath ({@code -cp}), entries separated by the platform's path
 *     separator; empty (the default) means the driver's own, checked before launching: when the driver's
 *     {@code java.class.path} cannot start a worker (under {@code mvn exec:java} it is Maven's launcher), the
 *     class path of the class loader that loaded the runner and the optimizee is used if it can, else the run
 *     is refused naming this setting
 * @param oversubscribe allow more than {@link #MAX_WORKERS_PER_CPU} local worker JVMs (or threads) per CPU;
 *     default false, so that a typo such as {@code 10000} does not start thousands of JVMs. Ignored with an
 *     {@code srun} prefix, whose pool must fit the SLURM allocation instead
 * @param launch how workers are started through {@code srun}: one step per worker ({@link LaunchMode#PER_WORKER},
 *     the default) or the pool as the tasks of one multi-task step ({@link LaunchMode#STEP}, which needs an
 *     {@code srun} prefix)
 */
public record RunnerOptions(int maxWorkers, String srun, List<String> jvmOptions, boolean inProcess, int maxRetries,
                            boolean stopRun, Duration timeout, Duration individualTimeout, int workAhead,
                            Duration workerStartTimeout, int maxWorkerRestarts, int maxRestarts,
                            boolean archive, Duration silenceWarning, Duration hangTimeout, boolean barrier,
                            Duration batchInterval, int batchSize, String workerClasspath, boolean oversubscribe,
                            LaunchMode launch) {
    /** The default worker JVM options. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    /** Without {@code oversubscribe}, the most local workers per CPU of the driver's machine. */
    public static final int MAX_WORKERS_PER_CPU = 4;

    /** Validates every field; messages name the field. */
    public RunnerOptions {
        Require.positive("runner.maxWorkers", maxWorkers);
        srun = srun == null ? "" : srun.trim();
        jvmOptions = List.copyOf(jvmOptions == null ? DEFAULT_JVM_OPTIONS : jvmOptions);
        Require.nonNegative("runner.maxRetries", maxRetries);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("runner.timeout must be positive, but was " + timeout);
        }
        if (individualTimeout != null && (individualTimeout.isNegative() || individualTimeout.isZero())) {
            throw new IllegalArgumentException("runner.individualTimeout must be positive, but was " + individualTimeout);
        }
        Require.positive("runner.workAhead", workAhead);
        Require.nonNull("runner.workerStartTimeout", workerStartTimeout);
        if (workerStartTimeout.isNegative() || workerStartTimeout.isZero()) {
            throw new IllegalArgumentException("runner.workerStartTimeout must be positive, but was " + workerStartTimeout);
        }
        Require.nonNegative("runner.maxWorkerRestarts", maxWorkerRestarts);
        Require.nonNegative("runner.maxRestarts", maxRestarts);
        if (silenceWarning != null && (silenceWarning.isNegative() || silenceWarning.isZero())) {
            throw new IllegalArgumentException("runner.silenceWarning must be positive, but was " + silenceWarning);
        }
        if (hangTimeout != null && (hangTimeout.isNegative() || hangTimeout.isZero())) {
            throw new IllegalArgumentException("runner.hangTimeout must be positive, but was " + hangTimeout);
        }
        Require.nonNull("runner.batchInterval", batchInterval);
        if (batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("runner.batchInterval must be positive, but was " + batchInterval);
        }
        Require.positive("runner.batchSize", batchSize);
        workerClasspath = workerClasspath == null ? "" : workerClasspath.trim();
        Require.nonNull("runner.launch", launch);
        if (launch == LaunchMode.STEP && srun.isEmpty() && !inProcess) {
            throw new IllegalArgumentException("runner.launch is \"step\", one multi-task srun step for the pool, but "
                    + "runner.srun is empty; give runner.srun (e.g. \"srun -n 1 -c 1 --exact\") or leave runner.launch out");
        }
    }

    /**
     * How often a worker signals that it is alive: a quarter of the shorter of {@code silenceWarning} and
     * {@code hangTimeout}, between 100 ms and 5 s (5 s when both are off).
     */
    public Duration heartbeatInterval() {
        long ms = 5000;
        if (silenceWarning != null) ms = Math.min(ms, silenceWarning.toMillis() / 4);
        if (hangTimeout != null) ms = Math.min(ms, hangTimeout.toMillis() / 4);
        return Duration.ofMillis(Math.max(100, ms));
    }

    /**
     * Refuses a local pool larger than {@link #MAX_WORKERS_PER_CPU} workers per CPU unless
     * {@link #oversubscribe} is set: more would only compete for the CPUs, and a mistyped count would start
     * thousands of JVMs. With an {@code srun} prefix the pool is checked against the allocation at launch.
     *
     * @param cpus the CPUs of the machine the workers run on
     * @throws IllegalArgumentException naming {@code runner.maxWorkers}, the limit and the way around it
     */
    public void checkCapacity(int cpus) {
        if (oversubscribe || !srun.isEmpty()) return;
        long limit = (long) MAX_WORKERS_PER_CPU * Math.max(1, cpus);
        if (maxWorkers > limit) {
            throw new IllegalArgumentException("runner.maxWorkers is " + maxWorkers + ", more than " + MAX_WORKERS_PER_CPU
                    + " per CPU of this machine (" + cpus + " CPUs, so at most " + limit + "): the "
                    + (inProcess ? "threads" : "worker JVMs") + " would only compete for the CPUs. Lower runner.maxWorkers, "
                    + "or set runner.oversubscribe to true if you mean it (for example for simulations that mostly wait).");
        }
    }

    /** The defaults. */
    public static RunnerOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxWorkers = maxWorkers;
        b.srun = srun;
        b.jvmOptions = jvmOptions;
        b.inProcess = inProcess;
        b.maxRetries = maxRetries;
        b.stopRun = stopRun;
        b.timeout = timeout;
        b.individualTimeout = individualTimeout;
        b.workAhead = workAhead;
        b.workerStartTimeout = workerStartTimeout;
        b.maxWorkerRestarts = maxWorkerRestarts;
        b.maxRestarts = maxRestarts;
        b.archive = archive;
        b.silenceWarning = silenceWarning;
        b.hangTimeout = hangTimeout;
        b.barrier = barrier;
        b.batchInterval = batchInterval;
        b.batchSize = batchSize;
        b.workerClasspath = workerClasspath;
        b.oversubscribe = oversubscribe;
        b.launch = launch;
        return b;
    }

    /** Builds {@link RunnerOptions}; each setter documents its default. */
    public static final class Builder {
        private int maxWorkers = Runtime.getRuntime().availableProcessors();
        private String srun = "";
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private boolean inProcess;
        private int maxRetries = 3;
        private boolean stopRun = true;
        private Duration timeout;
        private Duration individualTimeout;
        private int workAhead = 256;
        private Duration workerStartTimeout = Duration.ofSeconds(60);
        private int maxWorkerRestarts = 10;
        private int maxRestarts = 100;
        private boolean archive;
        private Duration silenceWarning = Duration.ofSeconds(60);
        private Duration hangTimeout;
        private boolean barrier;
        private Duration batchInterval = Duration.ofSeconds(2);
        private int batchSize = 1000;
        private String workerClasspath = "";
        private boolean oversubscribe;
        private LaunchMode launch = LaunchMode.PER_WORKER;

        private Builder() {}

        /** Worker count; default: the number of CPUs. */
        public Builder maxWorkers(int v) { maxWorkers = v; return this; }
        /** srun prefix; default empty (local launch). */
        public Builder srun(String v) { srun = v; return this; }
        /** Worker JVM options; default {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> v) { jvmOptions = v; return this; }
        /** In-process evaluation on threads; default false. */
        public Builder inProcess(boolean v) { inProcess = v; return this; }
        /** Retries per individual; default 3. */
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        /** Stop the run when an individual exhausts its retries; default true. */
        public Builder stopRun(boolean v) { stopRun = v; return this; }
        /** Whole-run time limit; default none. */
        public Builder timeout(Duration v) { timeout = v; return this; }
        /** Per-individual time limit; default none. */
        public Builder individualTimeout(Duration v) { individualTimeout = v; return this; }
        /** Most individuals queued per worker; default 256. */
        public Builder workAhead(int v) { workAhead = v; return this; }
        /** Worker start-up limit; default 60 s. */
        public Builder workerStartTimeout(Duration v) { workerStartTimeout = v; return this; }
        /** Restarts per worker; default 10. */
        public Builder maxWorkerRestarts(int v) { maxWorkerRestarts = v; return this; }
        /** Restarts per run; default 100. */
        public Builder maxRestarts(int v) { maxRestarts = v; return this; }
        /** Archive the run into RUN_DIR.zip at its end; default false. */
        public Builder archive(boolean v) { archive = v; return this; }
        /** Log a worker silent for this long; default 60 s, null for never. */
        public Builder silenceWarning(Duration v) { silenceWarning = v; return this; }
        /** Kill and restart a worker silent for this long; default null (never). */
        public Builder hangTimeout(Duration v) { hangTimeout = v; return this; }
        /** Keep the generation barrier for optimizers that are also asynchronous; default false. */
        public Builder barrier(boolean v) { barrier = v; return this; }
        /** Asynchronous runs: the longest wait before results are stored; default 2 s. */
        public Builder batchInterval(Duration v) { batchInterval = v; return this; }
        /** Asynchronous runs: the most results per batch file; default 1000. */
        public Builder batchSize(int v) { batchSize = v; return this; }
        /**
         * The worker JVMs' classpath; default empty: the driver's own {@code java.class.path}, or, when that
         * cannot start a worker (under {@code mvn exec:java}), the class path of the runner's class loader.
         */
        public Builder workerClasspath(String v) { workerClasspath = v; return this; }
        /** Allow more than {@link #MAX_WORKERS_PER_CPU} local workers per CPU; default false. */
        public Builder oversubscribe(boolean v) { oversubscribe = v; return this; }
        /** How workers are started through srun; default {@link LaunchMode#PER_WORKER}, one step per worker. */
        public Builder launch(LaunchMode v) { launch = v; return this; }

        /** The validated options. */
        public RunnerOptions build() {
            return new RunnerOptions(maxWorkers, srun, jvmOptions, inProcess, maxRetries, stopRun, timeout,
                    individualTimeout, workAhead, workerStartTimeout, maxWorkerRestarts, maxRestarts, archive,
                    silenceWarning, hangTimeout, barrier, batchInterval, batchSize, workerClasspath, oversubscribe, launch);
        }
    }
}
