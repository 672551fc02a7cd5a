package org.l2l.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.Step;

/** Runs an optimizer in-process, as the runner would, for the tests. */
public final class Drive {
    private Drive() {}

    /** Evaluates one generation; individuals matching {@code fails} get a failed evaluation. */
    public static GenerationResult evaluate(int generation, List<Parameters> params, Optimizee optimizee,
                                     FitnessWeights weights, Predicate<Parameters> fails) {
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Individual ind = new Individual(generation, i, params.get(i));
            if (fails.test(params.get(i))) {
                out.add(Evaluation.failed(ind, weights, "test failure"));
                continue;
            }
            try {
                SimulationContext ctx = new SimulationContext(generation, i, 0,
                        SimulationContext.randomFor(1, generation, i), -1);
                out.add(Evaluation.success(ind, optimizee.simulate(ind, ctx), weights));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return new GenerationResult(generation, out);
    }

    /**
     * Continues a run whose next generation to evaluate is {@code proposals} (numbered {@code generation}) until it
     * finishes or {@code maxGenerations} generations were proposed; returns every proposed generation.
     */
    public static List<List<Parameters>> continueRun(Optimizer opt, Optimizee optimizee, int generation,
                                              List<Parameters> proposals, int maxGenerations,
                                              Predicate<Parameters> fails) {
        List<List<Parameters>> all = new ArrayList<>();
        List<Parameters> current = proposals;
        int g = generation;
        while (all.size() < maxGenerations) {
            all.add(current);
            Step step = opt.next(evaluate(g, current, optimizee, opt.fitnessWeights(), fails));
            if (step instanceof Step.Finished) break;
            current = ((Step.Next) step).individuals();
            g++;
        }
        return all;
    }

    /** Runs from the first generation to the end (or {@code maxGenerations}). */
    public static List<List<Parameters>> run(Optimizer opt, Optimizee optimizee, int maxGenerations) {
        return continueRun(opt, optimizee, 0, opt.firstGeneration(), maxGenerations, p -> false);
    }
}
