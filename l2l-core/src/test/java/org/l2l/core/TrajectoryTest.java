package org.l2l.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoryTest {
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);

    /** Evaluates {@code inds} with fitness = x. */
    private static GenerationResult evaluate(int g, List<Individual> inds) {
        List<Evaluation> evs = new ArrayList<>();
        for (Individual i : inds) evs.add(Evaluation.success(i, SimulationResult.of(i.params().scalar("x")), MINIMIZE));
        return new GenerationResult(g, evs);
    }

    private static List<Parameters> xs(double... values) {
        List<Parameters> out = new ArrayList<>();
        for (double v : values) out.add(Parameters.builder().scalar("x", v).build());
        return out;
    }

    @Test
    void keepsOnlyTheNewestGenerationAndTheBestOfAll() {
        Trajectory t = new Trajectory("t");
        double[][] gens = {{3, 2, 5}, {0.5, 4, 9}, {7, 8, 6}};
        for (int g = 0; g < gens.length; g++) {
            List<Individual> inds = t.expand(xs(gens[g]));
            assertEquals(g, inds.get(0).generation());
            assertSame(inds, t.individuals(g));
            GenerationResult r = evaluate(g, inds);
            t.addResults(r);
            assertSame(r, t.results(g));
            assertSame(r, t.latestResults().orElseThrow());
        }
        assertEquals(3, t.generationCount());
        assertEquals(3, t.completedGenerations());
        assertEquals(0.5, t.best().orElseThrow().fitness()[0], "the best over every generation, not only the kept one");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.results(0));
        assertTrue(e.getMessage().contains("run directory"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.individuals(1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.results(3));
    }

    @Test
    void generationsComeInOrderWithTheirOwnResults() {
        Trajectory t = new Trajectory("t");
        List<Individual> g0 = t.expand(xs(1, 2));
        assertThrows(IllegalStateException.class, () -> t.expand(xs(1, 2)), "generation 0 has no results yet");
        assertThrows(IndexOutOfBoundsException.class, () -> t.results(0), "not evaluated yet");
        assertThrows(IllegalArgumentException.class, () -> t.addResults(evaluate(0, g0.subList(0, 1))));
        t.addResults(evaluate(0, g0));
        assertThrows(IllegalStateException.class, () -> t.addResults(evaluate(0, g0)), "results of a closed generation");
    }

    @Test
    void aResumedTrajectoryHasNoEarlierGenerationInMemory() {
        Trajectory t = new Trajectory("t");
        Individual earlierBest = new Individual(3, 0, xs(0.25).get(0));
        t.resumeAt(5, Evaluation.success(earlierBest, SimulationResult.of(0.25), MINIMIZE));
        assertEquals(5, t.generationCount());
        assertThrows(IndexOutOfBoundsException.class, () -> t.results(4));
        assertThrows(IndexOutOfBoundsException.class, () -> t.individuals(4));
        List<Individual> g5 = t.expand(xs(1, 0.1));
        assertEquals(5, g5.get(0).generation());
        t.addResults(evaluate(5, g5));
        assertEquals(6, t.completedGenerations());
        assertEquals(0.1, t.best().orElseThrow().fitness()[0]);
    }

    @Test
    void completedGenerationsLeaveOutOnlyTheGenerationAwaitingItsResults() {
        Trajectory t = new Trajectory("t");
        assertEquals(0, t.completedGenerations());
        List<Individual> g0 = t.expand(xs(1));
        assertEquals(0, t.completedGenerations());
        t.addResults(evaluate(0, g0));
        assertEquals(1, t.completedGenerations());
        List<Individual> g1 = t.expand(xs(2));
        assertEquals(1, t.completedGenerations(), "the results of generation 0 are not generation 1's");
        assertThrows(IllegalStateException.class, () -> t.addResults(evaluate(0, g0)));
        t.addResults(evaluate(1, g1));
        assertEquals(2, t.completedGenerations());

        Trajectory resumed = new Trajectory("r");
        resumed.resumeAt(4, null);
        assertEquals(4, resumed.completedGenerations(), "the stored generations are complete");
        assertThrows(IllegalStateException.class, () -> resumed.addResults(evaluate(3, List.of())),
                "no generation awaits results");
        resumed.expand(xs(3));
        assertEquals(4, resumed.completedGenerations());
        assertThrows(IllegalStateException.class, () -> resumed.expand(xs(3)));
    }

    @Test
    void aMultiIndividualRanksByItsBestInnerSetNotItsFirst() {
        FitnessWeights multi = MINIMIZE.repeat(2);
        Trajectory t = new Trajectory("t");
        t.rankBy(multi);
        List<Individual> inds = t.expand(xs(0, 1));
        // individual 0 holds inner sets of fitness 5 and 0.1; individual 1 holds 1 and 1: 0 holds the best set
        List<Evaluation> evs = List.of(Evaluation.success(inds.get(0), SimulationResult.of(5, 0.1), multi),
                Evaluation.success(inds.get(1), SimulationResult.of(1, 1), multi));
        t.addResults(new GenerationResult(0, evs));
        assertEquals(0, t.best().orElseThrow().individual().index());
        assertTrue(FitnessWeights.WEIGHTED_ORDER.compare(evs.get(0).weightedFitness(), evs.get(1).weightedFitness()) < 0,
                "the first-component order alone would pick individual 1");
        assertEquals(1, multi.blockSize());
        assertSame(FitnessWeights.WEIGHTED_ORDER, MINIMIZE.order());
    }
}
