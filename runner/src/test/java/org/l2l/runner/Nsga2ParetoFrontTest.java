package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.Step;
import org.l2l.optimizees.MultiObjectiveOptimizee;
import org.l2l.optimizers.evolution.HallOfFame;
import org.l2l.optimizers.evolution.Nsga2;
import org.l2l.optimizers.evolution.Nsga2Parameters;

/**
 * NSGA-II approaches the known Pareto fronts of the multi-objective test problems: with the same budget, its final
 * front is closer to the true front (generational distance) and covers more of it (hypervolume) than the
 * non-dominated set of uniform random samples. Fixed seeds; the comparisons leave wide margins.
 */
class Nsga2ParetoFrontTest {
    private static final FitnessWeights MINIMIZE_BOTH = FitnessWeights.of(-1, -1);

    private static double[] objectives(MultiObjectiveOptimizee o, Parameters p) {
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(0), -1)).fitness();
    }

    /** The non-dominated subset of {@code points} (both objectives minimized). */
    private static double[][] nonDominated(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : points) {
            boolean dominated = false;
            for (double[] q : points) {
                dominated |= q[0] <= p[0] && q[1] <= p[1] && (q[0] < p[0] || q[1] < p[1]);
            }
            if (!dominated) out.add(p);
        }
        return out.toArray(double[][]::new);
    }

    /** The area dominated by {@code points} and bounded by {@code reference} (both objectives minimized). */
    static double hypervolume(double[][] points, double[] reference) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[0]));
        double volume = 0;
        double ceiling = reference[1];
        for (double[] p : sorted) {
            if (p[0] >= reference[0] || p[1] >= ceiling) continue;
            volume += (reference[0] - p[0]) * (ceiling - p[1]);
            ceiling = p[1];
        }
        return volume;
    }

    private static double[][] nsga2Front(MultiObjectiveOptimizee o, long seed, int popSize, int generations) {
        Nsga2 nsga = new Nsga2(o, MINIMIZE_BOTH, Nsga2Parameters.builder().seed(seed).popSize(popSize)
                .nIteration(generations).build());
        List<Parameters> next = nsga.firstGeneration();
        for (int g = 0; next != null; g++) {
            List<Evaluation> evs = new ArrayList<>();
            for (int i = 0; i < next.size(); i++) {
                Individual ind = new Individual(g, i, next.get(i));
                evs.add(Evaluation.success(ind, o.simulate(ind, null), MINIMIZE_BOTH));
            }
            Step step = nsga.next(new GenerationResult(g, evs));
            next = step instanceof Step.Next n ? n.individuals() : null;
        }
        return nsga.paretoFront().stream().map(HallOfFame.Entry::fitness).toArray(double[][]::new);
    }

    private static double[][] randomFront(MultiObjectiveOptimizee o, long seed, int budget) {
        Rng rng = Rng.derive(seed, "random sampling");
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < budget; i++) all.add(objectives(o, o.bound(o.createIndividual(rng))));
        return nonDominated(all);
    }

    @ParameterizedTest(name = "{0} ({1} variables)")
    @CsvSource({
        "ZDT1,           30, 40, 50, 11, 11",
        "ZDT2,           10, 40, 50, 11, 11",
        "SchafferN1,      1, 20, 20,  5,  5",
        "FonsecaFleming,  3, 40, 25,  1.1, 1.1",
    })
    void beatsRandomSamplingWithTheSameBudgetOnAProblemWithAKnownFront(String problem, int dimension, int popSize,
                                                                       int generations, double refX, double refY) {
        MultiObjectiveOptimizee o = new MultiObjectiveOptimizee(problem, dimension);
        double[] reference = {refX, refY};
        for (long seed = 1; seed <= 2; seed++) {
            double[][] front = nsga2Front(o, seed, popSize, generations);
            double[][] random = randomFront(o, seed, popSize * generations);
            double gd = o.generationalDistance(front);
            double randomGd = o.generationalDistance(random);
            double hv = hypervolume(front, reference);
            double randomHv = hypervolume(random, reference);
            String what = problem + ", seed " + seed + ": NSGA-II front of " + front.length + " with distance " + gd
                    + " and hypervolume " + hv + "; random sampling " + random.length + " with " + randomGd + " and " + randomHv;
            assertTrue(front.length >= popSize / 4, what);
            // a random set of one or two lucky points can lie on the front: then only closeness itself is asked
            assertTrue(gd < randomGd / 3 || random.length <= 2 && gd < 0.05, what);
            assertTrue(hv > randomHv, what);
            double[][] ideal = o.paretoFront(1001);
            assertTrue(hv > 0.9 * hypervolume(ideal, reference), what + "; the true front's hypervolume is "
                    + hypervolume(ideal, reference));
        }
    }
}
