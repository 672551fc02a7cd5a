package org.l2l.runner.progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunnerOptions;

/**
 * A driver program as a user writes one, run by {@link ProgressIT} in a JVM without an SLF4J backend:
 * {@code NoBackendDriver RUNS_ROOT}. Three generations of 12 individuals that take 0.15 s each on 2 workers.
 */
public final class NoBackendDriver {
    private NoBackendDriver() {}

    /** Three generations of random individuals: the least optimizer that needs nothing but l2l-core. */
    record ThreeGenerations(TestcaseOptimizee optimizee) implements Optimizer {
        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1.0);
        }

        @Override
        public List<Parameters> firstGeneration() {
            return generation(0);
        }

        @Override
        public Step next(GenerationResult result) {
            return result.generation() == 2 ? Step.finished("three generations") : Step.next(generation(result.generation() + 1));
        }

        private List<Parameters> generation(int g) {
            SplittableRandom r = new SplittableRandom(g);
            List<Parameters> out = new ArrayList<>();
            for (int i = 0; i < 12; i++) out.add(optimizee.createIndividual(r));
            return out;
        }
    }

    /** Runs the experiment under {@code args[0]}. */
    public static void main(String[] args) {
        Experiment experiment = new Experiment(Path.of(args[0]));
        experiment.prepareExperiment(ExperimentOptions.builder().name("no-backend").seed(3)
                .runner(RunnerOptions.builder().maxWorkers(2).build()).build());
        TestcaseOptimizee optimizee = new TestcaseOptimizee("hang", Integer.MAX_VALUE, 1, 3, 0.15);
        Optimizer optimizer = new ThreeGenerations(optimizee);
        experiment.runExperiment(optimizer, optimizee);
        experiment.endExperiment(optimizer);
        System.out.println("driver done: " + experiment.best().orElseThrow());
    }
}
