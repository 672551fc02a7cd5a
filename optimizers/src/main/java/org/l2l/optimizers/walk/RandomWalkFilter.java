package org.l2l.optimizers.walk;

import java.util.List;

/**
 * A user's rule for {@link RandomWalkMode#CUSTOM}: accepts or rejects each proposed step of a random walk
 * particle before it is evaluated. A rejected proposal is redrawn (and counted in {@code n_suggestion}).
 *
 * <p>Implementations are named by class in {@link RandomWalkParameters#filterClass()} and created with their
 * public no-argument constructor. They must be deterministic and keep no state between calls, so that a
 * resumed walk proposes exactly what an uninterrupted one would.
 *
 * <pre>{@code
 * public final class StayLeft implements RandomWalkFilter {
 *     public boolean accept(RandomWalkFilter.Proposal p) {
 *         return p.proposal()[0] <= 0.5;    // the first explored parameter stays in the lower half
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RandomWalkFilter {
    /**
     * One proposed step. All coordinates are normalized to [0, 1] by the parameter ranges and ordered as
     * {@code names}, the explored parameters.
     *
     * @param seedPoint the id of the particle's seed point
     * @param particleId the particle's id within its seed point
     * @param iteration the iteration the proposal would be evaluated as (1 for the first step)
     * @param names the explored parameters
     * @param seed the seed point
     * @param current the particle's current position
     * @param proposal the proposed position, inside [0, 1] in every coordinate
     */
    record Proposal(String seedPoint, int particleId, int iteration, List<String> names, double[] seed,
                    double[] current, double[] proposal) {}

    /** Whether the particle may try {@code proposal}. */
    boolean accept(Proposal proposal);
}
