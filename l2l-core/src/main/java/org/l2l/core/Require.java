package org.l2l.core;

import java.util.Objects;

/**
 * Argument checks whose messages name the parameter and the bad value, for example
 * {@code "popSize must be > 0, but was -3"}.
 */
public final class Require {
    private Require() {}

    /**
     * The most individuals (or inner parameter sets) one generation may hold: the driver keeps a generation's
     * individuals and results in memory and stores them in one file, and a few hundred bytes each is already
     * hundreds of megabytes at this size. A larger size is refused up front rather than running the driver out
     * of memory later.
     */
    public static final int MAX_GENERATION_SIZE = 1_000_000;

    /**
     * Checks {@code 0 < value <= }{@link #MAX_GENERATION_SIZE}, for a size that sets how many individuals a
     * generation holds; {@code name} may be an expression such as {@code "popSize * nInnerParams"}.
     */
    public static long generationSize(String name, long value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        if (value > MAX_GENERATION_SIZE) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_GENERATION_SIZE + ", but was " + value
                    + ": that many individuals in one generation cannot fit (the driver keeps a generation in memory and "
                    + "stores it in one file)");
        }
        return value;
    }

    /** {@link #generationSize(String, long)} for an {@code int}. */
    public static int generationSize(String name, int value) {
        return (int) generationSize(name, (long) value);
    }

    /** Checks {@code value > 0}. */
    public static int positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        return value;
    }

    /** Checks {@code value >= 0}. */
    public static int nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        return value;
    }

    /** Checks {@code value > 0} and finite. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, but was " + value);
        }
        return value;
    }

    /** Checks {@code value >= 0} and finite. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
        }
        return value;
    }

    /** Checks {@code 0 <= value <= 1}. */
    public static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], but was " + value);
        }
        return value;
    }

    /** Checks that {@code value} is a finite number. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " must be finite, but was " + value);
        return value;
    }

    /** Checks that {@code value} is not null. */
    public static <T> T nonNull(String name, T value) {
        return Objects.requireNonNull(value, () -> name + " must be given, but was null");
    }

    /** Checks that {@code value} is not null or blank. */
    public static String nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-empty string, but was "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }
}
