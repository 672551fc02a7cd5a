package org.l2l.core;

import java.util.random.RandomGenerator;

/**
 * The inner loop: what is being optimized.
 *
 * <p>An optimizee runs inside worker JVMs, so the runner must be able to recreate it there. It is
 * written to the run directory as JSON with Jackson and read back in each worker; a {@code record} of
 * its settings is the simplest way to make that work.
 *
 * <pre>{@code
 * public record Sphere(int dims) implements Optimizee {
 *     public Parameters createIndividual(RandomGenerator r) {
 *         double[] x = new double[dims];
 *         for (int i = 0; i < dims; i++) x[i] = r.nextDouble(-5, 5);
 *         return Parameters.builder().array("x", x).build();
 *     }
 *     public SimulationResult simulate(Individual ind, SimulationContext ctx) {
 *         double s = 0;
 *         for (double v : ind.params().array("x")) s += v * v;
 *         return SimulationResult.of(s);
 *     }
 * }
 * }</pre>
 */
public interface Optimizee {
    /** A random starting individual (L2L's {@code create_individual}). */
    Parameters createIndividual(RandomGenerator random);

    /** Brings an individual back into the allowed domain (L2L's {@code bounding_func}); identity by default. */
    default Parameters bound(Parameters params) {
        return params;
    }

    /**
     * Called once where evaluations run, before the first {@code simulate}: in each worker JVM with the
     * worker's id, and in the driver with id -1 when the run evaluates in-process. An optimizee that
     * shares something between evaluations (an external process, a loaded model) may start it here, so its
     * cost is paid once per worker; an exception here stops the worker from starting, and the run reports
     * it with the worker's log. Does nothing by default.
     *
     * @param runDirectory the run directory
     * @param workerId the worker's id, or -1 in-process
     * @throws Exception if the optimizee cannot work here
     */
    default void prepare(java.nio.file.Path runDirectory, int workerId) throws Exception {}

    /**
     * Evaluates one individual. May throw: the runner records the exception and retries the individual.
     *
     * @return the fitness vector, one component per fitness weight, and optional extra data
     */
    SimulationResult simulate(Individual individual, SimulationContext context) throws Exception;
}
