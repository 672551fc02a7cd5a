package org.l2l.optimizees;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * One of L2L's benchmarked functions as an optimizee (L2L's {@code FunctionGeneratorOptimizee}).
 *
 * <p>An individual is a single array parameter {@value #PARAM} with the function's number of
 * coordinates. {@link #createIndividual} draws it uniformly from the function's box, {@link #bound}
 * clips it into the box, and {@link #simulate} returns the function's value as the only fitness
 * component, so use a negative fitness weight (for example {@code -1}) to minimize it.
 *
 * <p>Noise: when {@code noise > 0}, every evaluation adds {@code noise * g}, with {@code g} a standard
 * normal deviate drawn from the individual's own {@link SimulationContext#random()} stream, so a rerun
 * with the same seed gives the same noisy values. L2L's {@code noise=False} is {@code noise = 0}, and
 * its {@code noise=True} default is {@value #L2L_DEFAULT_NOISE} (L2L's noise mean {@code mu} is always
 * 0 in its scripts and is not offered here).
 *
 * <pre>{@code
 * Optimizee o = new BenchmarkFunctionOptimizee("Rastrigin2d", 0.01);
 * Optimizee p = new BenchmarkFunctionOptimizee("14");   // 3Gaussians2d, no noise
 * }</pre>
 *
 * @param function the function's L2L name (one of {@link BenchmarkFunctions#names()}) or its L2L index
 *     written in decimal digits, such as {@code "0"} for {@code Rastrigin2d}
 * @param noise the standard deviation of the additive Gaussian noise; finite and {@code >= 0}
 */
public record BenchmarkFunctionOptimizee(String function, double noise) implements Optimizee {
    /** The name of the individual's coordinates array, as in L2L. */
    public static final String PARAM = "coords";

    /** L2L's noise standard deviation when a benchmark is requested with {@code noise=True}. */
    public static final double L2L_DEFAULT_NOISE = 0.01;

    /** Validates the settings; an unknown function fails with a list of the valid names. */
    public BenchmarkFunctionOptimizee {
        Require.nonBlank("function", function);
        resolve(function);
        Require.nonNegative("noise", noise);
    }

    /** The named (or numbered) function without noise. */
    public BenchmarkFunctionOptimizee(String function) {
        this(function, 0);
    }

    /**
     * The catalogue entry for a name or a decimal index.
     *
     * @throws IllegalArgumentException naming {@code function}, the bad value and the valid names
     */
    public static BenchmarkFunction resolve(String function) {
        if (function != null && !function.isEmpty() && function.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int index;
            try {
                index = Integer.parseInt(function);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= BenchmarkFunctions.count()) {
                throw new IllegalArgumentException("function index must be in [0, " + (BenchmarkFunctions.count() - 1)
                        + "], but was " + function + "; the functions are " + BenchmarkFunctions.names());
            }
            return BenchmarkFunctions.byIndex(index);
        }
        return BenchmarkFunctions.byName(function);
    }

    /** The catalogue entry for {@link #function()}. */
    public BenchmarkFunction benchmark() {
        return resolve(function);
    }

    /** Coordinates drawn uniformly from the function's box. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().array(PARAM, benchmark().sample(random)).build();
    }

    /** The coordinates clipped into the function's box. */
    @Override
    public Parameters bound(Parameters params) {
        return Parameters.builder().array(PARAM, benchmark().clip(params.array(PARAM))).build();
    }

    /** The function's value at the individual's coordinates, plus noise as described above. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        double value = benchmark().evaluate(individual.params().array(PARAM));
        if (noise > 0) value += noise * context.random().nextGaussian();
        return SimulationResult.of(value);
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BenchmarkFunctionOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String function;
        private double noise = 0.0;

        private Builder() {}

        /** One of L2L's benchmark functions, by name or index; required. */
        public Builder function(String v) {
            function = v;
            return this;
        }

        /** Standard deviation of the Gaussian noise added to the value; default 0 (none). */
        public Builder noise(double v) {
            noise = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public BenchmarkFunctionOptimizee build() {
            if (function == null) throw new IllegalArgumentException("function is required");
            return new BenchmarkFunctionOptimizee(function, noise);
        }
    }
}
