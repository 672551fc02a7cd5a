package org.l2l.optimizees;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * One of L2L's benchmarked functions for the multi-optimizers: evaluates every inner parameter set of a
 * {@linkplain MultiIndividual multi-individual} and returns one fitness per set, as L2L's
 * {@code FunctionGeneratorOptimizee.simulate_} does for {@code inner_params > 1}.
 *
 * <p>{@link #createIndividual} returns one inner set, a {@value BenchmarkFunctionOptimizee#PARAM} array drawn
 * uniformly from the function's box, exactly as {@link BenchmarkFunctionOptimizee} (L2L's multi-optimizers also
 * create and bound single sets and pack them afterwards). {@link #bound} clips every inner set of what it is given
 * into the box, and {@link #simulate} returns a fitness vector of {@code m} components for a multi-individual of
 * {@code m} sets: the function's value at set {@code i}, plus noise, is component {@code i}. A plain individual
 * counts as one set. The number of sets is read from the length of {@code coords}, so this optimizee needs no
 * {@code nInnerParams} of its own.
 *
 * <p>Noise: when {@code noise > 0}, the sets in order each add {@code noise * g}, {@code g} the next standard
 * normal deviate of the individual's own {@link SimulationContext#random()} stream.
 *
 * <pre>{@code
 * Optimizee o = new MultiFunctionOptimizee("Ackley2d", 0.0);
 * }</pre>
 *
 * @param function the function's L2L name (one of {@link BenchmarkFunctions#names()}) or its L2L index in decimal
 *     digits
 * @param noise the standard deviation of the additive Gaussian noise; finite and {@code >= 0}
 */
public record MultiFunctionOptimizee(String function, double noise) implements Optimizee {
    /** Validates the settings; an unknown function fails with a list of the valid names. */
    public MultiFunctionOptimizee {
        Require.nonBlank("function", function);
        BenchmarkFunctionOptimizee.resolve(function);
        Require.nonNegative("noise", noise);
    }

    private BenchmarkFunction benchmark() {
        return BenchmarkFunctionOptimizee.resolve(function);
    }

    private Parameters template() {
        return Parameters.builder().array(BenchmarkFunctionOptimizee.PARAM, new double[benchmark().dims()]).build();
    }

    /** One inner set: coordinates drawn uniformly from the function's box. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().array(BenchmarkFunctionOptimizee.PARAM, benchmark().sample(random)).build();
    }

    /** Every inner set's coordinates clipped into the function's box. */
    @Override
    public Parameters bound(Parameters params) {
        BenchmarkFunction fn = benchmark();
        Parameters template = template();
        if (params.sameShape(template)) {
            return Parameters.builder().array(BenchmarkFunctionOptimizee.PARAM,
                    fn.clip(params.array(BenchmarkFunctionOptimizee.PARAM))).build();
        }
        List<Parameters> sets = new ArrayList<>();
        for (Parameters set : MultiIndividual.unpack(params, template)) {
            sets.add(Parameters.builder().array(BenchmarkFunctionOptimizee.PARAM,
                    fn.clip(set.array(BenchmarkFunctionOptimizee.PARAM))).build());
        }
        return MultiIndividual.pack(sets);
    }

    /** The function's value at each inner set, plus noise, one fitness component per set. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        BenchmarkFunction fn = benchmark();
        List<Parameters> sets = MultiIndividual.unpack(individual.params(), template());
        double[] fitness = new double[sets.size()];
        for (int i = 0; i < fitness.length; i++) {
            fitness[i] = fn.evaluate(sets.get(i).array(BenchmarkFunctionOptimizee.PARAM));
            if (noise > 0) fitness[i] += noise * context.random().nextGaussian();
        }
        return SimulationResult.of(fitness);
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MultiFunctionOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String function;
        private double noise = 0.0;

        private Builder() {}

        /** One of L2L's benchmark functions, by name or index; required. */
        public Builder function(String v) {
            function = v;
            return this;
        }

        /** Standard deviation of the Gaussian noise added to each value; default 0 (none). */
        public Builder noise(double v) {
            noise = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public MultiFunctionOptimizee build() {
            if (function == null) throw new IllegalArgumentException("function is required");
            return new MultiFunctionOptimizee(function, noise);
        }
    }
}
