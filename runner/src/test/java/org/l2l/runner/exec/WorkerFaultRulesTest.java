package org.l2l.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules behind the pool's fault handling: start-up failures, liveness, and the end of an allocation. */
class WorkerFaultRulesTest {
    @TempDir
    Path dir;

    @Test
    void aDeathBySignalOrAfterAnotherWorkerStartedIsRestartedAndOnlyAFailureEveryWorkerSharesIsHeld() {
        StartupFailures s = new StartupFailures();
        assertEquals(StartupFailures.Verdict.RESTART, s.classify(0, 137, false));
        assertEquals(StartupFailures.Verdict.RESTART, s.classify(0, 143, false));
        assertEquals(StartupFailures.Verdict.RESTART, s.classify(0, 1, true));
        assertFalse(s.anyHeld());
        assertEquals(StartupFailures.Verdict.HOLD, s.classify(0, 1, false));
        assertFalse(s.allHeld(2));
        assertEquals(StartupFailures.Verdict.HOLD, s.classify(1, 1, false));
        assertTrue(s.allHeld(2));
        assertEquals("1", s.exitCodes());
        assertEquals(List.of(0, 1), s.release());
        assertFalse(s.anyHeld());
        assertFalse(StartupFailures.bySignal(1));
        assertFalse(StartupFailures.bySignal(128));
        assertTrue(StartupFailures.bySignal(137));
    }

    @Test
    void aWorkerIsSilentOnlyWhenNeitherMessagesNorItsHeartbeatMove() throws Exception {
        Path beat = dir.resolve("w0.alive");
        Files.writeString(beat, "1 n1");
        long s = 1_000_000_000L;
        LivenessMonitor m = new LivenessMonitor(1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6), i -> beat);
        boolean[] ready = {true};
        m.reset(0, 0);
        assertTrue(m.check(ready, 1 * s).isEmpty(), "first sight of the heartbeat");
        assertTrue(m.check(ready, 2 * s).isEmpty());
        Files.setLastModifiedTime(beat, FileTime.fromMillis(5_000));
        assertTrue(m.check(ready, 3 * s).isEmpty(), "the heartbeat moved: alive");
        assertTrue(m.check(ready, 4 * s).isEmpty());
        assertTrue(m.check(ready, 5 * s).isEmpty());
        List<LivenessMonitor.Event> e = m.check(ready, 6 * s);
        assertEquals(1, e.size());
        assertEquals(LivenessMonitor.Event.Kind.SILENT, e.get(0).kind());
        assertEquals(Duration.ofSeconds(3), e.get(0).silentFor());
        assertTrue(m.check(ready, 7 * s).isEmpty(), "warned once");
        assertEquals(LivenessMonitor.Event.Kind.ALIVE_AGAIN, m.heard(0, 7 * s + 5).kind());
        assertNull(m.heard(0, 7 * s + 6));
        List<LivenessMonitor.Event> between = new java.util.ArrayList<>();
        for (int t = 8; t < 13; t++) between.addAll(m.check(ready, t * s));
        assertEquals(List.of(LivenessMonitor.Event.Kind.SILENT), between.stream().map(LivenessMonitor.Event::kind).toList(),
                "silent again: warned again");
        e = m.check(ready, 13 * s + 6);
        assertEquals(LivenessMonitor.Event.Kind.HUNG, e.get(0).kind());
        assertTrue(m.check(new boolean[] {false}, 14 * s + 6).isEmpty(), "only ready workers are watched");
    }

    @Test
    void silenceIsNotCountedWhileThePoolDoesNotWatch() throws Exception {
        Path beat = dir.resolve("w0.alive");
        Files.writeString(beat, "1 n1");
        long s = 1_000_000_000L;
        LivenessMonitor m = new LivenessMonitor(1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6), i -> beat);
        boolean[] ready = {true};
        m.reset(0, 0);
        assertTrue(m.check(ready, 1 * s).isEmpty());
        // the optimizer computes for 100 s between two generations; the worker beat all along
        Files.setLastModifiedTime(beat, FileTime.fromMillis(100_000));
        assertTrue(m.check(ready, 101 * s).isEmpty(), "not silent for 100 s: nobody was watching");
        assertTrue(m.check(ready, 102 * s).isEmpty());
        assertEquals(LivenessMonitor.Event.Kind.SILENT, m.check(ready, 104 * s).get(0).kind(), "silent since the pause ended");
    }

    @Test
    void aLargePoolIsSweptAtABoundedRate() throws Exception {
        Path beat = dir.resolve("w.alive");
        Files.writeString(beat, "1 n1");
        int[] stats = {0};
        LivenessMonitor m = new LivenessMonitor(1000, Duration.ofSeconds(1), Duration.ofSeconds(60), null, i -> {
            stats[0]++;
            return beat;
        });
        boolean[] ready = new boolean[1000];
        java.util.Arrays.fill(ready, true);
        long s = 1_000_000_000L;
        for (long t = 0; t <= 600 * s; t += s / 10) m.check(ready, 100 * s + t);
        // 1000 workers / 20 per second = one sweep every 50 s: 13 sweeps in 600 s
        assertTrue(stats[0] <= 13 * 1000, "file status calls: " + stats[0]);
        assertTrue(stats[0] / 600.0 <= LivenessMonitor.MAX_STATS_PER_SECOND * 1.1, "per second: " + stats[0] / 600.0);
    }

    @Test
    void anEndedAllocationIsToldFromAWorkerDeathBySqueueOrByTheWorkerLog() throws Exception {
        Path log = dir.resolve("worker-3.log");
        Files.writeString(log, "old incarnation: srun: error: job 7 has expired\n");
        List<String> srun = List.of("srun", "-n", "1");
        Map<String, String> inJob = Map.of("SLURM_JOB_ID", "42");
        AllocationCheck running = new AllocationCheck(srun, inJob, id -> "RUNNING");
        running.launched(3, log);
        Files.writeString(log, "srun: error: *** STEP 42.3 ON n2 CANCELLED AT 2026-12-02T12:00:00 ***\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertNull(running.ended(3, log, 137), "a step cancelled while the job runs is a worker death");

        AllocationCheck gone = new AllocationCheck(srun, inJob, id -> "");
        gone.launched(3, log);
        Files.writeString(log, "srun: error: Unable to create step for job 42: Job/step already completing or completed\n",
                java.nio.file.StandardOpenOption.APPEND);
        String why = gone.ended(3, log, 1);
        assertTrue(why.contains("job 42") && why.contains("no longer exists"), why);
        assertTrue(why.contains("already completing or completed") && !why.contains("job 7"), "quotes this launch's cause: " + why);

        AllocationCheck noSqueue = new AllocationCheck(srun, inJob, id -> null);
        noSqueue.launched(3, log);
        assertNull(noSqueue.ended(3, log, 137), "nothing in the log since launch: a worker death");
        Files.writeString(log, "slurmstepd: error: *** JOB 42 ON n1 CANCELLED AT 2026-12-02T12:00:01 DUE TO TIME LIMIT ***\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertTrue(noSqueue.ended(3, log, 143).contains("DUE TO TIME LIMIT"));

        assertNull(new AllocationCheck(srun, Map.of(), id -> "").ended(3, log, 1), "outside an allocation");
        assertNull(new AllocationCheck(List.of(), inJob, id -> "").ended(3, log, 1), "local workers");
    }
}
