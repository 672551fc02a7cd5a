package org.l2l.core;

import java.nio.file.Path;
import java.util.List;

/**
 * An outer loop without a generation barrier: the runner asks it for work whenever a worker can take more
 * ({@link #ask}) and tells it each result as soon as it arrives ({@link #tell}). The generational
 * {@link Optimizer} is the other kind; an optimizer may implement both, and the runner then drives it
 * asynchronously unless told to keep the barrier.
 *
 * <p><b>Identifiers.</b> The optimizer names each proposal itself, as an {@link Individual} whose
 * {@code (generation, index)} is unique within the run; the optimizee's random stream for it derives from
 * the run seed and that pair, so a proposal evaluates the same whenever and wherever it runs. By
 * convention the index is the <em>lane</em> (a random walk particle, a grid point, a sample) and the
 * generation the lane's step (0 for a lane that takes one step only).
 *
 * <p><b>What it needs</b> ({@link #ordering()}): {@link Ordering#ANY} proposals at any time, in any number
 * (random search, grid search); or {@link Ordering#PER_LANE}, at most one proposal per lane in flight, the
 * lane's next proposal depending on its own results only (random walk particles). A per-lane optimizer whose
 * lanes draw from their own random streams gives the same proposals and results whatever the timing and the
 * number of workers; the runner checks that a per-lane optimizer never has two proposals of one lane in flight.
 *
 * <p><b>Lifecycle.</b> {@link #useRunDirectory}, then {@link #start()} (a new run) or {@link #restore} (a
 * resumed one), then any interleaving of {@link #ask} and {@link #tell} until {@link #isFinished()} and every
 * proposal has been told, then {@link #end}. One thread calls every method.
 *
 * <p><b>Checkpoints.</b> The runner stores results in batches; with each batch it stores {@link #saveState()}
 * and the proposals asked but not yet told. A resumed run calls {@link #restore} with that state and gives
 * those proposals to the workers again, without asking: the restored optimizer must treat them as asked.
 *
 * <pre>{@code
 * // random search over [-5, 5]^2, 1000 samples, one lane per sample
 * final class Uniform implements AsyncOptimizer {
 *     private final Rng rng = Rng.seeded(1);
 *     private int asked, told;
 *     public FitnessWeights fitnessWeights() { return FitnessWeights.of(-1); }
 *     public Ordering ordering() { return Ordering.ANY; }
 *     public void start() {}
 *     public List<Individual> ask(int n) {
 *         List<Individual> out = new ArrayList<>();
 *         while (out.size() < n && asked < 1000) {
 *             Parameters p = Parameters.builder().array("x", new double[] {rng.nextDouble(-5, 5), rng.nextDouble(-5, 5)}).build();
 *             out.add(new Individual(0, asked++, p));
 *         }
 *         return out;
 *     }
 *     public void tell(Evaluation e) { told++; }
 *     public boolean isFinished() { return asked == 1000; }
 * }
 * }</pre>
 */
public interface AsyncOptimizer {
    /** What an asynchronous optimizer needs from the runner. */
    enum Ordering {
        /** Any number of proposals at any time; results may be told in any order. */
        ANY,
        /**
         * At most one proposal per lane (index) in flight; a lane's next proposal depends on its own results
         * only, so the run does not depend on timing.
         */
        PER_LANE
    }

    /** The fitness weights: one per fitness component, negative to minimize. */
    FitnessWeights fitnessWeights();

    /** What this optimizer needs: proposals at any time, or per-lane order. */
    Ordering ordering();

    /** Records the optimizer's parameters in the trajectory; called once before {@link #start()} or {@link #restore}. */
    default void describe(Trajectory trajectory) {}

    /**
     * Called once by the runner, before {@link #start()} or {@link #restore}, with the run's directory, for an
     * optimizer that keeps files of its own.
     */
    default void useRunDirectory(Path runDirectory) {}

    /** Begins a new run. */
    void start();

    /**
     * Up to {@code n} new proposals ({@code n >= 1}), each with a {@code (generation, index)} not used before
     * in this run. Fewer, or none, when the optimizer waits for results (a per-lane optimizer whose lanes all
     * have a proposal in flight) or has nothing left to propose.
     */
    List<Individual> ask(int n);

    /**
     * One final result of an earlier proposal: its evaluation, or its failure after every retry (then
     * {@link Evaluation#failed()}, with the worst weighted fitness). Results come in completion order,
     * each proposal's exactly once.
     */
    void tell(Evaluation evaluation);

    /**
     * Whether it will propose nothing more, whatever it is told. The run ends once this is true and every
     * proposal in flight has been told. While it is false and nothing is in flight, {@link #ask} must return
     * at least one proposal.
     */
    boolean isFinished();

    /**
     * The optimizer's complete state (random generators, lanes, which proposals are asked and not yet told),
     * as bytes {@link #restore} reads back. Null (the default) if it does not checkpoint; its runs then cannot
     * be resumed.
     */
    default byte[] saveState() {
        return null;
    }

    /**
     * Continues from {@link #saveState()} of an optimizer built with the same parameters, instead of
     * {@link #start()}. Proposals asked and not told at that moment count as asked: the runner evaluates them
     * again and tells their results.
     *
     * @throws UnsupportedOperationException if this optimizer does not checkpoint
     */
    default void restore(byte[] state) {
        throw new UnsupportedOperationException(getClass().getName() + " does not restore checkpoints");
    }

    /** Called once when the run ends; may record final results in the trajectory. */
    default void end(Trajectory trajectory) {}
}
