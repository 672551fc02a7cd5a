package org.l2l.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;

/**
 * The contract every optimizer keeps. Each optimizer's test extends this class and says how to build
 * the optimizer; new optimizers join by adding such a subclass.
 */
public abstract class OptimizerContractTest {
    /** A sphere in [-2, 3], narrower than where individuals are created, so bounding is visible. */
    public static final TestSphere OPTIMIZEE = new TestSphere(2, -2, 3);

    /** The optimizer under test, for {@link #OPTIMIZEE}, with this seed (ignored by deterministic optimizers). */
    protected abstract Optimizer create(long seed);

    /** The most generations a run of {@link #create} may have. */
    protected abstract int maxGenerations();

    /** The most individuals one generation may have. */
    protected abstract int maxPopulation();

    /**
     * The optimizee the contract runs against: {@link #OPTIMIZEE} unless an optimizer needs another (the
     * multi-optimizers propose multi-individuals of its sets; the random walk needs scalar parameters with ranges
     * and an {@code inside} answer).
     */
    protected Optimizee optimizee() {
        return OPTIMIZEE;
    }

    /** Whether different seeds must give different proposals (false for deterministic optimizers). */
    protected boolean stochastic() {
        return true;
    }

    private List<List<Parameters>> run(Optimizer o) {
        return Drive.run(o, optimizee(), maxGenerations() + 5);
    }

    @Test
    void theSameSeedGivesTheSameProposals() {
        assertEquals(run(create(7)), run(create(7)));
        if (stochastic()) assertNotEquals(run(create(7)), run(create(8)));
    }

    @Test
    void proposalsRespectTheOptimizeesBoundingFunction() {
        for (List<Parameters> generation : run(create(3))) {
            for (Parameters p : generation) {
                assertEquals(optimizee().bound(p), p, "every proposal is already bounded: " + p);
            }
        }
    }

    @Test
    void populationSizeAndIterationCountAreRespectedAndTheRunEnds() {
        List<List<Parameters>> all = run(create(5));
        assertTrue(all.size() <= maxGenerations(), "at most " + maxGenerations() + " generations, got " + all.size());
        for (List<Parameters> g : all) assertTrue(!g.isEmpty() && g.size() <= maxPopulation(), "generation size " + g.size());
    }

    @Test
    void aSavedStateContinuesExactlyOrTheOptimizerReplays() {
        Optimizer straight = create(11);
        List<List<Parameters>> expected = run(straight);
        Optimizer first = create(11);
        List<List<Parameters>> got = new ArrayList<>(Drive.run(first, optimizee(), Math.max(1, expected.size() / 2)));
        byte[] state = first.saveState();
        if (state == null) {
            // no checkpoints: the runner resumes by replaying, which the same-seed test covers
            assertEquals(expected.subList(0, got.size()), got);
            return;
        }
        Optimizer resumed = create(11);
        List<Parameters> pending = resumed.restoreState(state);
        if (pending != null) {
            got.addAll(Drive.continueRun(resumed, optimizee(), got.size(), pending, Integer.MAX_VALUE, p -> false));
        }
        assertEquals(expected, got);
    }
}
