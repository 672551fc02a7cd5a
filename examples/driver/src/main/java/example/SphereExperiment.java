package example;

import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.runner.Experiment;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.RunnerOptions;

/** A genetic algorithm minimizing a noisy sphere on two worker JVMs: the smallest complete driver program. */
public class SphereExperiment {
    /** The optimizee: a record of its settings, so the worker JVMs can recreate it. */
    public record Sphere(int dims) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator random) {
            double[] x = new double[dims];
            for (int i = 0; i < dims; i++) x[i] = random.nextDouble(-5, 5);
            return Parameters.builder().array("x", x).build();
        }

        @Override
        public Parameters bound(Parameters p) { // clip into [-5, 5]
            double[] x = p.array("x");
            for (int i = 0; i < x.length; i++) x[i] = Math.max(-5, Math.min(5, x[i]));
            return Parameters.builder().array("x", x).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            double s = 0;
            for (double v : ind.params().array("x")) s += v * v;
            // ctx.random() is this individual's own stream: same seed, same result, on any worker
            return SimulationResult.of(s + 0.01 * ctx.random().nextGaussian());
        }
    }

    public static void main(String[] args) {
        Experiment experiment = new Experiment(Path.of("runs"));
        Trajectory traj = experiment.prepareExperiment(ExperimentOptions.builder()
                .name("sphere")
                .seed(7)
                .overwrite(true) // run again from scratch each time
                // under 'mvn exec:java' the workers' classpath is found from the class loader; outside Maven
                // give it with .workerClasspath(...) if the driver does not run with 'java -cp'
                .runner(RunnerOptions.builder().maxWorkers(2).build())
                .build());
        Optimizee optimizee = new Sphere(3);
        Optimizer optimizer = new GeneticAlgorithm(optimizee, FitnessWeights.of(-1.0), // -1: minimize
                GeneticAlgorithmParameters.builder().seed(1).popSize(20).nIteration(10).build());
        experiment.runExperiment(optimizer, optimizee);
        experiment.endExperiment(optimizer);
        System.out.println("best: " + traj.best().orElseThrow());
    }
}
