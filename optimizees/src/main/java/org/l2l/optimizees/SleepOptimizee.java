package org.l2l.optimizees;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * An optimizee whose run times vary like those of real simulations, for measuring what a generation barrier
 * costs: {@link #simulate} sleeps for a log-normal time with mean {@code meanMillis} and coefficient of variation
 * {@code cv}, drawn from the individual's own random stream (so the same individual sleeps the same time on any
 * worker), and returns that time in milliseconds as its fitness. An individual is one scalar {@value #PARAM} in
 * {@code [0, 1)}, which does not matter.
 *
 * @param meanMillis the mean sleep in milliseconds, positive
 * @param cv the standard deviation divided by the mean, at least 0 (0: always {@code meanMillis})
 */
public record SleepOptimizee(double meanMillis, double cv) implements Optimizee {
    /** The name of the individual's only parameter. */
    public static final String PARAM = "x";

    /** Validates the fields. */
    public SleepOptimizee {
        Require.positive("meanMillis", meanMillis);
        Require.nonNegative("cv", cv);
    }

    /** {@value #PARAM} drawn uniformly from {@code [0, 1)}. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar(PARAM, random.nextDouble()).build();
    }

    /** The sleep of an individual whose stream is {@code random}: {@code exp(mu + sigma * N(0,1))}, in milliseconds. */
    public double drawMillis(RandomGenerator random) {
        double sigma2 = Math.log(1 + cv * cv);
        double mu = Math.log(meanMillis) - sigma2 / 2;
        return Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian());
    }

    /** Sleeps its log-normal time; fitness and extra value {@code sleptMillis}: that time. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) throws InterruptedException {
        double millis = drawMillis(context.random());
        long nanos = (long) (millis * 1e6);
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        return new SimulationResult(new double[] {millis}, Map.of("sleptMillis", millis));
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SleepOptimizee}. */
    public static final class Builder {
        private double meanMillis = 50;
        private double cv = 1;

        private Builder() {}

        /** The mean sleep in milliseconds; default 50. */
        public Builder meanMillis(double v) {
            meanMillis = v;
            return this;
        }

        /** The coefficient of variation of the sleep; default 1. */
        public Builder cv(double v) {
            cv = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public SleepOptimizee build() {
            return new SleepOptimizee(meanMillis, cv);
        }
    }
}
