package org.l2l.runner.exec;

import java.util.concurrent.locks.LockSupport;

/**
 * Polling without fixed sleeps: for a few milliseconds after activity the waits are tens of
 * microseconds, so a busy loop reacts at once; then they grow by a quarter each up to a ceiling, so an
 * idle loop touches the shared filesystem only a few times a second. Growing by a quarter, not
 * doubling, bounds the delay a message waits to a quarter of the time the loop was idle: a worker idle
 * for 10 ms while the driver stores a generation picks the next one up within about 1 ms, not 5 (from a
 * 20 µs start it takes about 40 polls to reach a 200 ms ceiling).
 */
public final class Backoff {
    /** How long after the last activity polling stays at the minimum wait. */
    public static final long HOT_NANOS = 5_000_000;

    private final long minNanos;
    private final long maxNanos;
    private long current;
    private long lastActivity = System.nanoTime();

    /**
     * A backoff that polls every {@code minNanos} for 5 ms after activity (the next message usually
     * follows within that window), then lengthens the wait by a quarter each time, up to {@code maxNanos}.
     */
    public Backoff(long minNanos, long maxNanos) {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.current = minNanos;
    }

    /** Something happened: poll fast again. */
    public void reset() {
        reset(minNanos);
    }

    /**
     * Something happened: poll every {@code nanos} (at least the minimum) for the hot window, then back
     * off as usual. For a caller that knows how soon the next event can matter.
     */
    public void reset(long nanos) {
        current = Math.max(minNanos, Math.min(maxNanos, nanos));
        lastActivity = System.nanoTime();
    }

    /** Nothing happened: park for the current wait (an unpark ends it early), then lengthen it once the hot window is over. */
    public void idle() {
        idle(Long.MAX_VALUE);
    }

    /** Like {@link #idle()}, but parks at most {@code maxNanos}. */
    public void idle(long maxNanos) {
        LockSupport.parkNanos(Math.min(current, maxNanos));
        if (System.nanoTime() - lastActivity > HOT_NANOS) current = grow(current, maxNanos);
    }

    /** The next wait after {@code current} once the hot window is over: a quarter longer, at most {@code maxNanos}. */
    public static long grow(long current, long maxNanos) {
        return Math.min(maxNanos, current + Math.max(1, current / 4));
    }
}
