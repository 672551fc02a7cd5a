package org.l2l.runner.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1.0);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private static Evaluation ok(int generation, int index, double fitness) {
        Individual ind = new Individual(generation, index, Parameters.builder().scalar("x", fitness).build());
        return Evaluation.success(ind, SimulationResult.of(fitness), MINIMIZE);
    }

    private static Evaluation failed(int generation, int index) {
        return Evaluation.failed(new Individual(generation, index, Parameters.builder().scalar("x", 0).build()), MINIMIZE, "boom");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusCountsDoneFailedRunningAndEstimatesTheRestFromTheElapsedTime() {
        ConsoleProgress p = new ConsoleProgress(out, false, Duration.ofSeconds(5), Integer.MAX_VALUE, clock::get);
        p.generationStarted(0, 10, 3);
        assertTrue(p.status(clock.get()).contains("0/10 done, 0 failed, 3 running, eta ?, best none"), p.status(clock.get()));
        clock.addAndGet(4_000_000_000L);
        p.evaluationFinished(0, ok(0, 0, 2.5));
        p.evaluationFinished(0, ok(0, 1, 0.5));
        p.evaluationRetried(0, 2, "boom");
        p.evaluationFinished(0, failed(0, 2));
        p.evaluationFinished(0, ok(0, 3, 1.5));
        // 4 of 10 in 4 s: 6 more take 6 s; minimizing, 0.5 is the best
        String s = p.status(clock.get());
        assertEquals("generation 0: 4/10 done, 1 failed, 3 running, 1 retried, eta 6s, best 0.500000, elapsed 4s", s);
        p.workerRestarted(1, "died with exit code 137");
        clock.addAndGet(5_000_000_000L);
        p.evaluationFinished(0, ok(0, 4, 9));
        for (int i = 5; i < 10; i++) p.evaluationFinished(0, ok(0, i, 9));
        assertTrue(p.status(clock.get()).contains("10/10 done, 1 failed, 0 running, 1 retried, 1 restart, eta 0s"),
                p.status(clock.get()));
        p.generationFinished(new GenerationResult(0, List.of(ok(0, 0, 0.5))), Optional.of(ok(0, 0, 0.5)), Duration.ofSeconds(9));
        p.generationStarted(1, 10, 3);
        clock.addAndGet(2_000_000_000L);
        // before the first result, the previous generation's 9 s stand in
        assertTrue(p.status(clock.get()).startsWith("generation 1: 0/10 done, 0 failed, 3 running, 1 restart, eta 7s, best 0.500000"),
                p.status(clock.get()));
        p.close();
    }

    @Test
    void multiObjectiveBestShowsEveryComponent() {
        ConsoleProgress p = new ConsoleProgress(out, false, Duration.ofSeconds(5), Integer.MAX_VALUE, clock::get);
        FitnessWeights two = FitnessWeights.of(1.0, 1.0);
        Individual ind = new Individual(0, 0, Parameters.builder().scalar("x", 1).build());
        p.generationStarted(0, 2, 1);
        p.evaluationFinished(0, Evaluation.success(ind, SimulationResult.of(1.0, 0.25), two));
        assertTrue(p.status(clock.get()).contains("best [1.00000, 0.250000]"), p.status(clock.get()));
        p.close();
    }

    @Test
    void plainLinesCarryTheTimeOfDayAndNoControlCharacter() {
        ConsoleProgress p = new ConsoleProgress(out, false, Duration.ofSeconds(5), Integer.MAX_VALUE, clock::get);
        p.generationStarted(3, 4, 2);
        p.tick();
        p.evaluationFinished(3, ok(3, 0, 1));
        p.tick();
        p.generationFinished(new GenerationResult(3, List.of(ok(3, 0, 1))), Optional.empty(), Duration.ofSeconds(1));
        p.tick(); // between generations: nothing
        p.close();
        List<String> lines = text().lines().toList();
        assertEquals(2, lines.size(), text());
        for (String l : lines) assertTrue(l.matches("\\d\\d:\\d\\d:\\d\\d progress: generation 3: [0-9]/4 done.*"), l);
        assertTrue(text().chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control character: " + text());
    }

    @Test
    void terminalRedrawsOneLineInPlaceAndErasesItForLogLinesAndAtTheEnd() {
        ConsoleProgress p = new ConsoleProgress(out, true, Duration.ofSeconds(5), 40, clock::get);
        p.generationStarted(0, 100, 2);
        p.tick();
        p.evaluationFinished(0, ok(0, 0, 1));
        p.tick();
        assertEquals("\rgeneration 0: 0/100 done, 0 failed, 2 r\u001b[K\rgeneration 0: 1/100 done, 0 failed, 2 r\u001b[K",
                text(), "each redraw returns to the line's start, cut to the terminal's width less one");
        bytes.reset();
        PrintStream log = p.interleaved(out);
        log.println("a log line");
        log.println("another");
        assertEquals("\r\u001b[Ka log line" + System.lineSeparator() + "another" + System.lineSeparator(), text(),
                "the line is erased once before log output");
        p.tick();
        bytes.reset();
        p.runEnded("completed");
        assertEquals("\r\u001b[K", text(), "the line is erased when the run ends");
        p.tick();
        assertEquals("\r\u001b[K", text(), "and not drawn again");
    }

    @Test
    void plainConsoleWritesALineEveryIntervalUntilClosed() throws Exception {
        ConsoleProgress p = ConsoleProgress.plain(out, Duration.ofMillis(100));
        assertFalse(p.isTerminal());
        p.generationStarted(0, 5, 1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (text().lines().count() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
        p.runEnded("completed");
        long n = text().lines().count();
        assertTrue(n >= 3, text());
        Thread.sleep(300);
        assertEquals(n, text().lines().count(), "no line after the run ended");
        deadline = System.nanoTime() + 5_000_000_000L;
        while (tickerAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertFalse(tickerAlive(), "the ticker thread is gone");
    }

    private static boolean tickerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("l2l-progress") && t.isAlive());
    }

    @Test
    void aListenerThatThrowsIsDroppedAndTheOthersGoOn() {
        List<String> errors = new java.util.ArrayList<>();
        ProgressBroadcast b = new ProgressBroadcast((l, e) -> errors.add(e.getMessage()));
        int[] calls = new int[1];
        b.add(new ProgressListener() {
            @Override
            public void generationStarted(int generation, int individuals, int workers) {
                throw new IllegalStateException("listener bug");
            }
        });
        b.add(new ProgressListener() {
            @Override
            public void generationStarted(int generation, int individuals, int workers) {
                calls[0]++;
            }
        });
        b.generationStarted(0, 1, 1);
        b.generationStarted(1, 1, 1);
        assertEquals(List.of("listener bug"), errors);
        assertEquals(2, calls[0]);
    }

    @Test
    void refusesANonPositiveInterval() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConsoleProgress.plain(out, Duration.ZERO));
        assertTrue(e.getMessage().contains("interval"), e.getMessage());
    }
}
