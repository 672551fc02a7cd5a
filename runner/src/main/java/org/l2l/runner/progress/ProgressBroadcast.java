package org.l2l.runner.progress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;

/**
 * Passes each event on to several listeners. A listener that throws is dropped and reported once to
 * {@code onError}, so that a faulty listener never ends a run. Used by the runner; a driver program adds
 * its listeners to the experiment instead.
 */
public final class ProgressBroadcast implements ProgressListener {
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    private final BiConsumer<ProgressListener, RuntimeException> onError;

    /**
     * A broadcast to no listener yet.
     *
     * @param onError told about a listener that threw, once, before the listener is dropped
     */
    public ProgressBroadcast(BiConsumer<ProgressListener, RuntimeException> onError) {
        this.onError = onError;
    }

    /** Adds a listener; it receives the events from now on. */
    public void add(ProgressListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Whether no listener was added. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    private void each(Consumer<ProgressListener> event) {
        for (ProgressListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                listeners.remove(l);
                onError.accept(l, e);
            }
        }
    }

    @Override
    public void generationStarted(int generation, int individuals, int workers) {
        each(l -> l.generationStarted(generation, individuals, workers));
    }

    @Override
    public void evaluationFinished(int generation, Evaluation evaluation) {
        each(l -> l.evaluationFinished(generation, evaluation));
    }

    @Override
    public void evaluationRetried(int generation, int index, String failure) {
        each(l -> l.evaluationRetried(generation, index, failure));
    }

    @Override
    public void workerRestarted(int worker, String reason) {
        each(l -> l.workerRestarted(worker, reason));
    }

    @Override
    public void generationFinished(GenerationResult result, Optional<Evaluation> bestSoFar, Duration took) {
        each(l -> l.generationFinished(result, bestSoFar, took));
    }

    @Override
    public void runEnded(String status) {
        each(l -> l.runEnded(status));
    }
}
