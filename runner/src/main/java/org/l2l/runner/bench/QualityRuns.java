package org.l2l.runner.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.Step;
import org.l2l.optimizees.BenchmarkFunctionOptimizee;
import org.l2l.optimizees.MultiFunctionOptimizee;
import org.l2l.optimizers.annealing.ParallelTempering;
import org.l2l.optimizers.annealing.ParallelTemperingParameters;
import org.l2l.optimizers.annealing.SimulatedAnnealing;
import org.l2l.optimizers.annealing.SimulatedAnnealingParameters;
import org.l2l.optimizers.annealing.SimulatedAnnealingSchedule;
import org.l2l.optimizers.distribution.CmaEs;
import org.l2l.optimizers.distribution.CmaEsParameters;
import org.l2l.optimizers.distribution.CrossEntropy;
import org.l2l.optimizers.distribution.CrossEntropyDistribution;
import org.l2l.optimizers.distribution.CrossEntropyParameters;
import org.l2l.optimizers.distribution.Face;
import org.l2l.optimizers.distribution.FaceParameters;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithm;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.Nsga2;
import org.l2l.optimizers.evolution.Nsga2Parameters;
import org.l2l.optimizers.gradient.EvolutionStrategies;
import org.l2l.optimizers.gradient.EvolutionStrategiesParameters;
import org.l2l.optimizers.gradient.GradientDescent;
import org.l2l.optimizers.gradient.GradientDescentParameters;
import org.l2l.optimizers.gradient.MultiGradientDescent;
import org.l2l.optimizers.gradient.MultiGradientDescentParameters;
import org.l2l.optimizers.gradient.NaturalEvolutionStrategies;
import org.l2l.optimizers.gradient.NaturalEvolutionStrategiesParameters;
import org.l2l.optimizers.search.GridSearch;
import org.l2l.optimizers.search.GridSearchParameters;

/** The runs behind {@code l2l bench quality}: each optimizer configured for a budget of about 1,000 evaluations. */
final class QualityRuns {
    private QualityRuns() {}

    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);

    /** Optimizer name to a factory (optimizee, seed) for a budget of about 1,000 evaluations. */
    private static final Map<String, BiFunction<Optimizee, Long, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("random search (baseline)", null);
        OPTIMIZERS.put("genetic algorithm", (o, seed) -> new GeneticAlgorithm(o, MINIMIZE, GeneticAlgorithmParameters.builder()
                .seed(seed).popSize(50).nIteration(40).indProb(0.5).tournSize(4).mutPar(0.3).build()));
        // 29 x 29 points: 0 (the optimum of Rastrigin and Ackley) and 1 (Rosenbrock's optimum is at (1, 1)) are grid
        // points of [-5, 5] and [-2, 2]; a sanity row, not a fair comparison
        OPTIMIZERS.put("grid search (29 x 29)", (o, seed) -> {
            org.l2l.optimizees.BenchmarkFunction fn = ((BenchmarkFunctionOptimizee) o).benchmark();
            return new GridSearch(o, MINIMIZE, GridSearchParameters.builder().add("coords", fn.lowerBound(), fn.upperBound(), 28).build());
        });
        // Tuned for this budget (issue 6): a small elite (rho 0.1) and little extra covariance noise (0.1, decaying by
        // 0.8 per generation) instead of L2L's rho 0.9 and noise 1.0 decaying by 0.99, which hardly contract in 20
        // generations.
        OPTIMIZERS.put("cross-entropy", (o, seed) -> new CrossEntropy(o, MINIMIZE, CrossEntropyParameters.builder()
                .seed(seed).popSize(50).nIteration(20).rho(0.1)
                .distribution(CrossEntropyDistribution.noisyGaussian(0.1, null, 0.8)).build()));
        OPTIMIZERS.put("FACE", (o, seed) -> new Face(o, MINIMIZE, FaceParameters.builder()
                .seed(seed).minPopSize(30).maxPopSize(60).nElite(3).smoothing(0.5)
                .distribution(CrossEntropyDistribution.noisyGaussian(0.1, null, 0.9)).nIteration(40).build()));
        // The update is learningRate / (2 popSize noiseStd^2) times a sum of utilities (which add up to 0) times
        // perturbations: L2L's learningRate 0.1 moves the search point by about 0.01 per generation.
        OPTIMIZERS.put("evolution strategies", (o, seed) -> new EvolutionStrategies(o, MINIMIZE, EvolutionStrategiesParameters
                .builder().seed(seed).popSize(3).noiseStd(0.4).learningRate(2).nIteration(142).build()));
        // A slow sigma (learningRateSigma 0.05 instead of 0.52 for two dimensions): separable NES shrinks sigma
        // long before it has followed Rosenbrock's curved valley to the optimum.
        OPTIMIZERS.put("natural evolution strategies", (o, seed) -> new NaturalEvolutionStrategies(o, MINIMIZE,
                NaturalEvolutionStrategiesParameters.builder().seed(seed).popSize(10).nIteration(50).sigma(1.0)
                        .learningRateMu(2).learningRateSigma(0.05)
                        .mu(o.createIndividual(Rng.derive(seed, "start")).toVector()).build()));
        // Wide exploration steps (0.8) estimate the gradient of a smoothed function, which carries it over
        // Rastrigin's local minima; RMSProp's normalised step keeps the learning rate meaningful on all three.
        OPTIMIZERS.put("gradient descent (RMSProp)", (o, seed) -> new GradientDescent(o, MINIMIZE, GradientDescentParameters
                .builder().seed(seed).nRandomSteps(19).nIteration(50).learningRate(0.2).explorationStepSize(0.8)
                .momentumDecay(0.9).rmsProp()));
        // noisyStep 2 instead of 0.03: steps of noisyStep * temperature must cross the [-5, 5] and [-2, 2] domains.
        OPTIMIZERS.put("simulated annealing", (o, seed) -> new SimulatedAnnealing(o, MINIMIZE, SimulatedAnnealingParameters
                .builder().seed(seed).nParallelRuns(10).nIteration(100).noisyStep(2.0).build()));
        // a fixed geometric ladder of 10 temperatures from 5 to 0.01 (LINEAR_ADDITIVE with start = end is constant)
        OPTIMIZERS.put("parallel tempering", (o, seed) -> new ParallelTempering(o, MINIMIZE, ParallelTemperingParameters
                .builder().seed(seed).nParallelRuns(10).nIteration(100).noisyStep(1.5)
                .coolingSchedules(SimulatedAnnealingSchedule.LINEAR_ADDITIVE).temperatureBounds(ladder(10, 5, 0.01)).build()));
        OPTIMIZERS.put("multi genetic algorithm (5 sets)", (o, seed) -> new MultiGeneticAlgorithm(o, MINIMIZE,
                MultiGeneticAlgorithmParameters.builder().seed(seed).popSize(50).nIteration(100).indProb(1.0).tournSize(4)
                        .mutPar(0.3).nInnerParams(5).build()));
        OPTIMIZERS.put("multi gradient descent (Adam, 4 x 5 sets)", (o, seed) -> new MultiGradientDescent(o, MINIMIZE,
                MultiGradientDescentParameters.builder().seed(seed).nRandomSteps(4).nInnerParams(5).nIteration(50)
                        .learningRate(0.3).explorationStepSize(0.8).firstOrderDecay(0.9).secondOrderDecay(0.999).adam()));
        OPTIMIZERS.put("NSGA-II (one objective)", (o, seed) -> new Nsga2(o, MINIMIZE, Nsga2Parameters.builder()
                .seed(seed).popSize(30).nIteration(34).build()));
        OPTIMIZERS.put("CMA-ES", (o, seed) -> new CmaEs(o, MINIMIZE, CmaEsParameters.builder()
                .seed(seed).popSize(40).nIteration(25).sigma0(1).build()));
    }

    /** {@code n} constant temperatures {@code [t, t]}, geometric from {@code hi} down to {@code lo}. */
    private static double[][] ladder(int n, double hi, double lo) {
        double[][] bounds = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = hi * Math.pow(lo / hi, i / (double) (n - 1));
            bounds[i] = new double[] {t, t};
        }
        return bounds;
    }

    /** The optimizers that propose multi-individuals; they run on {@link MultiFunctionOptimizee}. */
    private static final Set<String> MULTI = Set.of("multi genetic algorithm (5 sets)",
            "multi gradient descent (Adam, 4 x 5 sets)");

    static List<String> optimizers() {
        return List.copyOf(OPTIMIZERS.keySet());
    }

    /** Runs one optimizer on one function; returns {best fitness, evaluations used}. */
    static double[] run(String optimizer, String function, long seed, int budget) {
        if (OPTIMIZERS.get(optimizer) == null) {
            BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee(function, 0);
            double best = Double.POSITIVE_INFINITY;
            int used = 0;
            Rng r = Rng.derive(seed, "random search");
            for (; used < budget; used++) best = Math.min(best, values(o, o.bound(o.createIndividual(r)), used)[0]);
            return new double[] {best, used};
        }
        return run(OPTIMIZERS.get(optimizer), MULTI.contains(optimizer), function, seed, budget);
    }

    /**
     * Runs the optimizer {@code factory} makes on one function, on {@link MultiFunctionOptimizee} if {@code multi}
     * (every inner set counts as one evaluation); returns {best fitness, evaluations used}.
     */
    static double[] run(BiFunction<Optimizee, Long, Optimizer> factory, boolean multi, String function, long seed,
                        int budget) {
        Optimizee o = multi ? new MultiFunctionOptimizee(function, 0) : new BenchmarkFunctionOptimizee(function, 0);
        double best = Double.POSITIVE_INFINITY;
        int used = 0;
        Optimizer opt = factory.apply(o, seed);
        List<Parameters> next = opt.firstGeneration();
        for (int g = 0; next != null && used < budget; g++) {
            List<Evaluation> evs = new ArrayList<>();
            for (int i = 0; i < next.size(); i++) {
                double[] v = values(o, next.get(i), i);
                double[] weighted = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    if (used < budget) best = Math.min(best, v[k]);
                    used++;
                    weighted[k] = -v[k];
                }
                evs.add(new Evaluation(new Individual(g, i, next.get(i)), v, weighted, Map.of(), null));
            }
            Step step = opt.next(new GenerationResult(g, evs));
            next = step instanceof Step.Next n ? n.individuals() : null;
        }
        return new double[] {best, Math.min(used, budget)};
    }

    private static double[] values(Optimizee o, Parameters p, int index) {
        try {
            return o.simulate(new Individual(0, index, p), new SimulationContext(0, index, 0, Rng.seeded(index), -1))
                    .fitness();
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark function failed at " + p, e);
        }
    }
}
