package org.l2l.runner.exec;

import java.util.Map;
import java.util.TreeMap;

/**
 * Tells a worker that was killed before its first {@code READY} from a start-up failure that will happen
 * again, so that the first is restarted within the limits and only the second ends the run.
 *
 * <ul>
 *   <li>A death by a signal (exit code 129..192, as {@code 137} for SIGKILL or {@code 143} for SIGTERM; srun
 *       reports a task's signal the same way) is an outside event, the OOM killer, a node failure or a user:
 *       restart.
 *   <li>A death with any exit code once some worker has reported ready proves that the command can start:
 *       restart.
 *   <li>A non-signal exit code while no worker has ever been ready looks deterministic (a bad JVM option, a
 *       missing class, an srun that refuses its options). The worker is held back, not restarted; when every
 *       worker of the pool has failed so, the run ends at once, with the command and the log tail. If another
 *       worker reports ready first, the held ones are restarted.
 * </ul>
 */
final class StartupFailures {
    /** What to do with a worker that exited before it was ready. */
    enum Verdict { RESTART, HOLD }

    /** Held workers: id to exit code. */
    private final Map<Integer, Integer> held = new TreeMap<>();

    /** Whether {@code exitCode} is a death by a signal (128 + signal number), as the JVM and srun report it. */
    static boolean bySignal(int exitCode) {
        return exitCode > 128 && exitCode <= 128 + 64;
    }

    /** Classifies worker {@code id}'s exit before ready; a {@link Verdict#HOLD} is remembered. */
    Verdict classify(int id, int exitCode, boolean anyWorkerReady) {
        if (bySignal(exitCode) || anyWorkerReady) return Verdict.RESTART;
        held.put(id, exitCode);
        return Verdict.HOLD;
    }

    /** Whether all {@code poolSize} workers are held: the failure is deterministic. */
    boolean allHeld(int poolSize) {
        return held.size() >= poolSize;
    }

    /** Whether any worker is held. */
    boolean anyHeld() {
        return !held.isEmpty();
    }

    /** The held workers' exit codes, e.g. {@code "1"} or {@code "1, 2"}: the distinct codes. */
    String exitCodes() {
        return String.join(", ", held.values().stream().distinct().sorted().map(String::valueOf).toList());
    }

    /** Releases the held workers (some worker became ready) and returns their ids, to be restarted. */
    Iterable<Integer> release() {
        var ids = java.util.List.copyOf(held.keySet());
        held.clear();
        return ids;
    }
}
