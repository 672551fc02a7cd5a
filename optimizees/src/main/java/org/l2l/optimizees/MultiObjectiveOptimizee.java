package org.l2l.optimizees;

import java.util.List;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A two-objective test problem with a known Pareto front, for multi-objective optimizers such as NSGA-II. Both
 * fitness components are to be minimized: use the fitness weights {@code [-1, -1]}.
 *
 * <p>An individual is one array parameter {@value #PARAM}. {@link #createIndividual} draws it uniformly from the
 * problem's box, {@link #bound} clips it into the box. The problems, with the boxes and default dimensions of Deb et
 * al. (2002):
 *
 * <table>
 *   <caption>problems</caption>
 *   <tr><th>{@code problem}</th><th>objectives</th><th>box</th><th>dimension</th><th>Pareto front</th></tr>
 *   <tr><td>{@code ZDT1}</td><td>{@code f1 = x_0}, {@code f2 = g (1 - sqrt(f1 / g))},
 *       {@code g = 1 + 9 sum(x_1..x_{n-1}) / (n - 1)}</td><td>[0, 1]</td><td>30 (at least 2)</td>
 *       <td>{@code f2 = 1 - sqrt(f1)}, convex</td></tr>
 *   <tr><td>{@code ZDT2}</td><td>as ZDT1 with {@code f2 = g (1 - (f1 / g)^2)}</td><td>[0, 1]</td>
 *       <td>30 (at least 2)</td><td>{@code f2 = 1 - f1^2}, concave</td></tr>
 *   <tr><td>{@code SchafferN1}</td><td>{@code f1 = x^2}, {@code f2 = (x - 2)^2}</td><td>[-1000, 1000]</td>
 *       <td>1 (only)</td><td>{@code 0 <= x <= 2}</td></tr>
 *   <tr><td>{@code FonsecaFleming}</td><td>{@code f1,2 = 1 - exp(-sum (x_i -/+ 1/sqrt(n))^2)}</td><td>[-4, 4]</td>
 *       <td>3</td><td>{@code x_i = t} for all i, {@code |t| <= 1/sqrt(n)}, concave</td></tr>
 * </table>
 *
 * <pre>{@code
 * Optimizee zdt1 = new MultiObjectiveOptimizee("ZDT1", 0);          // 30 variables
 * double gd = ((MultiObjectiveOptimizee) zdt1).generationalDistance(objectives);
 * }</pre>
 *
 * @param problem one of {@link #PROBLEMS}
 * @param dimension the number of variables, or 0 for the problem's default
 */
public record MultiObjectiveOptimizee(String problem, int dimension) implements Optimizee {
    /** The name of the individual's variables array. */
    public static final String PARAM = "x";
    /** The problem names. */
    public static final List<String> PROBLEMS = List.of("ZDT1", "ZDT2", "SchafferN1", "FonsecaFleming");
    /** The number of points {@link #distanceToFront} compares against. */
    private static final int FRONT_RESOLUTION = 20_001;

    /** Validates the problem and resolves the default dimension. */
    public MultiObjectiveOptimizee {
        Require.nonBlank("problem", problem);
        if (!PROBLEMS.contains(problem)) {
            throw new IllegalArgumentException("problem must be one of " + PROBLEMS + ", but was \"" + problem + "\"");
        }
        Require.nonNegative("dimension", dimension);
        if (dimension == 0) {
            dimension = switch (problem) {
                case "ZDT1", "ZDT2" -> 30;
                case "SchafferN1" -> 1;
                default -> 3;
            };
        }
        if (problem.startsWith("ZDT") && dimension < 2) {
            throw new IllegalArgumentException("dimension of " + problem + " must be >= 2, but was " + dimension);
        }
        if (problem.equals("SchafferN1") && dimension != 1) {
            throw new IllegalArgumentException("dimension of SchafferN1 must be 1, but was " + dimension);
        }
    }

    /** The lower end of every variable's interval. */
    public double lowerBound() {
        return switch (problem) {
            case "ZDT1", "ZDT2" -> 0;
            case "SchafferN1" -> -1000;
            default -> -4;
        };
    }

    /** The upper end of every variable's interval. */
    public double upperBound() {
        return switch (problem) {
            case "ZDT1", "ZDT2" -> 1;
            case "SchafferN1" -> 1000;
            default -> 4;
        };
    }

    /** Variables drawn uniformly from the box. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        double[] x = new double[dimension];
        for (int i = 0; i < dimension; i++) x[i] = random.nextDouble(lowerBound(), upperBound());
        return Parameters.builder().array(PARAM, x).build();
    }

    /** The variables clipped into the box. */
    @Override
    public Parameters bound(Parameters params) {
        double[] x = params.array(PARAM);
        for (int i = 0; i < x.length; i++) x[i] = Math.max(lowerBound(), Math.min(upperBound(), x[i]));
        return Parameters.builder().array(PARAM, x).build();
    }

    /** The two objective values, both to be minimized. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        return SimulationResult.of(objectives(individual.params().array(PARAM)));
    }

    /**
     * The two objective values at {@code x}.
     *
     * @throws IllegalArgumentException if {@code x} does not have {@link #dimension()} values
     */
    public double[] objectives(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException(PARAM + " has " + x.length + " values, but " + problem + " here has "
                    + dimension);
        }
        switch (problem) {
            case "ZDT1", "ZDT2" -> {
                double sum = 0;
                for (int i = 1; i < x.length; i++) sum += x[i];
                double g = 1 + 9 * sum / (x.length - 1);
                double r = x[0] / g;
                return new double[] {x[0], g * (problem.equals("ZDT1") ? 1 - Math.sqrt(r) : 1 - r * r)};
            }
            case "SchafferN1" -> {
                return new double[] {x[0] * x[0], (x[0] - 2) * (x[0] - 2)};
            }
            default -> {
                double c = 1 / Math.sqrt(x.length);
                double a = 0;
                double b = 0;
                for (double v : x) {
                    a += (v - c) * (v - c);
                    b += (v + c) * (v + c);
                }
                return new double[] {1 - Math.exp(-a), 1 - Math.exp(-b)};
            }
        }
    }

    /**
     * {@code points} points on the Pareto front in objective space, from one end to the other (evenly spaced in a
     * parameter of the front's curve, not necessarily in arc length).
     *
     * @throws IllegalArgumentException if {@code points < 2}
     */
    public double[][] paretoFront(int points) {
        if (points < 2) throw new IllegalArgumentException("points must be >= 2, but was " + points);
        double[][] out = new double[points][];
        for (int i = 0; i < points; i++) {
            double s = (double) i / (points - 1);
            out[i] = switch (problem) {
                case "ZDT1" -> new double[] {s * s, 1 - s}; // f1 = s^2 spreads points where the front is steep
                case "ZDT2" -> new double[] {s, 1 - s * s};
                case "SchafferN1" -> new double[] {4 * s * s, (2 * s - 2) * (2 * s - 2)};
                default -> {
                    double c = 1 / Math.sqrt(dimension);
                    double t = -c + 2 * c * s;
                    yield new double[] {1 - Math.exp(-dimension * (t - c) * (t - c)),
                        1 - Math.exp(-dimension * (t + c) * (t + c))};
                }
            };
        }
        return out;
    }

    /**
     * The Euclidean distance in objective space from {@code objectives} to the nearest of 20,001 points of the Pareto
     * front (so distances below about 1e-4 are not resolved).
     */
    public double distanceToFront(double[] objectives) {
        return generationalDistance(new double[][] {objectives});
    }

    /** The mean {@link #distanceToFront} of the given objective vectors (a generational distance); NaN if empty. */
    public double generationalDistance(double[][] objectives) {
        double[][] front = paretoFront(FRONT_RESOLUTION);
        double sum = 0;
        for (double[] o : objectives) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : front) best = Math.min(best, Math.hypot(o[0] - p[0], o[1] - p[1]));
            sum += best;
        }
        return sum / objectives.length;
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MultiObjectiveOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String problem;
        private int dimension = 0;

        private Builder() {}

        /** The problem: one of {@link #PROBLEMS}; required. */
        public Builder problem(String v) {
            problem = v;
            return this;
        }

        /** The number of variables; default 0: the problem's usual dimension. */
        public Builder dimension(int v) {
            dimension = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public MultiObjectiveOptimizee build() {
            if (problem == null) throw new IllegalArgumentException("problem is required");
            return new MultiObjectiveOptimizee(problem, dimension);
        }
    }
}
