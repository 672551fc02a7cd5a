package org.l2l.runner.progress;

import java.time.Duration;
import java.util.Optional;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;

/**
 * Receives a run's progress as it happens. Every method has an empty default, so a listener overrides
 * only what it needs. The events of one run come from the driver's thread, one at a time, in order:
 * {@code generationStarted}, then {@code evaluationFinished} for each individual (in the order the results
 * come back) with {@code evaluationRetried} and {@code workerRestarted} in between, then
 * {@code generationFinished}; {@code runEnded} last. A listener that throws is reported in the log and
 * dropped; it never ends the run. Keep the methods short: they run on the thread that supervises the
 * workers.
 *
 * <pre>{@code
 * experiment.addProgressListener(new ProgressListener() {
 *     public void generationFinished(GenerationResult r, Optional<Evaluation> best, Duration took) {
 *         System.out.println("generation " + r.generation() + " took " + took);
 *     }
 * });
 * }</pre>
 */
public interface ProgressListener {
    /** A listener that ignores every event. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * A generation's individuals are being handed to the workers.
     *
     * @param generation the generation's index
     * @param individuals how many individuals it has
     * @param workers how many workers (or threads) evaluate them
     */
    default void generationStarted(int generation, int individuals, int workers) {}

    /**
     * An individual has its final evaluation: a success, or a failure after all retries
     * ({@link Evaluation#failed()}).
     *
     * @param generation the generation's index
     * @param evaluation the evaluation; its individual's {@code index()} says which one
     */
    default void evaluationFinished(int generation, Evaluation evaluation) {}

    /**
     * An attempt at an individual failed and the individual will be tried again.
     *
     * @param generation the generation's index
     * @param index the individual's index
     * @param failure the failure's first line
     */
    default void evaluationRetried(int generation, int index, String failure) {}

    /**
     * A worker died or was killed and is being started again.
     *
     * @param worker the worker's id
     * @param reason why, for example {@code died with exit code 137}
     */
    default void workerRestarted(int worker, String reason) {}

    /**
     * A generation is complete and stored.
     *
     * @param result the generation's evaluations
     * @param bestSoFar the best evaluation of the whole run so far
     * @param took the generation's wall-clock time
     */
    default void generationFinished(GenerationResult result, Optional<Evaluation> bestSoFar, Duration took) {}

    /**
     * The run stopped: the optimizer finished, or the run failed or was interrupted.
     *
     * @param status {@code completed}, {@code failed} or {@code interrupted}
     */
    default void runEnded(String status) {}
}
