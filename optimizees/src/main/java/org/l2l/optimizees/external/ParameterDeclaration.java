package org.l2l.optimizees.external;

import org.l2l.core.Require;

/**
 * One parameter of an external program, declared in the experiment file: its name, its bounds, and
 * whether it is a scalar ({@code size} 0) or an array of {@code size} values. New individuals are drawn
 * uniformly within the bounds, and the optimizers' proposals are clipped into them.
 *
 * @param name the name the program sees in {@code params}
 * @param min the lower bound, inclusive
 * @param max the upper bound, inclusive; greater than {@code min}
 * @param size 0 for a scalar, else the array's length
 */
public record ParameterDeclaration(String name, double min, double max, int size) {
    /** Validates: a non-blank name, finite bounds with {@code min < max}, a size of at least 0. */
    public ParameterDeclaration {
        Require.nonBlank("parameter name", name);
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("parameter " + name + " must have finite bounds with min < max, but was ["
                    + min + ", " + max + "]");
        }
        if (size < 0) throw new IllegalArgumentException("parameter " + name + " must have a size of at least 0 (0: a scalar), but was " + size);
    }

    /** A scalar parameter in {@code [min, max]}. */
    public static ParameterDeclaration scalar(String name, double min, double max) {
        return new ParameterDeclaration(name, min, max, 0);
    }

    /** An array parameter of {@code size} values, each in {@code [min, max]}. */
    public static ParameterDeclaration array(String name, double min, double max, int size) {
        if (size < 1) throw new IllegalArgumentException("array parameter " + name + " must have a size of at least 1, but was " + size);
        return new ParameterDeclaration(name, min, max, size);
    }

    double clip(double v) {
        return Math.max(min, Math.min(max, v));
    }
}
