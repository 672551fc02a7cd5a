package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.MultiTestSphere;
import org.l2l.optimizers.TestSphere;

class MultiGeneticAlgorithmTest {
    private static final TestSphere SPHERE = new TestSphere();
    private static final MultiTestSphere MULTI = new MultiTestSphere(SPHERE);
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);
    private static final Parameters SET = SPHERE.createIndividual(org.l2l.core.Rng.seeded(0));

    private static MultiGeneticAlgorithmParameters.Builder settings() {
        return MultiGeneticAlgorithmParameters.builder().seed(4).popSize(10).nIteration(8).mutProb(0.6).indProb(0.5)
                .tournSize(3).nInnerParams(3);
    }

    /** The inner sets of each generation's multi-individuals, padding dropped. */
    private static List<List<Parameters>> innerSets(List<List<Parameters>> generations, List<Integer> counts) {
        List<List<Parameters>> out = new ArrayList<>();
        for (int g = 0; g < generations.size(); g++) {
            List<Parameters> sets = new ArrayList<>();
            for (Parameters multi : generations.get(g)) sets.addAll(MultiIndividual.unpack(multi, SET));
            out.add(sets.subList(0, counts.get(g)));
        }
        return out;
    }

    @Test
    void builderDefaultsAreThoseOfL2lsGaExampleWithTwoInnerSets() {
        MultiGeneticAlgorithmParameters p = MultiGeneticAlgorithmParameters.builder().build();
        assertEquals(GeneticAlgorithmParameters.builder().build(), p.geneticAlgorithm());
        assertEquals(2, p.nInnerParams());
        assertEquals("nInnerParams must be > 0, but was 0", assertThrows(IllegalArgumentException.class,
                () -> MultiGeneticAlgorithmParameters.builder().nInnerParams(0).build()).getMessage());
        assertEquals("tournSize must be > 0, but was 0", assertThrows(IllegalArgumentException.class,
                () -> MultiGeneticAlgorithmParameters.builder().tournSize(0).build()).getMessage());
    }

    @Test
    void itEvaluatesExactlyTheIndividualsOfTheGeneticAlgorithmWithTheSameSettings() {
        GeneticAlgorithm ga = new GeneticAlgorithm(SPHERE, MINIMIZE, settings().build().geneticAlgorithm());
        List<List<Parameters>> expected = Drive.run(ga, SPHERE, 100);

        MultiGeneticAlgorithm multi = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().build());
        List<Integer> counts = new ArrayList<>();
        List<List<Parameters>> got = new ArrayList<>();
        List<Parameters> next = multi.firstGeneration();
        for (int g = 0; next != null; g++) {
            got.add(next);
            counts.add(multi.pendingInnerSets().size());
            assertEquals((counts.get(g) + 2) / 3, next.size(), "ceil(sets / nInnerParams) multi-individuals");
            Step s = multi.next(Drive.evaluate(g, next, MULTI, multi.fitnessWeights(), p -> false));
            next = s instanceof Step.Next n ? n.individuals() : null;
        }
        assertEquals(expected, innerSets(got, counts));
        assertEquals(ga.hallOfFame(), multi.hallOfFame());
        assertTrue(multi.isFinished());
    }

    @Test
    void aShortLastGroupIsPaddedWithItsLastSet() {
        MultiGeneticAlgorithm multi = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().build());
        List<Parameters> g0 = multi.firstGeneration();
        assertEquals(4, g0.size(), "10 sets in groups of 3");
        assertEquals(FitnessWeights.of(-1).repeat(3), multi.fitnessWeights(), "one set's weights, repeated");
        assertArrayEquals(new double[] {-1, -1, -1}, multi.fitnessWeights().values());
        List<Parameters> last = MultiIndividual.unpack(g0.get(3), SET);
        assertEquals(List.of(multi.pendingInnerSets().get(9), multi.pendingInnerSets().get(9),
                multi.pendingInnerSets().get(9)), last);
    }

    @Test
    void aFailedMultiIndividualFailsEachOfItsSets() {
        MultiGeneticAlgorithm multi = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().build());
        List<Parameters> g0 = multi.firstGeneration();
        List<Parameters> failedSets = MultiIndividual.unpack(g0.get(1), SET);
        GenerationResult r = Drive.evaluate(0, g0, MULTI, multi.fitnessWeights(), p -> p.equals(g0.get(1)));
        multi.next(r);
        assertEquals(7, multi.hallOfFame().size(), "the 3 sets of the failed multi-individual never enter");
        for (HallOfFame.Entry e : multi.hallOfFame()) assertTrue(!failedSets.contains(e.params()), e.toString());
    }

    @Test
    void aMultiIndividualWithTheWrongNumberOfFitnessComponentsIsAnError() {
        MultiGeneticAlgorithm multi = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().build());
        List<Parameters> g0 = multi.firstGeneration();
        List<Evaluation> one = new ArrayList<>();
        for (int i = 0; i < g0.size(); i++) {
            one.add(new Evaluation(new Individual(0, i, g0.get(i)), new double[] {1}, new double[] {-1}, Map.of(), null));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> multi.next(new GenerationResult(0, one)));
        assertEquals("g0/i0 has 1 fitness components, but its 3 inner sets of 1 components need 3", e.getMessage());
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> multi.next(new GenerationResult(0, one.subList(0, 3))));
        assertEquals("generation 0 has 3 evaluations, but 4 multi-individuals were proposed", fewer.getMessage());
    }

    @Test
    void checkpointsAndContinuationAreTheGeneticAlgorithms() {
        MultiGeneticAlgorithm straight = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().nIteration(6).build());
        Drive.run(straight, MULTI, 100);
        MultiGeneticAlgorithm longer = new MultiGeneticAlgorithm(MULTI, MINIMIZE, settings().nIteration(9).build());
        List<Parameters> next = longer.continueFrom(straight.saveState());
        List<List<Parameters>> more = Drive.continueRun(longer, MULTI, 6, next, 100, p -> false);
        assertEquals(3, more.size(), "generations 6, 7 and 8");
        assertEquals(8, longer.generation());

        Trajectory t = new Trajectory("t");
        longer.describe(t);
        longer.end(t);
        assertEquals(3, t.group(MultiGeneticAlgorithm.PARAMETER_GROUP).getLong("nInnerParams"));
        assertEquals(8, t.group(GeneticAlgorithm.RESULT_GROUP).getLong("generation"));
    }
}
