package org.l2l.runner;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.Step;

/** A minimal optimizer for runner tests: {@code generations} generations of {@code size} random individuals. */
final class RandomProposals implements Optimizer {
    private final Optimizee optimizee;
    private final int size;
    private final int generations;
    private final Rng rng;
    final List<GenerationResult> seen = new ArrayList<>();

    RandomProposals(Optimizee optimizee, int size, int generations, long seed) {
        this.optimizee = optimizee;
        this.size = size;
        this.generations = generations;
        this.rng = Rng.seeded(seed);
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return FitnessWeights.of(-1);
    }

    @Override
    public List<Parameters> firstGeneration() {
        return draw();
    }

    @Override
    public Step next(GenerationResult result) {
        seen.add(result);
        return seen.size() >= generations ? Step.finished("done") : Step.next(draw());
    }

    private List<Parameters> draw() {
        List<Parameters> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(optimizee.bound(optimizee.createIndividual(rng)));
        return out;
    }
}
