package org.l2l.optimizees;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A toy optimizee for the random walk: a model is inside iff its point lies within a ball or a box around
 * {@code center}. Only the parameters named in {@code center} count; others are ignored.
 *
 * <p>{@code simulate} returns the distance to the centre as the fitness, and the extra values
 * {@value #INSIDE} (Boolean) and {@value #DISTANCE} (Double): the Euclidean distance for a {@code ball}, the
 * largest per-parameter distance for a {@code box}. A model is inside iff that distance is {@code <= radius}.
 *
 * <pre>{@code
 * "optimizee": {"type": "inside-region", "shape": "ball", "center": {"x": 0, "y": 5}, "radius": 1.5}
 * }</pre>
 *
 * @param shape {@code "ball"} or {@code "box"}
 * @param center the region's centre, by parameter name (at least one)
 * @param radius the ball's radius, or the box's half width in every parameter; finite and {@code >= 0}
 */
public record InsideRegionOptimizee(String shape, Map<String, Double> center, double radius) implements Optimizee {
    /** The key of the Boolean extra value saying whether the point is inside. */
    public static final String INSIDE = "inside";
    /** The key of the extra value holding the distance to the centre. */
    public static final String DISTANCE = "distance";

    /** Validates the settings. */
    public InsideRegionOptimizee {
        Require.nonNull("shape", shape);
        if (!shape.equals("ball") && !shape.equals("box")) {
            throw new IllegalArgumentException("shape must be \"ball\" or \"box\", but was \"" + shape + "\"");
        }
        Require.nonNull("center", center);
        if (center.isEmpty()) throw new IllegalArgumentException("center must name at least one parameter");
        Map<String, Double> c = new LinkedHashMap<>();
        center.forEach((k, v) -> c.put(Require.nonBlank("center's parameter name", k),
                Require.finite("center." + k, Require.nonNull("center." + k, v))));
        center = Collections.unmodifiableMap(c);
        Require.nonNegative("radius", radius);
    }

    /** The centre (no randomness). */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        Parameters.Builder b = Parameters.builder();
        center.forEach(b::scalar);
        return b.build();
    }

    /** The distance of {@code p} to the centre, by the shape's norm. */
    public double distance(Parameters p) {
        double s = 0;
        for (Map.Entry<String, Double> e : center.entrySet()) {
            double d = p.scalar(e.getKey()) - e.getValue();
            s = shape.equals("ball") ? s + d * d : Math.max(s, Math.abs(d));
        }
        return shape.equals("ball") ? Math.sqrt(s) : s;
    }

    /** Whether {@code p} lies in the region. */
    public boolean inside(Parameters p) {
        return distance(p) <= radius;
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        double d = distance(individual.params());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(INSIDE, d <= radius);
        extra.put(DISTANCE, d);
        return new SimulationResult(new double[] {d}, extra);
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link InsideRegionOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String shape = "ball";
        private Map<String, Double> center;
        private Double radius;

        private Builder() {}

        /** The region's shape, {@code ball} or {@code box}; default {@code ball}. */
        public Builder shape(String v) {
            shape = v;
            return this;
        }

        /** The centre, by parameter name; required. */
        public Builder center(Map<String, Double> v) {
            center = v;
            return this;
        }

        /** The ball's radius, or the box's half width in every parameter; required. */
        public Builder radius(double v) {
            radius = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public InsideRegionOptimizee build() {
            if (center == null) throw new IllegalArgumentException("center is required");
            if (radius == null) throw new IllegalArgumentException("radius is required");
            return new InsideRegionOptimizee(shape, center, radius);
        }
    }
}
