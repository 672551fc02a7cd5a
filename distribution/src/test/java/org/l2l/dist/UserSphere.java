package org.l2l.dist;

import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A user's optimizee, packed into its own jar by {@link DistributionIT} and given to the distribution's
 * {@code bin/l2l} with {@code L2L_CLASSPATH}: the sphere on {@code dims} coordinates in [-5, 5].
 *
 * @param dims the number of coordinates
 */
public record UserSphere(int dims) implements Optimizee {
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        double[] x = new double[dims];
        for (int i = 0; i < dims; i++) x[i] = random.nextDouble(-5, 5);
        return Parameters.builder().array("x", x).build();
    }

    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        double s = 0;
        for (double v : individual.params().array("x")) s += v * v;
        return SimulationResult.of(s);
    }
}
