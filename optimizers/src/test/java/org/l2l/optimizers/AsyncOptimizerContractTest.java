package org.l2l.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

/**
 * The contract every asynchronous optimizer keeps, run by a simulated runner that completes the proposals in
 * flight in a seeded random order with a given number of workers. Each asynchronous optimizer's test extends
 * this class and says how to build it.
 */
public abstract class AsyncOptimizerContractTest {
    /** The optimizer under test, with this seed (ignored by deterministic optimizers). */
    protected abstract AsyncOptimizer create(long seed);

    /** The most proposals a run of {@link #create} may make. */
    protected abstract int maxProposals();

    /** The optimizee the contract runs against. */
    protected Optimizee optimizee() {
        return OptimizerContractTest.OPTIMIZEE;
    }

    /** Whether different seeds must give different proposals. */
    protected boolean stochastic() {
        return true;
    }

    /**
     * Whether the proposals and results must not depend on the order results arrive in nor on the number of
     * workers: always for per-lane optimizers, and for those whose proposals do not depend on results.
     */
    protected boolean orderIndependent() {
        return create(1).ordering() == AsyncOptimizer.Ordering.PER_LANE;
    }

    /**
     * A run's record: every proposal by {@code "g/i"} with its parameters and fitness, in key order, plus the
     * proposals in flight when the run was stopped early (empty for a complete run).
     */
    record Run(Map<String, String> proposals, List<Individual> inFlight) {}

    /**
     * Drives {@code o} (started already, or restored with {@code resubmit} in flight) with {@code workers}
     * simultaneous evaluations, completing a random one of those in flight each time (seeded by {@code order}), until
     * it finishes or {@code stopAfter} results were told.
     */
    Run drive(AsyncOptimizer o, int workers, long order, int stopAfter, List<Individual> resubmit, Map<String, String> into) {
        Rng r = Rng.seeded(order);
        List<Individual> inFlight = new ArrayList<>(resubmit);
        Set<String> ids = new HashSet<>(into.keySet());
        for (Individual i : resubmit) ids.remove(i.label());
        int told = 0;
        while (true) {
            if (!o.isFinished() && inFlight.size() < workers) {
                List<Individual> asked = o.ask(workers - inFlight.size());
                assertTrue(asked.size() <= workers - inFlight.size(), "ask(n) returns at most n proposals");
                for (Individual i : asked) {
                    assertTrue(ids.add(i.label()), "each (generation, index) once per run: " + i.label());
                    assertEquals(optimizee().bound(i.params()), i.params(), "proposals are bounded: " + i);
                    if (o.ordering() == AsyncOptimizer.Ordering.PER_LANE) {
                        for (Individual j : inFlight) {
                            assertNotEquals(j.index(), i.index(), "a per-lane optimizer has one proposal per lane in flight");
                        }
                    }
                    inFlight.add(i);
                }
                if (inFlight.isEmpty()) fail("not finished and nothing in flight, but ask returned nothing");
            }
            if (inFlight.isEmpty()) {
                assertTrue(o.isFinished());
                return new Run(new TreeMap<>(into), List.of());
            }
            if (told == stopAfter) return new Run(new TreeMap<>(into), List.copyOf(inFlight));
            Individual done = inFlight.remove(r.nextInt(inFlight.size()));
            Evaluation e;
            try {
                e = Evaluation.success(done, optimizee().simulate(done, new SimulationContext(done.generation(), done.index(), 0,
                        SimulationContext.randomFor(1, done.generation(), done.index()), -1)), o.fitnessWeights());
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            into.put(done.label(), done.params() + " -> " + java.util.Arrays.toString(e.fitness()));
            o.tell(e);
            told++;
            assertTrue(into.size() <= maxProposals(), "at most " + maxProposals() + " proposals");
        }
    }

    Map<String, String> run(long seed, int workers, long order) {
        AsyncOptimizer o = create(seed);
        o.start();
        return drive(o, workers, order, -1, List.of(), new TreeMap<>()).proposals();
    }

    @Test
    void everyProposalHasItsOwnIdentifierIsBoundedAndTheRunEnds() {
        Map<String, String> all = run(5, 4, 1);
        assertFalse(all.isEmpty());
        AsyncOptimizer o = create(5);
        o.start();
        drive(o, 3, 2, -1, List.of(), new TreeMap<>());
        assertTrue(o.isFinished());
        assertTrue(o.ask(3).isEmpty(), "a finished optimizer proposes nothing");
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertEquals(run(7, 3, 1), run(7, 3, 1));
        if (stochastic()) assertNotEquals(run(7, 3, 1), run(8, 3, 1));
    }

    @Test
    void theRunDoesNotDependOnTimingNorOnTheNumberOfWorkers() {
        if (!orderIndependent()) return;
        Map<String, String> one = run(9, 1, 1);
        assertEquals(one, run(9, 2, 2), "2 workers, another completion order");
        assertEquals(one, run(9, 7, 3), "7 workers, another completion order");
    }

    @Test
    void aSavedStateWithItsProposalsInFlightContinuesExactly() {
        Map<String, String> expected = run(11, 3, 4);
        AsyncOptimizer first = create(11);
        first.start();
        Map<String, String> got = new TreeMap<>();
        Run part = drive(first, 3, 4, Math.max(1, expected.size() / 2), List.of(), got);
        byte[] state = first.saveState();
        assertNotNull(state, "the built-in asynchronous optimizers checkpoint");
        AsyncOptimizer resumed = create(11);
        resumed.restore(state);
        Run rest = drive(resumed, 3, 5, -1, part.inFlight(), got);
        assertTrue(rest.inFlight().isEmpty());
        if (orderIndependent()) assertEquals(expected, rest.proposals(), "the resumed run reaches exactly the same proposals");
        else assertEquals(expected.size(), rest.proposals().size());
    }
}
