package org.l2l.runner;

import org.l2l.core.Require;

/**
 * The options of {@link Experiment#prepareExperiment}, after L2L's.
 *
 * @param name the run's name, also its directory under the experiment's root; default {@code L2L-run}
 * @param trajectoryName the trajectory's name; default {@code trajectory}
 * @param seed the run's master seed: the optimizee's random streams derive from it; default 42
 * @param runner how individuals are evaluated
 * @param debug log every individual a worker runs; default false
 * @param overwrite replace an existing run directory of the same name; default false
 */
public record ExperimentOptions(String name, String trajectoryName, long seed, RunnerOptions runner, boolean debug,
                                boolean overwrite) {
    /** Validates the fields. */
    public ExperimentOptions {
        Require.nonBlank("name", name);
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("name must be a plain directory name, but was \"" + name + "\"");
        }
        Require.nonBlank("trajectoryName", trajectoryName);
        Require.nonNull("runner", runner);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ExperimentOptions}; each setter documents its default. */
    public static final class Builder {
        private String name = "L2L-run";
        private String trajectoryName = "trajectory";
        private long seed = 42;
        private RunnerOptions runner = RunnerOptions.defaults();
        private boolean debug;
        private boolean overwrite;

        private Builder() {}

        /** The run's name and directory; default {@code L2L-run}. */
        public Builder name(String v) { name = v; return this; }
        /** The trajectory's name; default {@code trajectory}. */
        public Builder trajectoryName(String v) { trajectoryName = v; return this; }
        /** The master seed; default 42. */
        public Builder seed(long v) { seed = v; return this; }
        /** The runner options; default {@link RunnerOptions#defaults()}. */
        public Builder runner(RunnerOptions v) { runner = v; return this; }
        /** Verbose worker logs; default false. */
        public Builder debug(boolean v) { debug = v; return this; }
        /** Replace an existing run directory; default false. */
        public Builder overwrite(boolean v) { overwrite = v; return this; }

        /** The validated options. */
        public ExperimentOptions build() {
            return new ExperimentOptions(name, trajectoryName, seed, runner, debug, overwrite);
        }
    }
}
