package org.l2l.optimizers.annealing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
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
 * L2L's {@code ParallelTemperingOptimizer}: {@code nParallelRuns} simulated annealing replicas, each with its own
 * cooling schedule, temperature bounds and decay, one individual each per generation, with replica exchange between
 * neighbouring temperatures.
 *
 * <p>Replica {@code s} starts at an individual from {@code optimizee.createIndividual} (not bounded, as in L2L) with
 * current fitness {@code -inf} and temperature {@code start_s}; its first proposal is that point plus
 * {@code N(0, noisyStep) * noisyStep} per coordinate (as L2L writes it), bounded. After each generation {@code g}:
 *
 * <ol>
 *   <li>every replica's temperature is cooled by its {@link SimulatedAnnealingSchedule} for step {@code k = g + 1} of
 *       {@code nIteration}, with {@code T0 = start_s}, {@code Tn = end_s} and {@code alpha = decay_s};</li>
 *   <li>replica by replica, one uniform {@code r} is drawn and its proposal (weighted fitness {@code f}) replaces its
 *       current point (fitness {@code c}) if {@code r < exp((f - c) / T_s)} or {@code f >= c};</li>
 *   <li>if {@code (g + 1)} is a multiple of {@code swapInterval}, replicas at neighbouring temperatures are offered an
 *       exchange (below);</li>
 *   <li>each replica's next proposal is its current point plus {@code N(0, 1) * noisyStep * T_s} per coordinate,
 *       bounded.</li>
 * </ol>
 *
 * <p><b>Replica exchange.</b> The replicas are ordered by their current temperature (ties by index). At the
 * {@code e}-th exchange ({@code e = 0, 1, ...}) the neighbouring pairs {@code (0,1), (2,3), ...} of that order are
 * offered a swap when {@code e} is even, {@code (1,2), (3,4), ...} when it is odd (the deterministic even-odd
 * scheme). For a pair {@code i, j} with costs {@code E = -f} (the negated weighted fitness of their current points)
 * the swap is accepted with probability {@code min(1, exp((E_i - E_j) (1/T_i - 1/T_j)))}, one uniform draw per pair:
 * always when the hotter replica holds the better point, which thereby moves to the colder temperature. A swap
 * exchanges the current points and their fitness; the temperatures, schedules and bounds stay with their slots.
 *
 * <p>A fixed temperature ladder, classic parallel tempering, is a {@code LINEAR_ADDITIVE} schedule with
 * {@code start = end} for every replica, for example geometric from 5 down to 0.01 (the setting of
 * {@code l2l bench quality} and {@code examples/pt-rastrigin.json}).
 *
 * <p>The run finishes after generation {@code nIteration - 1}, or once the best current fitness reaches
 * {@code stopCriterion}. Weighted fitness is the sum of the weighted components; failed evaluations count as
 * {@code -inf}.
 *
 * <p><b>Deviations from L2L.</b> L2L's optimizer never exchanges replicas: the partner it draws for run {@code i} is
 * always {@code i} itself (its candidate list repeats {@code i}), so its runs are independent annealings; its swap
 * test would also use {@code exp(-|ΔE (1/(5 T_1) - 1/(5 T_2))|)}, which never favours moving the better point to the
 * colder replica. Here exchanges are real, with the Metropolis criterion above, at a documented interval. L2L draws
 * from the global {@code numpy} and {@code random} generators; here all randomness comes from one {@link Rng}
 * derived from {@code seed}, saved with every checkpoint. L2L's start temperatures are a view of its bounds array,
 * so cooling overwrites the bounds' start values; here the bounds stay as given. The additive schedules use
 * {@code T0 - Tn} as documented, as in {@link SimulatedAnnealing}.
 */
public final class ParallelTempering extends GenerationalOptimizer<ParallelTemperingParameters> {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "parallelTempering";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "parallelTemperingResult";
    private static final int STATE_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ParallelTempering.class);

    private final Optimizee optimizee;
    private final Parameters template;
    private final double[][] bounds;
    private final double[] decay;
    private double[][] current;
    private double[] currentFitness;
    private double[][] proposals;
    private double[] temperature;
    private long swapsAttempted;
    private long swapsAccepted;

    /** A new run: creates the starting points and the first proposals. */
    public ParallelTempering(Optimizee optimizee, FitnessWeights weights, ParallelTemperingParameters params) {
        super("parallel tempering", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "ParallelTempering"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        this.bounds = params.temperatureBounds();
        this.decay = params.decayParameters();
        int n = params.nParallelRuns();
        current = new double[n][];
        currentFitness = new double[n];
        proposals = new double[n][];
        temperature = new double[n];
        for (int i = 0; i < n; i++) {
            current[i] = Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
            currentFitness[i] = Double.NEGATIVE_INFINITY;
            temperature[i] = bounds[i][0];
        }
        for (int i = 0; i < n; i++) proposals[i] = step(current[i], params.noisyStep() * params.noisyStep());
    }

    private double[] step(double[] from, double scale) {
        double[] v = from.clone();
        for (int j = 0; j < v.length; j++) v[j] += rng.nextGaussian() * scale;
        return GradientSupport.bound(optimizee, template, v);
    }

    /**
     * The probability that replicas {@code i} and {@code j}, with current weighted fitness {@code fi}, {@code fj}
     * (larger is better) at temperatures {@code ti}, {@code tj}, swap their points:
     * {@code min(1, exp((E_i - E_j) (1/T_i - 1/T_j)))} with costs {@code E = -f}. Equal fitness or equal temperatures
     * give 1 (the swap changes nothing), also where infinities would make the product undefined.
     */
    static double swapProbability(double fi, double fj, double ti, double tj) {
        double dCost = fj - fi; // E_i - E_j
        double dBeta = 1 / ti - 1 / tj;
        if (!(dCost != 0) || !(dBeta != 0)) return 1;
        double x = dCost * dBeta;
        if (Double.isNaN(x)) return 1;
        return x >= 0 ? 1 : Math.exp(x);
    }

    @Override
    public void describe(Trajectory trajectory) {
        int n = params.nParallelRuns();
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = bounds[i][0];
            ends[i] = bounds[i][1];
        }
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "parallel tempering settings");
        g.add("nParallelRuns", (long) n);
        g.add("noisyStep", params.noisyStep());
        g.add("nIteration", (long) params.nIteration());
        g.add("stopCriterion", params.stopCriterion());
        g.add("seed", params.seed());
        g.add("coolingSchedules", params.coolingSchedules().stream().map(Enum::name).collect(Collectors.joining(" ")));
        g.add("temperatureBounds.start", starts);
        g.add("temperatureBounds.end", ends);
        g.add("decayParameters", decay.clone());
        g.add("swapInterval", (long) params.swapInterval());
    }

    /** The proposals awaiting evaluation, one per replica. */
    @Override
    protected List<Parameters> proposals() {
        List<Parameters> out = new ArrayList<>();
        for (double[] v : proposals) out.add(template.withVector(v));
        return out;
    }

    @Override
    protected String learn(GenerationResult result) {
        int generation = generation();
        int n = proposals.length;
        double[] wf = GradientSupport.weightedSums(result, n, weights);
        for (int i = 0; i < n; i++) {
            temperature[i] = params.coolingSchedules().get(i).temperature(temperature[i], decay[i], bounds[i][0],
                    bounds[i][1], generation + 1, params.nIteration());
        }
        for (int i = 0; i < n; i++) {
            double r = rng.nextDouble();
            double p = Math.exp((wf[i] - currentFitness[i]) / temperature[i]);
            if (r < p || wf[i] >= currentFitness[i]) {
                currentFitness[i] = wf[i];
                current[i] = proposals[i];
            }
        }
        if ((generation + 1) % params.swapInterval() == 0) exchange((generation + 1) / params.swapInterval() - 1);
        double[][] next = new double[n][];
        for (int i = 0; i < n; i++) next[i] = step(current[i], params.noisyStep() * temperature[i]);
        proposals = next;
        double best = bestFitness();
        LOG.debug("PT generation {}: best current fitness {}, temperatures {}", generation, best,
                Arrays.toString(temperature));
        if (best >= params.stopCriterion()) {
            return "the best weighted fitness " + best + " reached stopCriterion=" + params.stopCriterion();
        }
        if (generation >= params.nIteration() - 1) {
            return "parallel tempering completed nIteration=" + params.nIteration() + " generations";
        }
        return null;
    }

    /** The {@code e}-th exchange: neighbouring pairs in temperature order, even or odd pairs by {@code e}'s parity. */
    private void exchange(int e) {
        int n = temperature.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> temperature[i]));
        for (int k = e % 2; k + 1 < n; k += 2) {
            int a = order[k];
            int b = order[k + 1];
            double p = swapProbability(currentFitness[a], currentFitness[b], temperature[a], temperature[b]);
            swapsAttempted++;
            if (rng.nextDouble() < p) {
                swapsAccepted++;
                double[] x = current[a];
                current[a] = current[b];
                current[b] = x;
                double f = currentFitness[a];
                currentFitness[a] = currentFitness[b];
                currentFitness[b] = f;
            }
        }
    }

    /** The best current weighted fitness over the replicas. */
    public double bestFitness() {
        double best = Double.NEGATIVE_INFINITY;
        for (double f : currentFitness) best = Math.max(best, f);
        return best;
    }

    /** The replicas' current weighted fitness, by replica (temperature slot). */
    public double[] currentFitness() {
        return currentFitness.clone();
    }

    /** The replicas' current points, by replica. */
    public List<Parameters> currentIndividuals() {
        List<Parameters> out = new ArrayList<>();
        for (double[] v : current) out.add(template.withVector(v));
        return out;
    }

    /** The replicas' current temperatures. */
    public double[] temperatures() {
        return temperature.clone();
    }

    /** The number of replica exchanges offered so far. */
    public long swapsAttempted() {
        return swapsAttempted;
    }

    /** The number of replica exchanges accepted so far. */
    public long swapsAccepted() {
        return swapsAccepted;
    }

    /** Records the best current point, its fitness, the exchange counts and the final temperatures. */
    @Override
    public void end(Trajectory trajectory) {
        int best = 0;
        for (int i = 1; i < currentFitness.length; i++) if (currentFitness[i] > currentFitness[best]) best = i;
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "parallel tempering results");
        Parameters last = template.withVector(current[best]);
        for (String name : last.names()) {
            g.add("finalIndividual." + name, last.isArray(name) ? last.array(name) : (Object) last.scalar(name));
        }
        g.add("finalFitness", currentFitness[best]);
        g.add("nIteration", (long) generation() + 1);
        g.add("swapsAttempted", swapsAttempted);
        g.add("swapsAccepted", swapsAccepted);
        g.add("finalTemperatures", temperature.clone());
        LOG.info("-- End of parallel tempering: best {} with fitness {}; {} of {} exchanges accepted --", last,
                currentFitness[best], swapsAccepted, swapsAttempted);
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.longs(new long[] {swapsAttempted, swapsAccepted})
                .matrix(new double[][] {temperature.clone(), currentFitness.clone()}).matrix(current).matrix(proposals);
    }

    @Override
    protected void readState(StateBytes.Reader r, int gen) {
        long[] counts = r.longs();
        double[][] perRun = r.matrix();
        double[][] cur = r.matrix();
        double[][] prop = r.matrix();
        int n = params.nParallelRuns();
        if (counts.length != 2 || perRun.length != 2 || perRun[0] == null || perRun[0].length != n
                || perRun[1] == null || perRun[1].length != n || cur.length != n || prop.length != n) {
            throw new IllegalArgumentException("the saved state does not fit nParallelRuns=" + n);
        }
        if (gen < 0 || gen >= params.nIteration()) {
            throw new IllegalArgumentException("the saved state is at generation " + gen + ", outside 0.."
                    + (params.nIteration() - 1) + " allowed by nIteration " + params.nIteration());
        }
        int dim = template.dimension();
        for (int i = 0; i < n; i++) {
            cur[i] = GradientSupport.checked(cur[i], dim, "current[" + i + "]");
            prop[i] = GradientSupport.checked(prop[i], dim, "proposals[" + i + "]");
        }
        swapsAttempted = counts[0];
        swapsAccepted = counts[1];
        temperature = perRun[0];
        currentFitness = perRun[1];
        current = cur;
        proposals = prop;
    }

    /** The proposals are computed before the run stops, so a finished run can go on with more iterations. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }
}
