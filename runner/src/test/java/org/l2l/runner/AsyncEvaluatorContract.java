package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * The contract of {@link AsyncEvaluator}, run against each implementation: outcomes of several generations
 * interleave, each individual's outcome comes exactly once, failures are retried per individual, and the
 * generational {@code evaluate} works after asynchronous use.
 */
abstract class AsyncEvaluatorContract {
    /** Fitness {@code x}; fails attempt 0 when {@code x} is negative, every attempt when {@code x} is below -100. */
    record Flaky(long millis) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", r.nextDouble()).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) throws InterruptedException {
            Thread.sleep(millis);
            double x = ind.params().scalar("x");
            if (x < -100 || (x < 0 && ctx.attempt() == 0)) throw new IllegalStateException("flaky at x=" + x);
            return new SimulationResult(new double[] {x}, Map.of("attempt", (long) ctx.attempt()));
        }
    }

    /** An evaluator of {@link Flaky} with {@code millis} per individual and the given policy. */
    abstract AsyncEvaluator create(Flaky optimizee, RunnerOptions options) throws Exception;

    static Individual ind(int g, int i, double x) {
        return new Individual(g, i, Parameters.builder().scalar("x", x).build());
    }

    static RunnerOptions.Builder options() {
        return RunnerOptions.builder().maxWorkers(2).maxRetries(1).workerStartTimeout(Duration.ofSeconds(60));
    }

    static List<Evaluation> drain(AsyncEvaluator ev, int count) {
        List<Evaluation> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (all.size() < count && System.nanoTime() < deadline) all.addAll(ev.poll(Duration.ofMillis(200)));
        return all;
    }

    @Test
    void evaluatesSubmissionsOfSeveralGenerationsAsTheyArriveAndRetriesPerIndividual() throws Exception {
        try (AsyncEvaluator ev = create(new Flaky(20), options().build())) {
            FitnessWeights w = FitnessWeights.of(-1);
            assertTrue(ev.freeSlots() >= 2, "every worker can take work: " + ev.freeSlots());
            assertEquals(List.of(), ev.poll(Duration.ZERO), "nothing submitted, nothing returned");
            ev.submit(List.of(ind(0, 0, 1), ind(0, 1, -2), ind(0, 2, 3)), w);
            assertEquals(3, ev.inFlight());
            ev.submit(List.of(ind(1, 0, 4), ind(1, 1, 5)), w);
            assertEquals(5, ev.inFlight());
            assertThrows(IllegalArgumentException.class, () -> ev.submit(List.of(ind(1, 1, 6)), w),
                    "an individual in flight cannot be submitted again");
            List<Evaluation> all = drain(ev, 5);
            assertEquals(5, all.size(), "one outcome per individual: " + all);
            assertEquals(0, ev.inFlight());
            Set<String> labels = new HashSet<>();
            for (Evaluation e : all) {
                labels.add(e.individual().label());
                assertArrayEquals(new double[] {e.individual().params().scalar("x")}, e.fitness());
            }
            assertEquals(Set.of("g0/i0", "g0/i1", "g0/i2", "g1/i0", "g1/i1"), labels);
            Evaluation retried = all.stream().filter(e -> e.individual().label().equals("g0/i1")).findFirst().orElseThrow();
            assertEquals(1L, retried.extra().get("attempt"), "the flaky individual succeeded on its retry");
            assertEquals(List.of(), ev.poll(Duration.ofMillis(50)), "no outcome twice");
            assertTrue(ev.freeSlots() >= 2);

            GenerationResult g2 = ev.evaluate(2, List.of(ind(2, 0, 7), ind(2, 1, 8)), w);
            assertEquals(2, g2.size());
            assertArrayEquals(new double[] {8}, g2.evaluations().get(1).fitness());
        }
    }

    @Test
    void anIndividualFailingEveryAttemptIsFinalAsFailedWithoutStopRun() throws Exception {
        try (AsyncEvaluator ev = create(new Flaky(1), options().stopRun(false).build())) {
            ev.submit(List.of(ind(0, 0, -200), ind(0, 1, 2)), FitnessWeights.of(-1));
            List<Evaluation> all = drain(ev, 2);
            assertEquals(2, all.size(), all.toString());
            Evaluation bad = all.stream().filter(e -> e.individual().index() == 0).findFirst().orElseThrow();
            assertTrue(bad.failed(), bad.toString());
            assertTrue(bad.failure().contains("flaky at x=-200"), bad.failure());
        }
    }

    @Test
    void anIndividualFailingEveryAttemptStopsTheRunWithStopRun() throws Exception {
        try (AsyncEvaluator ev = create(new Flaky(1), options().build())) {
            ev.submit(List.of(ind(3, 5, -200)), FitnessWeights.of(-1));
            RunFailedException e = assertThrows(RunFailedException.class, () -> drain(ev, 1));
            assertTrue(e.getMessage().contains("generation 3, individual 5"), e.getMessage());
            assertTrue(e.getMessage().contains("failed 2 times (maxRetries 1)"), e.getMessage());
        }
    }
}
