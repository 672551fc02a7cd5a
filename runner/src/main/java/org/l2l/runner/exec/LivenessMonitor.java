package org.l2l.runner.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Watches that ready workers are alive. A worker proves it is by any message it sends, or by moving its
 * heartbeat file's modification time forward (see {@code org.l2l.runner.worker.Heartbeat}). The monitor
 * notes, on the driver's own clock, when it last saw either; it never compares file times with its clock.
 *
 * <p>Cost: a sweep at most every heartbeat interval, and at most {@value #MAX_STATS_PER_SECOND} file
 * status calls a second for the whole pool (larger pools are swept less often). A worker that replied within
 * the interval costs nothing.
 *
 * <p>Silence is only counted while the pool watches: after a pause of the sweeps (between generations, while
 * the optimizer computes) it counts from the pause's end.
 *
 * <p>A worker silent for {@code warnAfter} is reported once ({@link Event.Kind#SILENT}); one silent for
 * {@code hangTimeout} is to be killed and restarted ({@link Event.Kind#HUNG}); one heard of again after a
 * warning is reported as {@link Event.Kind#ALIVE_AGAIN}.
 */
final class LivenessMonitor {
    static final int MAX_STATS_PER_SECOND = 20;

    /** Something the pool should log or act on. */
    record Event(Kind kind, int worker, Duration silentFor) {
        enum Kind { SILENT, HUNG, ALIVE_AGAIN }
    }

    private final Duration warnAfter;
    private final Duration hangTimeout;
    private final long sweepNanos;
    private final IntFunction<Path> heartbeatFile;
    private final long[] lastSign;
    private final FileTime[] lastBeat;
    private final boolean[] warned;
    private long lastSweep;
    private boolean swept;

    LivenessMonitor(int workers, Duration interval, Duration warnAfter, Duration hangTimeout, IntFunction<Path> heartbeatFile) {
        this.warnAfter = warnAfter;
        this.hangTimeout = hangTimeout;
        this.heartbeatFile = heartbeatFile;
        this.sweepNanos = Math.max(interval.toNanos(), workers * 1_000_000_000L / MAX_STATS_PER_SECOND);
        this.lastSign = new long[workers];
        this.lastBeat = new FileTime[workers];
        this.warned = new boolean[workers];
    }

    /** Whether the monitor does anything. */
    boolean enabled() {
        return warnAfter != null || hangTimeout != null;
    }

    /** Worker {@code id} was (re)launched or became ready: its silence counts from now. */
    void reset(int id, long now) {
        lastSign[id] = now;
        lastBeat[id] = null;
        warned[id] = false;
    }

    /** Worker {@code id} sent a message at {@code now}. */
    Event heard(int id, long now) {
        long silent = now - lastSign[id];
        lastSign[id] = now;
        if (!warned[id]) return null;
        warned[id] = false;
        return new Event(Event.Kind.ALIVE_AGAIN, id, Duration.ofNanos(silent));
    }

    /**
     * Sweeps the workers {@code ready[i]} (at most once per sweep interval) and returns what to report or do.
     * The heartbeat file is read only for workers not heard of within the sweep interval.
     */
    List<Event> check(boolean[] ready, long now) {
        List<Event> events = new ArrayList<>();
        if (!enabled() || (swept && now - lastSweep < sweepNanos)) return events;
        if (swept && now - lastSweep > 2 * sweepNanos) {
            // the pool was not watching (between generations, while the optimizer computed): silence is
            // counted from now, and heartbeats from the next change on
            for (int id = 0; id < ready.length; id++) {
                lastSign[id] = now;
                lastBeat[id] = null;
            }
        }
        swept = true;
        lastSweep = now;
        for (int id = 0; id < ready.length; id++) {
            if (!ready[id] || now - lastSign[id] < sweepNanos) continue;
            FileTime t = mtime(heartbeatFile.apply(id));
            if (t != null && !t.equals(lastBeat[id])) {
                boolean first = lastBeat[id] == null;
                lastBeat[id] = t;
                if (!first) {
                    long silent = now - lastSign[id];
                    lastSign[id] = now;
                    if (warned[id]) {
                        warned[id] = false;
                        events.add(new Event(Event.Kind.ALIVE_AGAIN, id, Duration.ofNanos(silent)));
                    }
                    continue;
                }
            }
            Duration silent = Duration.ofNanos(now - lastSign[id]);
            if (hangTimeout != null && silent.compareTo(hangTimeout) >= 0) {
                events.add(new Event(Event.Kind.HUNG, id, silent));
            } else if (warnAfter != null && !warned[id] && silent.compareTo(warnAfter) >= 0) {
                warned[id] = true;
                events.add(new Event(Event.Kind.SILENT, id, silent));
            }
        }
        return events;
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null;
        }
    }
}
