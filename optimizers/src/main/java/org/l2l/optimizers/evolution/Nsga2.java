package org.l2l.optimizers.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
import org.l2l.optimizers.GradientSupport;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002): multi-objective optimization towards a Pareto front. Not in L2L,
 * whose optimizers weigh the fitness components into one number.
 *
 * <p>Each fitness component is an objective, multiplied by the sign of its {@linkplain FitnessWeights weight} (so a
 * negative weight minimizes it, a positive one maximizes it; the weights' magnitudes play no role). One individual
 * dominates another if it is at least as good in every objective and better in one. A failed evaluation, or one with
 * a NaN component, is dominated by every successful one.
 *
 * <p>Individuals are the optimizee's parameters flattened with {@link Parameters#toVector()}. Generation 0 is
 * {@code popSize} individuals from {@code optimizee.createIndividual}, bounded. After each generation's evaluations:
 *
 * <ol>
 *   <li>the evaluated individuals join the parents (none after generation 0), and this union is sorted into
 *       non-dominated fronts (Deb's fast non-dominated sort); each front's members get their crowding distance;</li>
 *   <li>the next parents are the first {@code popSize} of the union by front, the last front that does not fit
 *       whole by decreasing crowding distance (ties by position: parents before offspring);</li>
 *   <li>after generation {@code nIteration - 1} the run finishes; otherwise {@code popSize} offspring are bred: pairs
 *       of parents chosen by binary tournaments (two parents drawn uniformly with replacement; the lower front wins,
 *       then the larger crowding distance, then the first drawn), recombined with probability {@code cxProb} by
 *       simulated binary crossover, then each child's variables mutated with probability {@code indProb} by
 *       polynomial mutation, then bounded with {@code optimizee.bound}; the offspring are the next generation.</li>
 * </ol>
 *
 * <p><b>Operators.</b> NSGA-II's real-coded operators are used rather than the genetic algorithm's blend crossover
 * and Gaussian mutation, because their spread adapts to the parents' distance (crossover) and is set by one
 * distribution index each, as in the paper. Both are the <em>unbounded</em> forms, since an optimizee declares its
 * domain only through {@code bound}: simulated binary crossover (Deb and Agrawal 1995) changes each variable with
 * probability 1/2 with a spread factor of index {@code etaCrossover}, and (as in Deb's code and DEAP) gives each
 * such variable's two new values to the two children in random order; polynomial mutation (Deb and Goyal 1996) adds
 * {@code delta * range}, with {@code delta} in (-1, 1) of index {@code etaMutation} and {@code range} the variable's
 * spread (maximum minus minimum) over the initial population, or {@code max(1, |value|)} if that spread is zero.
 * Children are then clipped or otherwise repaired by {@code optimizee.bound}.
 *
 * <p>With a single fitness component the fronts are the individuals sorted by fitness, and NSGA-II is an elitist
 * ({@code popSize + popSize}) genetic algorithm.
 *
 * <p>All randomness, including the optimizee's {@code createIndividual}, comes from one {@link Rng} derived from
 * {@code seed}. {@link #saveState()} captures everything, so a restored optimizer continues bit-identically, and
 * {@link #continueFrom} breeds the next generation of a finished run (with {@code nIteration} counting the earlier
 * generations too). {@link #end} records the final Pareto front in the trajectory group {@value #RESULT_GROUP}.
 */
public final class Nsga2 extends GenerationalOptimizer<Nsga2Parameters> {
    /** The name of the trajectory parameter group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "nsga2";
    /** The name of the trajectory group written by {@link #end}: the final Pareto front. */
    public static final String RESULT_GROUP = "nsga2Result";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Nsga2.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private final double[] signs;
    private double[] ranges;
    /** The parents with their raw fitness, failure flags, front and crowding distance; empty before generation 0 ends. */
    private double[][] parents = new double[0][];
    private double[][] parentFitness = new double[0][];
    private boolean[] parentFailed = new boolean[0];
    private int[] parentRank = new int[0];
    private double[] parentCrowding = new double[0];
    /** The individuals proposed for evaluation. */
    private double[][] offspring;

    /**
     * A new run: creates the initial population of {@code popSize} individuals with {@code optimizee.createIndividual}
     * and bounds them with {@code optimizee.bound}.
     *
     * @throws IllegalStateException if the optimizee's individuals do not all have the same names and shapes
     */
    public Nsga2(Optimizee optimizee, FitnessWeights weights, Nsga2Parameters params) {
        super("NSGA-II", PARAMETER_GROUP, STATE_FORMAT, weights, params, Rng.derive(Require.nonNull("params", params).seed(),
                "Nsga2"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.signs = new double[weights.size()];
        for (int k = 0; k < signs.length; k++) signs[k] = Math.signum(weights.get(k));
        int n = params.popSize();
        Parameters first = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.template = first;
        offspring = new double[n][];
        offspring[0] = Vectors.flatten(first, first, "optimizee.createIndividual");
        for (int i = 1; i < n; i++) {
            offspring[i] = Vectors.flatten(first, optimizee.createIndividual(rng), "optimizee.createIndividual");
        }
        for (int i = 0; i < n; i++) offspring[i] = bound(offspring[i]);
        ranges = spread(offspring);
    }

    private static double[] spread(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] r : rows) {
                lo = Math.min(lo, r[j]);
                hi = Math.max(hi, r[j]);
            }
            double range = hi - lo;
            out[j] = range > 0 && Double.isFinite(range) ? range : Math.max(1, Math.abs(rows[0][j]));
        }
        return out;
    }

    /** The per-variable mutation probability the run uses: {@code indProb}, or {@code 1/n}. */
    @Override
    protected Object resolvedParameter(String component, Object value) {
        return component.equals("indProb") ? params.indProbFor(template.dimension()) : value;
    }

    @Override
    protected String learn(GenerationResult result) {
        int np = parents.length;
        int total = np + offspring.length;
        double[][] vectors = new double[total][];
        double[][] fitness = new double[total][];
        boolean[] failed = new boolean[total];
        for (int i = 0; i < np; i++) {
            vectors[i] = parents[i];
            fitness[i] = parentFitness[i];
            failed[i] = parentFailed[i];
        }
        for (int k = 0; k < offspring.length; k++) {
            Evaluation e = result.evaluations().get(k);
            double[] f = e.fitness();
            if (f.length != weights.size()) {
                throw new IllegalArgumentException(e.individual().label() + " has " + f.length
                        + " fitness components, but there are " + weights.size() + " fitness weights");
            }
            vectors[np + k] = offspring[k];
            fitness[np + k] = f;
            failed[np + k] = e.failed() || Arrays.stream(f).anyMatch(Double::isNaN);
        }
        select(vectors, fitness, failed);
        logGeneration();
        if (generation() >= params.nIteration() - 1) {
            offspring = new double[0][];
            return "NSGA-II completed nIteration=" + params.nIteration() + " generations";
        }
        return proposeAfterFinishing();
    }

    /** The next generation: offspring bred from the parents. */
    @Override
    protected String proposeAfterFinishing() {
        breed();
        return null;
    }

    /** The parents are selected before the run stops, so a finished run can breed more generations. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }

    /** Environmental selection: the best {@code popSize} of the union by front, then by crowding distance. */
    private void select(double[][] vectors, double[][] fitness, boolean[] failed) {
        double[][] objectives = objectives(fitness);
        List<int[]> fronts = ParetoRanking.fronts(objectives, failed);
        int n = params.popSize();
        int[] chosen = new int[n];
        int[] rank = new int[n];
        double[] crowding = new double[n];
        int filled = 0;
        for (int r = 0; r < fronts.size() && filled < n; r++) {
            int[] front = fronts.get(r);
            double[] d = ParetoRanking.crowding(front, objectives, failed);
            Integer[] order = new Integer[front.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            if (filled + front.length > n) {
                Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a])); // stable: ties keep index order
            }
            for (int i = 0; i < order.length && filled < n; i++) {
                chosen[filled] = front[order[i]];
                rank[filled] = r;
                crowding[filled] = d[order[i]];
                filled++;
            }
        }
        parents = new double[n][];
        parentFitness = new double[n][];
        parentFailed = new boolean[n];
        for (int i = 0; i < n; i++) {
            parents[i] = vectors[chosen[i]];
            parentFitness[i] = fitness[chosen[i]];
            parentFailed[i] = failed[chosen[i]];
        }
        parentRank = rank;
        parentCrowding = crowding;
    }

    /** Fitness times the sign of its weight, so that larger is better in every objective. */
    private double[][] objectives(double[][] fitness) {
        double[][] out = new double[fitness.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[signs.length];
            for (int k = 0; k < signs.length; k++) out[i][k] = fitness[i][k] * signs[k];
        }
        return out;
    }

    private void breed() {
        int n = params.popSize();
        double indProb = params.indProbFor(template.dimension());
        double[][] children = new double[n][];
        for (int i = 0; i < n; i += 2) {
            double[] a = parents[tournament()].clone();
            double[] b = parents[tournament()].clone();
            if (rng.nextDouble() < params.cxProb()) simulatedBinaryCrossover(a, b);
            polynomialMutation(a, indProb);
            polynomialMutation(b, indProb);
            children[i] = bound(a);
            if (i + 1 < n) children[i + 1] = bound(b);
        }
        offspring = children;
    }

    /** A binary tournament by the crowded comparison: lower front, then larger crowding distance, then the first. */
    private int tournament() {
        int a = rng.nextInt(parents.length);
        int b = rng.nextInt(parents.length);
        if (parentRank[b] < parentRank[a]) return b;
        if (parentRank[b] == parentRank[a] && parentCrowding[b] > parentCrowding[a]) return b;
        return a;
    }

    /**
     * Unbounded simulated binary crossover in place: each variable with probability 1/2, the two children's values then
     * exchanged with probability 1/2.
     */
    private void simulatedBinaryCrossover(double[] a, double[] b) {
        double exponent = 1.0 / (params.etaCrossover() + 1);
        for (int j = 0; j < a.length; j++) {
            if (rng.nextDouble() >= 0.5) continue;
            double u = rng.nextDouble();
            double beta = u <= 0.5 ? Math.pow(2 * u, exponent) : Math.pow(1 / (2 * (1 - u)), exponent);
            double x1 = a[j];
            double x2 = b[j];
            double c1 = 0.5 * ((1 + beta) * x1 + (1 - beta) * x2);
            double c2 = 0.5 * ((1 - beta) * x1 + (1 + beta) * x2);
            boolean swap = rng.nextDouble() < 0.5; // as Deb's code: genes of both parents mix in each child
            a[j] = swap ? c2 : c1;
            b[j] = swap ? c1 : c2;
        }
    }

    /** Polynomial mutation in place: each variable with probability {@code indProb} moves by {@code delta * range}. */
    private void polynomialMutation(double[] v, double indProb) {
        double exponent = 1.0 / (params.etaMutation() + 1);
        for (int j = 0; j < v.length; j++) {
            if (rng.nextDouble() >= indProb) continue;
            double u = rng.nextDouble();
            double delta = u < 0.5 ? Math.pow(2 * u, exponent) - 1 : 1 - Math.pow(2 * (1 - u), exponent);
            v[j] += delta * ranges[j];
        }
    }

    /**
     * The current non-dominated individuals (front 0 of the parents; empty before the first generation is evaluated
     * or if every individual failed), without duplicates, ordered by their first fitness component.
     */
    public List<HallOfFame.Entry> paretoFront() {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            if (parentRank[i] != 0 || parentFailed[i]) continue;
            boolean duplicate = false;
            for (int j : members) duplicate |= Vectors.sameValues(parents[i], parents[j]);
            if (!duplicate) members.add(i);
        }
        members.sort(Comparator.comparingDouble((Integer i) -> parentFitness[i][0]).thenComparingInt(i -> i));
        List<HallOfFame.Entry> out = new ArrayList<>();
        for (int i : members) {
            out.add(new HallOfFame.Entry(template.withVector(parents[i]), parentFitness[i], weights.weigh(parentFitness[i])));
        }
        return out;
    }

    /**
     * Records the final Pareto front ({@link #paretoFront()}) in {@value #RESULT_GROUP}: {@code generation},
     * {@code frontSize}, and for each member {@code r} its parameters as {@code front.r.NAME} and its raw fitness as
     * {@code front.r.fitness}.
     */
    @Override
    public void end(Trajectory trajectory) {
        List<HallOfFame.Entry> front = paretoFront();
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "NSGA-II results: the final Pareto front, "
                + "ordered by the first fitness component");
        g.add("generation", (long) generation());
        g.add("frontSize", (long) front.size());
        for (int r = 0; r < front.size(); r++) {
            Vectors.describe(g, "front." + r, front.get(r).params());
            g.add("front." + r + ".fitness", front.get(r).fitness());
        }
        LOG.info("-- End of NSGA-II: {} individuals on the Pareto front after generation {} --", front.size(), generation());
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        double[][] flags = new double[1][parents.length * 2];
        for (int i = 0; i < parents.length; i++) {
            flags[0][i] = parentFailed[i] ? 1 : 0;
            flags[0][parents.length + i] = parentRank[i];
        }
        w.matrix(GradientSupport.row(ranges)).matrix(parents).matrix(parentFitness).matrix(flags)
                .matrix(GradientSupport.row(parentCrowding)).matrix(offspring);
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        boolean continuing = continuing();
        int dim = template.dimension();
        double[] savedRanges = GradientSupport.single(r.matrix(), dim, "variable ranges");
        double[][] savedParents = r.matrix();
        double[][] savedFitness = r.matrix();
        int np = savedParents.length;
        double[] flags = GradientSupport.single(r.matrix(), 2 * np, "parent flags");
        double[] savedCrowding = GradientSupport.single(r.matrix(), np, "crowding distances");
        double[][] savedOffspring = r.matrix();
        int n = params.popSize();
        if ((np != 0 && np != n) || (!restoringFinished() && savedOffspring.length != n) || savedFitness.length != np) {
            throw new IllegalArgumentException("popSize is " + n + ", but the saved state holds " + np + " parents and "
                    + savedOffspring.length + " offspring" + (continuing ? "; continue it with popSize "
                    + Math.max(np, savedOffspring.length) : ""));
        }
        int limit = continuing ? Integer.MAX_VALUE : params.nIteration();
        if (gen < 0 || gen >= limit) {
            throw new IllegalArgumentException("the saved state is at generation " + gen + ", outside 0.."
                    + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
        for (int i = 0; i < np; i++) {
            savedParents[i] = GradientSupport.checked(savedParents[i], dim, "parents[" + i + "]");
            if (savedFitness[i] == null || savedFitness[i].length != weights.size()) {
                throw new IllegalArgumentException("the saved state's fitness[" + i + "] does not have "
                        + weights.size() + " components, one per fitness weight");
            }
        }
        for (int i = 0; i < savedOffspring.length; i++) {
            savedOffspring[i] = GradientSupport.checked(savedOffspring[i], dim, "offspring[" + i + "]");
        }
        ranges = savedRanges.clone();
        parents = savedParents;
        parentFitness = savedFitness;
        parentFailed = new boolean[np];
        parentRank = new int[np];
        for (int i = 0; i < np; i++) {
            parentFailed[i] = flags[i] != 0;
            parentRank[i] = (int) flags[np + i];
        }
        parentCrowding = savedCrowding.clone();
        offspring = savedOffspring;
    }

    @Override
    protected List<Parameters> proposals() {
        return Vectors.individuals(template, offspring);
    }

    private double[] bound(double[] v) {
        return GradientSupport.bound(optimizee, template, v);
    }

    private void logGeneration() {
        if (!LOG.isInfoEnabled()) return;
        int front = 0;
        for (int i = 0; i < parents.length; i++) if (parentRank[i] == 0 && !parentFailed[i]) front++;
        LOG.info("-- End of NSGA-II generation {}: {} of {} parents on the first front --", generation(), front,
                parents.length);
    }
}
