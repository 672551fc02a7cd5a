package org.l2l.optimizers.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.GenerationalOptimizer;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2L's {@code GeneticAlgorithmOptimizer}: a generational genetic algorithm on flat real vectors, built from
 * DEAP's tournament selection, blend crossover and Gaussian mutation.
 *
 * <p>Each individual is its parameters flattened with {@link Parameters#toVector()}; proposals are rebuilt
 * with the names and array shapes of the optimizee's individuals. One generation, after its evaluations
 * arrive in {@link #next(GenerationResult)}:
 *
 * <ol>
 *   <li>the newly evaluated individuals enter the {@linkplain #hallOfFame() hall of fame} (20 places);</li>
 *   <li>{@code popSize} offspring are chosen by tournaments of {@code tournSize} and cloned;</li>
 *   <li>each consecutive pair (0,1), (2,3), ... is mated with probability {@code cxProb} by blend crossover
 *       ({@code alpha = matePar}), then both children are bounded and lose their fitness;</li>
 *   <li>each offspring is mutated with probability {@code mutProb} by adding {@code N(0, mutPar)} to each gene
 *       with probability {@code indProb}, then bounded and loses its fitness;</li>
 *   <li>if two offspring hold the same values, every later copy of an earlier offspring is, with probability
 *       0.8, mutated again, bounded and loses its fitness;</li>
 *   <li>the offspring replace the population, and only those that lost their fitness are proposed for
 *       evaluation; the others keep their fitness.</li>
 * </ol>
 *
 * <p>The run finishes once the results of generation {@code nIteration - 1} (the {@code nIteration}-th) are in.
 * If no offspring changed, the generation needs no evaluation: it is not proposed (a generation cannot be
 * empty), it counts towards {@code nIteration}, and breeding continues from it.
 *
 * <p>Failed evaluations have weighted fitness {@code -inf}, so they lose every tournament against a successful
 * individual; they keep that fitness until they change, and they never enter the hall of fame.
 *
 * <p>All randomness, including the optimizee's {@code createIndividual}, comes from one {@link Rng} derived
 * from {@code seed}. {@link #snapshot()} and {@link #restore} save and resume the complete state exactly, as do
 * {@link #saveState()} and {@link #restoreState}; {@link #continueFrom} breeds on from a finished run.
 */
public final class GeneticAlgorithm extends GenerationalOptimizer<GeneticAlgorithmParameters> {
    /** The number of places in the hall of fame, as in L2L. */
    public static final int HALL_OF_FAME_SIZE = 20;
    /** The probability that a duplicate offspring is mutated again, as in L2L. */
    static final double DUPLICATE_MUTATION_PROB = 0.8;
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "ga";
    /** The name of the trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "gaResult";
    /** Format of {@link #saveState()}. */
    private static final int STATE_FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(GeneticAlgorithm.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private final double[][] population;
    private final double[][] fitness; // raw fitness; a null row means "not evaluated" (DEAP: invalid fitness)
    private final double[][] weighted; // weighted fitness; null exactly where fitness is null
    private final HallOfFame hallOfFame = new HallOfFame(HALL_OF_FAME_SIZE);

    /**
     * A new run: creates the initial population of {@code popSize} individuals with
     * {@code optimizee.createIndividual} and bounds them with {@code optimizee.bound}.
     *
     * @throws IllegalStateException if the optimizee's individuals do not all have the same names and shapes
     */
    public GeneticAlgorithm(Optimizee optimizee, FitnessWeights weights, GeneticAlgorithmParameters params) {
        super("genetic algorithm", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "GeneticAlgorithm"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        int n = params.popSize();
        this.population = new double[n][];
        this.fitness = new double[n][];
        this.weighted = new double[n][];
        Parameters first = null;
        for (int i = 0; i < n; i++) {
            Parameters p = optimizee.createIndividual(rng);
            if (first == null) {
                first = Require.nonNull("optimizee.createIndividual's result", p);
            }
            population[i] = Vectors.flatten(first, p, "optimizee.createIndividual");
        }
        this.template = first;
        for (int i = 0; i < n; i++) population[i] = bound(population[i]);
    }

    /** An empty population of the optimizee's shape, for {@link #restore}. */
    private GeneticAlgorithm(Optimizee optimizee, FitnessWeights weights, GeneticAlgorithmParameters params,
                             Parameters template) {
        super("genetic algorithm", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(params.seed(), "GeneticAlgorithm"));
        this.optimizee = optimizee;
        this.template = template;
        int n = params.popSize();
        this.population = new double[n][];
        this.fitness = new double[n][];
        this.weighted = new double[n][];
    }

    /**
     * Resumes a run exactly where {@link #snapshot()} left it: the same calls then give bit-identical
     * proposals. {@code optimizee.createIndividual} is called once, only to learn the names and shapes of the
     * individuals; the parameters must be those of the saved run.
     *
     * @throws IllegalArgumentException if the state does not fit the parameters or the optimizee
     */
    public static GeneticAlgorithm restore(Optimizee optimizee, FitnessWeights weights,
                                           GeneticAlgorithmParameters params, State state) {
        Require.nonNull("optimizee", optimizee);
        Require.nonNull("weights", weights);
        Require.nonNull("params", params);
        Require.nonNull("state", state);
        Parameters template = Require.nonNull("optimizee.createIndividual's result",
                optimizee.createIndividual(Rng.derive(params.seed(), "GeneticAlgorithm", "template")));
        GeneticAlgorithm ga = new GeneticAlgorithm(optimizee, weights, params, template);
        StateBytes.Writer w = new StateBytes.Writer().ints(STATE_FORMAT, state.generation()).bool(state.finished())
                .longs(state.rngState());
        write(w, state);
        ga.restoreState(w.toBytes());
        return ga;
    }

    @Override
    protected List<Parameters> proposals() {
        List<Parameters> out = new ArrayList<>();
        for (int i : pendingIndices()) out.add(template.withVector(population[i]));
        return out;
    }

    @Override
    protected String learn(GenerationResult result) {
        int[] pending = pendingIndices();
        List<HallOfFame.Entry> evaluated = new ArrayList<>();
        for (int k = 0; k < pending.length; k++) {
            Evaluation e = result.evaluations().get(k);
            double[] w = e.weightedFitness();
            if (w.length != weights.size()) {
                throw new IllegalArgumentException(e.individual().label() + " has " + w.length
                        + " weighted fitness components, but there are " + weights.size() + " fitness weights");
            }
            int i = pending[k];
            fitness[i] = e.fitness();
            weighted[i] = w;
            if (!e.failed()) evaluated.add(new HallOfFame.Entry(template.withVector(population[i]), fitness[i], w));
        }
        logGeneration(pending);
        hallOfFame.update(evaluated);
        return breedNext();
    }

    /**
     * Breeds until a generation has something to evaluate (skipping those that have not), or says why the run stops
     * after {@code nIteration} generations.
     */
    private String breedNext() {
        while (true) {
            if (generation() >= params.nIteration() - 1) {
                return "the genetic algorithm completed nIteration=" + params.nIteration() + " generations";
            }
            breed();
            if (pendingIndices().length > 0) return null;
            skipGeneration();
            LOG.info("GA generation {}: no offspring changed, so there is nothing to evaluate", generation());
        }
    }

    /** Logs the run's best individuals and its hall of fame, and records them in {@value #RESULT_GROUP}. */
    @Override
    public void end(Trajectory trajectory) {
        LOG.info("-- End of (successful) evolution --");
        Integer[] order = rankPopulation();
        for (int r = 0; r < Math.min(10, order.length); r++) {
            int i = order[r];
            LOG.info("Best individual is {}, fitness {}", template.withVector(population[i]),
                    fitness[i] == null ? "(not evaluated)" : Arrays.toString(fitness[i]));
        }
        LOG.info("-- Hall of fame --");
        for (HallOfFame.Entry e : hallOfFame.entries()) LOG.info("HOF individual is {}", e);
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "genetic algorithm results: hall of fame, best first");
        g.add("generation", (long) generation());
        g.add("hallOfFameSize", (long) hallOfFame.size());
        List<HallOfFame.Entry> members = hallOfFame.entries();
        for (int r = 0; r < members.size(); r++) {
            Vectors.describe(g, "hallOfFame." + r, members.get(r).params());
            g.add("hallOfFame." + r + ".fitness", members.get(r).fitness());
        }
    }

    /** The hall of fame: up to {@value #HALL_OF_FAME_SIZE} best distinct individuals seen, best first. */
    public List<HallOfFame.Entry> hallOfFame() {
        return hallOfFame.entries();
    }

    /** The best successfully evaluated individual seen so far, if any. */
    public Optional<HallOfFame.Entry> best() {
        return hallOfFame.best();
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        write(w, snapshot());
    }

    private static void write(StateBytes.Writer w, State s) {
        w.matrix(s.population()).matrix(s.fitness()).matrix(s.weightedFitness()).matrix(s.hallOfFameVectors())
                .matrix(s.hallOfFameFitness()).matrix(s.hallOfFameWeightedFitness());
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        double[][] pop = r.matrix();
        double[][] fit = r.matrix();
        double[][] wfit = r.matrix();
        double[][] hofVectors = r.matrix();
        double[][] hofFitness = r.matrix();
        double[][] hofWeighted = r.matrix();
        int n = params.popSize();
        if (pop.length != n) {
            throw new IllegalArgumentException(continuing()
                    ? "popSize is " + n + ", but the run to continue has a population of " + pop.length
                            + "; continue it with popSize " + pop.length
                    : "popSize is " + n + ", but the saved state holds a population of " + pop.length);
        }
        if (fit.length != n || wfit.length != n || hofFitness.length != hofVectors.length
                || hofWeighted.length != hofVectors.length) {
            throw new IllegalArgumentException("corrupt genetic algorithm state");
        }
        if (gen < 0 || gen >= params.nIteration() && !continuing()) {
            throw new IllegalArgumentException("the saved state is at generation " + gen
                    + ", outside 0.." + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
        double[][] p = new double[n][], f = new double[n][], w = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = checkVector("population[" + i + "]", pop[i]);
            f[i] = checkFitness("fitness[" + i + "]", fit[i]);
            w[i] = checkFitness("weightedFitness[" + i + "]", wfit[i]);
            if ((f[i] == null) != (w[i] == null)) {
                throw new IllegalArgumentException("the saved state has fitness[" + i + "] and weightedFitness[" + i
                        + "] not both present or both absent");
            }
        }
        List<HallOfFame.Entry> members = new ArrayList<>();
        for (int i = 0; i < hofVectors.length; i++) {
            members.add(new HallOfFame.Entry(
                    template.withVector(checkVector("hallOfFameVectors[" + i + "]", hofVectors[i])),
                    checkFitness("hallOfFameFitness[" + i + "]",
                            Require.nonNull("hallOfFameFitness[" + i + "]", hofFitness[i])),
                    checkFitness("hallOfFameWeightedFitness[" + i + "]",
                            Require.nonNull("hallOfFameWeightedFitness[" + i + "]", hofWeighted[i]))));
        }
        System.arraycopy(p, 0, population, 0, n);
        System.arraycopy(f, 0, fitness, 0, n);
        System.arraycopy(w, 0, weighted, 0, n);
        hallOfFame.restore(members);
    }

    /** Breeds the generation after the finished run's last one. */
    @Override
    protected String proposeAfterFinishing() {
        return breedNext();
    }

    /**
     * Continues a finished (or stopped) run with these parameters, as L2L's {@code checkpoint} option does: the
     * population, fitnesses, hall of fame, generation count and random generator come from the earlier run's state;
     * {@code nIteration} now counts the earlier generations too, and {@code popSize} must be the earlier run's.
     */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }

    /** The complete state of the run, to be resumed with {@link #restore}. */
    public State snapshot() {
        List<HallOfFame.Entry> members = hallOfFame.entries();
        double[][] hofVectors = new double[members.size()][];
        double[][] hofFitness = new double[members.size()][];
        double[][] hofWeighted = new double[members.size()][];
        for (int r = 0; r < members.size(); r++) {
            hofVectors[r] = members.get(r).params().toVector();
            hofFitness[r] = members.get(r).fitness();
            hofWeighted[r] = members.get(r).weightedFitness();
        }
        return new State(rng.state(), generation(), isFinished(), population, fitness, weighted, hofVectors, hofFitness,
                hofWeighted);
    }

    private void breed() {
        int n = params.popSize();
        int[] chosen = GaOperators.tournament(weighted, n, params.tournSize(), rng);
        double[][] off = new double[n][];
        double[][] offFitness = new double[n][];
        double[][] offWeighted = new double[n][];
        for (int i = 0; i < n; i++) {
            off[i] = population[chosen[i]].clone();
            offFitness[i] = fitness[chosen[i]];
            offWeighted[i] = weighted[chosen[i]];
        }
        for (int i = 0; i + 1 < n; i += 2) {
            if (rng.nextDouble() < params.cxProb()) {
                GaOperators.blend(off[i], off[i + 1], params.matePar(), rng);
                off[i] = bound(off[i]);
                off[i + 1] = bound(off[i + 1]);
                offFitness[i] = offWeighted[i] = offFitness[i + 1] = offWeighted[i + 1] = null;
            }
        }
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < params.mutProb()) {
                off[i] = mutate(off[i]);
                offFitness[i] = offWeighted[i] = null;
            }
        }
        if (GaOperators.hasDuplicates(off)) {
            LOG.info("Mutating more");
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (Vectors.sameValues(off[i], off[j]) && rng.nextDouble() < DUPLICATE_MUTATION_PROB) {
                        off[j] = mutate(off[j]);
                        offFitness[j] = offWeighted[j] = null;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            population[i] = off[i];
            fitness[i] = offFitness[i];
            weighted[i] = offWeighted[i];
        }
    }

    private double[] mutate(double[] v) {
        GaOperators.gaussian(v, params.mutPar(), params.indProb(), rng);
        return bound(v);
    }

    private double[] bound(double[] v) {
        return Vectors.flatten(template, optimizee.bound(template.withVector(v)), "optimizee.bound");
    }

    private int[] pendingIndices() {
        int count = 0;
        for (double[] w : weighted) if (w == null) count++;
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < weighted.length; i++) if (weighted[i] == null) out[k++] = i;
        return out;
    }

    /** Population indices, evaluated individuals best first (stable), unevaluated ones last. */
    private Integer[] rankPopulation() {
        Integer[] order = new Integer[population.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Comparator<Integer> byFitness = (a, b) -> {
            if (weighted[a] == null || weighted[b] == null) {
                return Boolean.compare(weighted[a] == null, weighted[b] == null);
            }
            return FitnessWeights.WEIGHTED_ORDER.compare(weighted[b], weighted[a]);
        };
        Arrays.sort(order, byFitness);
        return order;
    }

    private void logGeneration(int[] evaluatedIndices) {
        if (!LOG.isInfoEnabled()) return;
        LOG.info("-- End of generation {}: evaluated {} individuals --", generation(), evaluatedIndices.length);
        Integer[] order = Arrays.stream(evaluatedIndices).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> FitnessWeights.WEIGHTED_ORDER.compare(weighted[b], weighted[a]));
        for (int r = 0; r < Math.min(2, order.length); r++) {
            LOG.info("Best individual is {}, fitness {}", template.withVector(population[order[r]]),
                    Arrays.toString(fitness[order[r]]));
        }
        LOG.info("-- Hall of fame --");
        List<HallOfFame.Entry> members = hallOfFame.entries();
        for (int r = 0; r < Math.min(2, members.size()); r++) LOG.info("HOF individual is {}", members.get(r));
    }

    private double[] checkVector(String what, double[] v) {
        Require.nonNull("the saved state's " + what, v);
        if (v.length != template.dimension()) {
            throw new IllegalArgumentException("the saved state's " + what + " has " + v.length
                    + " values, but the optimizee's individuals have " + template.dimension());
        }
        return v.clone();
    }

    private double[] checkFitness(String what, double[] f) {
        if (f != null && f.length != weights.size()) {
            throw new IllegalArgumentException("the saved state's " + what + " has " + f.length
                    + " components, but there are " + weights.size() + " fitness weights");
        }
        return f == null ? null : f.clone();
    }

    /**
     * The complete state of a {@link GeneticAlgorithm}, as plain arrays: enough to resume bit-identically.
     * Arrays are copied in and out; {@code equals} compares contents.
     *
     * @param rngState the random generator's state ({@link Rng#state()})
     * @param generation the generation pending evaluation (or the last one, if finished)
     * @param finished whether the run has finished
     * @param population the individuals as flat vectors, in population order
     * @param fitness each individual's raw fitness, or a null row if it awaits evaluation
     * @param weightedFitness each individual's weighted fitness, null exactly where {@code fitness} is
     * @param hallOfFameVectors the hall of fame's members as flat vectors, best first
     * @param hallOfFameFitness their raw fitness
     * @param hallOfFameWeightedFitness their weighted fitness
     */
    public record State(long[] rngState, int generation, boolean finished, double[][] population,
                        double[][] fitness, double[][] weightedFitness, double[][] hallOfFameVectors,
                        double[][] hallOfFameFitness, double[][] hallOfFameWeightedFitness) {
        /** Checks that the arrays are present and consistent in length, and copies them. */
        public State {
            rngState = Require.nonNull("rngState", rngState).clone();
            population = Vectors.copy(Require.nonNull("population", population));
            fitness = Vectors.copy(Require.nonNull("fitness", fitness));
            weightedFitness = Vectors.copy(Require.nonNull("weightedFitness", weightedFitness));
            hallOfFameVectors = Vectors.copy(Require.nonNull("hallOfFameVectors", hallOfFameVectors));
            hallOfFameFitness = Vectors.copy(Require.nonNull("hallOfFameFitness", hallOfFameFitness));
            hallOfFameWeightedFitness = Vectors.copy(Require.nonNull("hallOfFameWeightedFitness",
                    hallOfFameWeightedFitness));
            if (fitness.length != population.length || weightedFitness.length != population.length) {
                throw new IllegalArgumentException("population, fitness and weightedFitness must have the same length,"
                        + " but have " + population.length + ", " + fitness.length + " and " + weightedFitness.length);
            }
            if (hallOfFameFitness.length != hallOfFameVectors.length
                    || hallOfFameWeightedFitness.length != hallOfFameVectors.length) {
                throw new IllegalArgumentException("hallOfFameVectors, hallOfFameFitness and hallOfFameWeightedFitness"
                        + " must have the same length, but have " + hallOfFameVectors.length + ", "
                        + hallOfFameFitness.length + " and " + hallOfFameWeightedFitness.length);
            }
        }

        /** A copy of the generator state. */
        @Override
        public long[] rngState() {
            return rngState.clone();
        }

        /** A copy of the population. */
        @Override
        public double[][] population() {
            return Vectors.copy(population);
        }

        /** A copy of the raw fitnesses. */
        @Override
        public double[][] fitness() {
            return Vectors.copy(fitness);
        }

        /** A copy of the weighted fitnesses. */
        @Override
        public double[][] weightedFitness() {
            return Vectors.copy(weightedFitness);
        }

        /** A copy of the hall of fame's vectors. */
        @Override
        public double[][] hallOfFameVectors() {
            return Vectors.copy(hallOfFameVectors);
        }

        /** A copy of the hall of fame's raw fitnesses. */
        @Override
        public double[][] hallOfFameFitness() {
            return Vectors.copy(hallOfFameFitness);
        }

        /** A copy of the hall of fame's weighted fitnesses. */
        @Override
        public double[][] hallOfFameWeightedFitness() {
            return Vectors.copy(hallOfFameWeightedFitness);
        }

        /** Equal contents, compared bit for bit. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && generation == s.generation && finished == s.finished
                    && Arrays.equals(rngState, s.rngState) && Arrays.deepEquals(population, s.population)
                    && Arrays.deepEquals(fitness, s.fitness) && Arrays.deepEquals(weightedFitness, s.weightedFitness)
                    && Arrays.deepEquals(hallOfFameVectors, s.hallOfFameVectors)
                    && Arrays.deepEquals(hallOfFameFitness, s.hallOfFameFitness)
                    && Arrays.deepEquals(hallOfFameWeightedFitness, s.hallOfFameWeightedFitness);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {rngState, generation, finished, population, fitness,
                weightedFitness, hallOfFameVectors, hallOfFameFitness, hallOfFameWeightedFitness});
        }

        @Override
        public String toString() {
            return "GeneticAlgorithm.State[generation=" + generation + ", finished=" + finished + ", popSize="
                    + population.length + ", hallOfFame=" + hallOfFameVectors.length + "]";
        }
    }
}
