package org.l2l.optimizers.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.l2l.core.Require;

/**
 * Settings of the {@link GridSearch}: L2L's {@code GridSearchParameters(param_grid)}, a map from each parameter
 * name of the optimizee's individual to {@code (lower, upper, nSteps)}. The interval {@code [lower, upper]} is
 * divided into {@code nSteps} intervals, giving {@code nSteps + 1} grid values (numpy's
 * {@code linspace(lower, upper, nSteps + 1)}); for an array parameter, every element is its own grid axis over
 * these values.
 *
 * <pre>{@code
 * GridSearchParameters p = GridSearchParameters.builder()
 *         .add("x", -1, 1, 4)        // x in {-1, -0.5, 0, 0.5, 1}
 *         .add("coords", 0, 1, 1)    // each element of coords in {0, 1}
 *         .build();
 * }</pre>
 *
 * @param paramGrid the grid specification per parameter name, in insertion order (unmodifiable)
 */
public record GridSearchParameters(Map<String, Range> paramGrid) {
    /**
     * The grid of one parameter, validated by {@link GridSearchParameters}.
     *
     * @param lower the first grid value
     * @param upper the last grid value, {@code >= lower}
     * @param nSteps the number of intervals, {@code >= 0}; there are {@code nSteps + 1} values
     */
    public record Range(double lower, double upper, int nSteps) {
        /** The number of grid values, {@code nSteps + 1}. */
        public int points() {
            return nSteps + 1;
        }
    }

    /**
     * Validates every entry; a message names the entry and field, for example
     * {@code "paramGrid['x'].nSteps must be >= 0, but was -1"}.
     */
    public GridSearchParameters {
        Require.nonNull("paramGrid", paramGrid);
        if (paramGrid.isEmpty()) throw new IllegalArgumentException("paramGrid must name at least one parameter");
        Map<String, Range> copy = new LinkedHashMap<>();
        paramGrid.forEach((name, range) -> copy.put(Require.nonBlank("paramGrid key", name), check(name, range)));
        paramGrid = Collections.unmodifiableMap(copy);
    }

    private static Range check(String name, Range range) {
        String field = "paramGrid['" + name + "']";
        Require.nonNull(field, range);
        Require.finite(field + ".lower", range.lower());
        Require.finite(field + ".upper", range.upper());
        if (range.upper() < range.lower()) {
            throw new IllegalArgumentException(field + ".upper must be >= lower (" + range.lower() + "), but was "
                    + range.upper());
        }
        Require.nonNegative(field + ".nSteps", range.nSteps());
        if (range.nSteps() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ".nSteps must be < " + Integer.MAX_VALUE + ", but was "
                    + range.nSteps());
        }
        return range;
    }

    /** A builder adding parameters one by one. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GridSearchParameters}. */
    public static final class Builder {
        private final Map<String, Range> grid = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds the grid of one parameter (L2L's {@code param_grid[name] = (lower, upper, n_steps)}).
         *
         * @throws IllegalArgumentException if the entry is invalid or {@code name} was already added
         */
        public Builder add(String name, double lower, double upper, int nSteps) {
            Require.nonBlank("paramGrid key", name);
            if (grid.containsKey(name)) throw new IllegalArgumentException("paramGrid['" + name + "'] given twice");
            grid.put(name, check(name, new Range(lower, upper, nSteps)));
            return this;
        }

        /** The validated parameters. */
        public GridSearchParameters build() {
            return new GridSearchParameters(grid);
        }
    }
}
