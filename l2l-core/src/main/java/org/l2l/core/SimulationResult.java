package org.l2l.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Optimizee#simulate} returns: a fitness vector (one value per fitness weight) and optional
 * extra data saved with the result.
 *
 * <p>Extra values must be of a type the run files can store: {@code Double}, {@code Long},
 * {@code Integer}, {@code String}, {@code Boolean} or {@code double[]}.
 *
 * @param fitness the raw (unweighted) fitness components
 * @param extra named extra data, in insertion order
 */
public record SimulationResult(double[] fitness, Map<String, Object> extra) {
    /** Validates and defensively copies. */
    public SimulationResult {
        Require.nonNull("fitness", fitness);
        if (fitness.length == 0) throw new IllegalArgumentException("fitness must have at least one component");
        fitness = fitness.clone();
        Map<String, Object> copy = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((k, v) -> copy.put(Require.nonBlank("extra data key", k), checkExtra(k, v)));
        }
        extra = Collections.unmodifiableMap(copy);
    }

    /** A result with fitness only. */
    public static SimulationResult of(double... fitness) {
        return new SimulationResult(fitness, Map.of());
    }

    /** A copy of the fitness vector. */
    @Override
    public double[] fitness() {
        return fitness.clone();
    }

    static Object checkExtra(String key, Object v) {
        if (v instanceof Integer i) return i.longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof double[] d) return d.clone();
        if (v instanceof Double || v instanceof Long || v instanceof String || v instanceof Boolean) return v;
        throw new IllegalArgumentException("extra data '" + key + "' has type "
                + (v == null ? "null" : v.getClass().getName())
                + "; allowed are Double, Long, Integer, Float, String, Boolean and double[]");
    }
}
