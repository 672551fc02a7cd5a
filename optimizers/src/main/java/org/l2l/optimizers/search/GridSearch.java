package org.l2l.optimizers.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2L's {@code GridSearchOptimizer}: evaluates every point of a grid in a single generation, then finishes,
 * keeping the best point.
 *
 * <p>Each parameter's values are numpy's {@code linspace(lower, upper, nSteps + 1)}; each element of an array
 * parameter is its own axis over those values. The points are the full cartesian product, ordered as L2L
 * orders them: parameters sorted by name, array elements in index order, the last axis varying fastest.
 * The grid is not passed through the optimizee's bounding function (L2L does not bound it either).
 *
 * <pre>{@code
 * GridSearch gs = new GridSearch(optimizee, FitnessWeights.of(-1),
 *         GridSearchParameters.builder().add("x", -1, 1, 2).add("coords", 0, 1, 1).build());
 * gs.firstGeneration();  // 3 * 2 * 2 = 12 points
 * }</pre>
 */
public final class GridSearch implements Optimizer {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "gridSpec";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "gridSearchResult";
    /** The largest number of grid points accepted. */
    public static final int MAX_POINTS = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(GridSearch.class);

    private final FitnessWeights weights;
    private final GridSearchParameters params;
    private final Parameters template;
    private final List<Parameters> grid;
    private Evaluation best;
    private boolean finished;

    /**
     * Builds the grid. {@code optimizee.createIndividual} is called once, with a fixed-seed generator, only to
     * learn the names and shapes of the individuals.
     *
     * @throws IllegalArgumentException if the grid's names differ from the individual's, naming the parameter,
     *     or if the grid has more than {@link #MAX_POINTS} points
     */
    public GridSearch(Optimizee optimizee, FitnessWeights weights, GridSearchParameters params) {
        Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.template = Require.nonNull("optimizee.createIndividual's result",
                optimizee.createIndividual(Rng.derive(0, "GridSearch", "template")));
        checkNames(template, params.paramGrid());
        this.grid = Collections.unmodifiableList(buildGrid(template, params.paramGrid()));
    }

    private static void checkNames(Parameters template, Map<String, GridSearchParameters.Range> grid) {
        for (String name : template.names()) {
            if (!grid.containsKey(name)) {
                throw new IllegalArgumentException("paramGrid has no entry for the optimizee's parameter '" + name
                        + "'; the grid names " + grid.keySet() + " must be exactly the individual's " + template.names());
            }
        }
        for (String name : grid.keySet()) {
            if (!template.has(name)) {
                throw new IllegalArgumentException("paramGrid['" + name + "'] is not a parameter of the optimizee's"
                        + " individual, whose parameters are " + template.names());
            }
        }
    }

    private static List<Parameters> buildGrid(Parameters template, Map<String, GridSearchParameters.Range> spec) {
        // The offset of each parameter within the flat vector (template order).
        Map<String, Integer> offset = new HashMap<>();
        int k = 0;
        for (String name : template.names()) {
            offset.put(name, k);
            k += template.length(name);
        }
        // One axis per scalar / array element, parameters sorted by name (L2L's dict_to_list and sorted keys).
        List<Integer> positions = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        long total = 1;
        for (String name : new TreeSet<>(spec.keySet())) {
            GridSearchParameters.Range r = spec.get(name);
            for (int e = 0; e < template.length(name); e++) {
                total *= r.points();
                if (total > MAX_POINTS) {
                    throw new IllegalArgumentException("the grid has more than " + MAX_POINTS
                            + " points; reduce nSteps or the number of parameters");
                }
            }
            double[] axis = linspace(r.lower(), r.upper(), r.nSteps());
            for (int e = 0; e < template.length(name); e++) {
                positions.add(offset.get(name) + e);
                values.add(axis);
            }
        }
        int axes = positions.size();
        int[] index = new int[axes];
        List<Parameters> out = new ArrayList<>((int) total);
        double[] vector = new double[template.dimension()];
        for (long p = 0; p < total; p++) {
            for (int a = 0; a < axes; a++) vector[positions.get(a)] = values.get(a)[index[a]];
            out.add(template.withVector(vector));
            for (int a = axes - 1; a >= 0; a--) { // odometer: the last axis varies fastest
                if (++index[a] < values.get(a).length) break;
                index[a] = 0;
            }
        }
        return out;
    }

    /**
     * numpy's {@code linspace(lower, upper, nSteps + 1)}, value for value: {@code i * step + lower} with
     * {@code step = (upper - lower) / nSteps} (or {@code i / nSteps * (upper - lower) + lower} when the step
     * is zero), and the last value exactly {@code upper}.
     */
    static double[] linspace(double lower, double upper, int nSteps) {
        int num = nSteps + 1;
        double[] y = new double[num];
        double delta = upper - lower;
        if (nSteps == 0) {
            y[0] = 0.0 * delta + lower;
            return y;
        }
        double step = delta / nSteps;
        for (int i = 0; i < num; i++) {
            y[i] = (step == 0 ? (double) i / nSteps * delta : i * step) + lower;
        }
        y[num - 1] = upper;
        return y;
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    /** Records each parameter's {@code lowerBound}, {@code upperBound} and {@code nSteps}, and {@code nIteration = 1}. */
    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "grid search specification");
        params.paramGrid().forEach((name, r) -> {
            g.add(name + ".lowerBound", r.lower());
            g.add(name + ".upperBound", r.upper());
            g.add(name + ".nSteps", (long) r.nSteps());
        });
        g.add("nIteration", 1L);
    }

    /** All grid points. */
    @Override
    public List<Parameters> firstGeneration() {
        return grid;
    }

    /** Records the best point and finishes. */
    @Override
    public Step next(GenerationResult result) {
        if (finished) throw new IllegalStateException("the grid search has finished; next() must not be called");
        if (result.size() != grid.size()) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but the grid has " + grid.size() + " points");
        }
        best = result.best().orElse(null);
        finished = true;
        if (best == null) {
            LOG.warn("Grid search: all {} evaluations failed; there is no best individual", grid.size());
        } else {
            LOG.info("Grid search: best individual is {} with fitness {} (weighted {})", best.individual().params(),
                    Arrays.toString(best.fitness()), Arrays.toString(best.weightedFitness()));
        }
        return Step.finished("the grid search evaluated all " + grid.size() + " grid points");
    }

    /**
     * Records the result in {@value #RESULT_GROUP}: {@code nIteration}, and if a point succeeded its
     * parameters as {@code finalIndividual.<name>} and its {@code finalFitness}.
     */
    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "grid search result");
        g.add("nIteration", finished ? 1L : 0L);
        if (best != null) {
            Parameters p = best.individual().params();
            for (String name : p.names()) {
                g.add("finalIndividual." + name, p.isArray(name) ? p.array(name) : (Object) p.scalar(name));
            }
            g.add("finalFitness", best.fitness());
        }
        LOG.info("Completed grid search over {} points", grid.size());
    }

    /** The number of grid points. */
    public int size() {
        return grid.size();
    }

    /** The best successful evaluation, once the grid has been evaluated (first of equals, as numpy's argmax). */
    public Optional<Evaluation> best() {
        return Optional.ofNullable(best);
    }
}
