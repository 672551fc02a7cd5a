package org.l2l.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A toy optimizee for the random walk tests over scalars {@code x} in [-2, 2], {@code y} in [0, 10] and
 * {@code z} in [0, 1]: a model is inside iff {@code (x, y)} lies in the disc of {@code radius} around
 * {@code (cx, cy)}. Fitness and extra value {@code distance} are the distance to the centre; extra value
 * {@code tag} is a string that needs CSV quoting.
 */
public record TestRegion(double cx, double cy, double radius) implements Optimizee {
    /** The ranges CSV of these parameters. */
    public static final String RANGES = "name,min,max\nx,-2,2\ny,0,10\nz,0,1\n";

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return Parameters.builder().scalar("x", cx).scalar("y", cy).scalar("z", 0.5).build();
    }

    @Override
    public Parameters bound(Parameters p) {
        return Parameters.builder().scalar("x", clip(p.scalar("x"), -2, 2)).scalar("y", clip(p.scalar("y"), 0, 10))
                .scalar("z", clip(p.scalar("z"), 0, 1)).build();
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Whether {@code p} is inside. */
    public boolean inside(Parameters p) {
        return distance(p) <= radius;
    }

    public double distance(Parameters p) {
        return Math.hypot(p.scalar("x") - cx, p.scalar("y") - cy);
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        Parameters p = individual.params();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("inside", inside(p));
        extra.put("distance", distance(p));
        extra.put("tag", "g" + individual.generation() + ",\"q\"");
        return new SimulationResult(new double[] {distance(p)}, extra);
    }
}
