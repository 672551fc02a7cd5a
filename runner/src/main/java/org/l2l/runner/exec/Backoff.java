package org.l2l.runner.exec;

import java.util.concurrent.locks.LockSupport;

/**
 * Polling without fixed sleeps: the first waits after activity are tens of microseconds, so a busy
 * loop reacts within about a millisecond, and they double up to a ceiling, so an idle loop touches the
 * shared filesystem only a few times a second.
 */
public final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private long current;

    /** A backoff from {@code minNanos} doubling to {@code maxNanos}. */
    public Backoff(long minNanos, long maxNanos) {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.current = minNanos;
    }

    /** Something happened: poll fast again. */
    public void reset() {
        current = minNanos;
    }

    /** Nothing happened: park for the current wait (an unpark ends it early), then lengthen it. */
    public void idle() {
        LockSupport.parkNanos(current);
        current = Math.min(maxNanos, current * 2);
    }

    /** The wait the next {@link #idle()} will use. */
    public long currentNanos() {
        return current;
    }
}
