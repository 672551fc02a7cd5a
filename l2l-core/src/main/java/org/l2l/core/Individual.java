package org.l2l.core;

/**
 * One parameter set to evaluate: its generation, its index within that generation, and its parameters.
 *
 * @param generation the generation, from 0
 * @param index the index within the generation, from 0
 * @param params the parameters
 */
public record Individual(int generation, int index, Parameters params) {
    /** Validates the fields. */
    public Individual {
        Require.nonNegative("generation", generation);
        Require.nonNegative("index", index);
        Require.nonNull("params", params);
    }

    /** A short label such as {@code g3/i17}, used in messages and logs. */
    public String label() {
        return "g" + generation + "/i" + index;
    }
}
