package org.l2l.optimizees;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * One of L2L's benchmarked functions as an optimizee, like L2L's {@code FunctionGeneratorOptimizee}:
 * the individual is an array {@code coords} drawn uniformly within the function's bounds, {@code bound}
 * clips it, and the fitness is the function's value plus optional Gaussian noise. Use fitness weight
 * {@code -1} to minimize.
 *
 * @param function the function's name (e.g. {@code Rastrigin2d}) or L2L index (e.g. {@code "0"})
 * @param noise the standard deviation of Gaussian noise added to each value, drawn from the
 *     individual's own random stream; 0 for none
 */
public record BenchmarkFunctionOptimizee(String function, double noise) implements Optimizee {
    /** Validates the name and the noise. */
    public BenchmarkFunctionOptimizee {
        Require.nonBlank("function", function);
        resolve(function);
        Require.nonNegative("noise", noise);
    }

    /** The optimizee for {@code function} without noise. */
    public BenchmarkFunctionOptimizee(String function) {
        this(function, 0);
    }

    static BenchmarkFunctions.Function resolve(String function) {
        if (!function.isEmpty() && function.chars().allMatch(Character::isDigit)) {
            return BenchmarkFunctions.byIndex(Integer.parseInt(function));
        }
        return BenchmarkFunctions.byName(function);
    }

    /** The function. */
    public BenchmarkFunctions.Function definition() {
        return resolve(function);
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        BenchmarkFunctions.Function f = definition();
        double[] x = new double[f.dims()];
        for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() * (f.upper() - f.lower()) + f.lower();
        return Parameters.builder().array("coords", x).build();
    }

    @Override
    public Parameters bound(Parameters params) {
        BenchmarkFunctions.Function f = definition();
        double[] x = params.array("coords");
        for (int i = 0; i < x.length; i++) x[i] = Math.max(f.lower(), Math.min(f.upper(), x[i]));
        return Parameters.builder().array("coords", x).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        double v = definition().evaluate(individual.params().array("coords"));
        if (noise > 0) v += noise * context.random().nextGaussian();
        return SimulationResult.of(v);
    }
}
