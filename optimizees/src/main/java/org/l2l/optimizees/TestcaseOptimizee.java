package org.l2l.optimizees;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An optimizee that fails on purpose, to check a set-up's failure handling (like L2L's
 * {@code TestcaseOptimizee}). The individual is one scalar {@code x} in [0, 1); the fitness is
 * {@code x}. Individuals whose index is a multiple of {@code everyNth} misbehave on their first
 * {@code failAttempts} attempts, in the way {@code failure} names:
 * <ul>
 *   <li>{@code none}: never;
 *   <li>{@code throw}: {@code simulate} throws an {@link IllegalStateException};
 *   <li>{@code exit}: the worker calls {@code System.exit(exitCode)};
 *   <li>{@code halt}: the worker halts at once with {@code exitCode}, as if killed;
 *   <li>{@code hang}: {@code simulate} sleeps for {@code hangSeconds};
 *   <li>{@code oom}: {@code simulate} allocates until the worker runs out of memory.
 * </ul>
 * In-process (no worker), {@code exit}, {@code halt} and {@code oom} throw instead, so the driver survives.
 *
 * @param failure one of {@code none, throw, exit, halt, hang, oom}
 * @param failAttempts how many attempts misbehave, {@code >= 0}; a large value means always
 * @param everyNth which individuals misbehave: those whose index is a multiple of it, {@code > 0}
 * @param exitCode the exit code for {@code exit} and {@code halt}
 * @param hangSeconds how long {@code hang} sleeps, {@code >= 0}
 */
public record TestcaseOptimizee(String failure, int failAttempts, int everyNth, int exitCode, double hangSeconds)
        implements Optimizee {
    private static final Set<String> FAILURES = Set.of("none", "throw", "exit", "halt", "hang", "oom");

    /** Validates every field. */
    public TestcaseOptimizee {
        if (!FAILURES.contains(failure)) {
            throw new IllegalArgumentException("failure must be one of " + new java.util.TreeSet<>(FAILURES)
                    + ", but was \"" + failure + "\"");
        }
        Require.nonNegative("failAttempts", failAttempts);
        Require.positive("everyNth", everyNth);
        Require.nonNegative("hangSeconds", hangSeconds);
    }

    /** Misbehaves with {@code failure} on the first {@code failAttempts} attempts of every {@code everyNth} individual. */
    public static TestcaseOptimizee of(String failure, int failAttempts, int everyNth) {
        return new TestcaseOptimizee(failure, failAttempts, everyNth, 3, 3600);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar("x", random.nextDouble()).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) throws Exception {
        boolean misbehave = individual.index() % everyNth == 0 && context.attempt() < failAttempts;
        if (misbehave && !failure.equals("none")) {
            String what = "TestcaseOptimizee: planned '" + failure + "' of " + individual.label() + " attempt " + context.attempt();
            boolean inProcess = context.workerId() < 0;
            switch (failure) {
                case "throw" -> throw new IllegalStateException(what);
                case "hang" -> Thread.sleep((long) (hangSeconds * 1000));
                case "exit" -> {
                    if (inProcess) throw new IllegalStateException(what + " (in-process: not exiting)");
                    System.exit(exitCode);
                }
                case "halt" -> {
                    if (inProcess) throw new IllegalStateException(what + " (in-process: not halting)");
                    Runtime.getRuntime().halt(exitCode);
                }
                case "oom" -> {
                    if (inProcess) throw new IllegalStateException(what + " (in-process: not exhausting memory)");
                    List<long[]> hog = new ArrayList<>();
                    while (true) hog.add(new long[1 << 20]);
                }
                default -> throw new IllegalStateException("unreachable: " + failure);
            }
        }
        return SimulationResult.of(individual.params().scalar("x"));
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TestcaseOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String failure;
        private int failAttempts = 1;
        private int everyNth = 1;
        private int exitCode = 3;
        private double hangSeconds = 3600;

        private Builder() {}

        /** How an individual misbehaves: {@code none, throw, exit, halt, hang, oom}; required. */
        public Builder failure(String v) {
            failure = v;
            return this;
        }

        /** How many attempts misbehave; default 1. */
        public Builder failAttempts(int v) {
            failAttempts = v;
            return this;
        }

        /** Which individuals misbehave: those whose index is a multiple of it; default 1 (all). */
        public Builder everyNth(int v) {
            everyNth = v;
            return this;
        }

        /** The exit code of {@code exit} and {@code halt}; default 3. */
        public Builder exitCode(int v) {
            exitCode = v;
            return this;
        }

        /** How long {@code hang} hangs; default 3600 seconds. */
        public Builder hangSeconds(double v) {
            hangSeconds = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public TestcaseOptimizee build() {
            if (failure == null) throw new IllegalArgumentException("failure is required");
            return new TestcaseOptimizee(failure, failAttempts, everyNth, exitCode, hangSeconds);
        }
    }
}
