package org.l2l.optimizers.annealing;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.GradientSupport;
import org.l2l.optimizers.StateBytes;
import org.l2l.optimizers.Vectors;

/**
 * L2L's {@code SimulatedAnnealingOptimizer}: {@code nParallelRuns} independent annealing runs, one individual each.
 *
 * <p>Each run starts at an individual from {@code optimizee.createIndividual} (not bounded, as in L2L) with current
 * fitness {@code -inf}; its first proposal is that point plus {@code N(0, noisyStep) * noisyStep} per coordinate (as
 * L2L writes it), bounded. After each generation the temperature (initially 1) is cooled by the schedule for step
 * {@code k = generation + 1} of {@code nIteration} (start 1, end 0; decay {@code tempDecay} for
 * {@link SimulatedAnnealingSchedule#DEFAULT}, L2L's fixed 0.85 for {@code EXPONENTIAL} and 1 for the other
 * multiplicative schedules); then, run by run, one uniform {@code r} is drawn and the proposal is accepted if
 * {@code r < exp((f - current) / T)} or {@code f >= current}, and the next proposal is the current point plus
 * {@code N(0, 1) * noisyStep * T} per coordinate, bounded. The run finishes after generation
 * {@code nIteration - 1}, or once the best current fitness reaches {@code stopCriterion}.
 *
 * <p>Weighted fitness is the sum of the weighted components; failed evaluations count as {@code -inf}, so they
 * are accepted only while the run's current fitness is {@code -inf} too.
 */
public final class SimulatedAnnealing implements Optimizer {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "simulatedAnnealing";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "simulatedAnnealingResult";
    private static final int STATE_FORMAT = 1;

    private final Optimizee optimizee;
    private final FitnessWeights weights;
    private final SimulatedAnnealingParameters params;
    private final Parameters template;
    private final Rng rng;
    private double[][] current;
    private double[] currentFitness;
    private double[][] proposals;
    private double temperature = 1;
    private int generation;
    private boolean finished;

    /** A new run: creates the starting points and the first proposals. */
    public SimulatedAnnealing(Optimizee optimizee, FitnessWeights weights, SimulatedAnnealingParameters params) {
        this.optimizee = Require.nonNull("optimizee", optimizee);
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.rng = Rng.derive(params.seed(), "SimulatedAnnealing");
        this.template = Require.nonNull("optimizee.createIndividual's result", optimizee.createIndividual(rng));
        int n = params.nParallelRuns();
        current = new double[n][];
        currentFitness = new double[n];
        proposals = new double[n][];
        for (int i = 0; i < n; i++) {
            current[i] = Vectors.flatten(template, optimizee.createIndividual(rng), "optimizee.createIndividual");
            currentFitness[i] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) proposals[i] = step(current[i], params.noisyStep() * params.noisyStep() * temperature);
    }

    private double[] step(double[] from, double scale) {
        double[] v = from.clone();
        for (int j = 0; j < v.length; j++) v[j] += rng.nextGaussian() * scale;
        return GradientSupport.bound(optimizee, template, v);
    }

    /** The decay parameter L2L's simulated annealing uses with {@code schedule}. */
    static double alpha(SimulatedAnnealingSchedule schedule, double tempDecay) {
        return switch (schedule) {
            case DEFAULT -> tempDecay;
            case EXPONENTIAL -> 0.85;
            default -> 1;
        };
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "simulated annealing settings");
        g.add("nParallelRuns", (long) params.nParallelRuns());
        g.add("noisyStep", params.noisyStep());
        g.add("tempDecay", params.tempDecay());
        g.add("nIteration", (long) params.nIteration());
        g.add("stopCriterion", params.stopCriterion());
        g.add("seed", params.seed());
        g.add("coolingSchedule", params.coolingSchedule().name());
    }

    @Override
    public List<Parameters> firstGeneration() {
        if (generation != 0 || finished) throw new IllegalStateException("firstGeneration() is only for a new run");
        return pending();
    }

    /** The proposals awaiting evaluation (empty once finished). */
    public List<Parameters> pending() {
        List<Parameters> out = new ArrayList<>();
        if (finished) return out;
        for (double[] v : proposals) out.add(template.withVector(v));
        return out;
    }

    @Override
    public Step next(GenerationResult result) {
        if (finished) throw new IllegalStateException("simulated annealing has finished; next() must not be called");
        double[] wf = GradientSupport.weightedSums(result, proposals.length, weights);
        SimulatedAnnealingSchedule s = params.coolingSchedule();
        temperature = s.temperature(temperature, alpha(s, params.tempDecay()), 1, 0, generation + 1, params.nIteration());
        double[][] next = new double[proposals.length][];
        for (int i = 0; i < proposals.length; i++) {
            double r = rng.nextDouble();
            double p = Math.exp((wf[i] - currentFitness[i]) / temperature);
            if (r < p || wf[i] >= currentFitness[i]) {
                currentFitness[i] = wf[i];
                current[i] = proposals[i];
            }
            next[i] = step(current[i], params.noisyStep() * temperature);
        }
        proposals = next;
        double best = bestFitness();
        if (best >= params.stopCriterion()) {
            finished = true;
            return Step.finished("the best weighted fitness " + best + " reached stopCriterion=" + params.stopCriterion());
        }
        if (generation >= params.nIteration() - 1) {
            finished = true;
            return Step.finished("simulated annealing completed nIteration=" + params.nIteration() + " generations");
        }
        generation++;
        return Step.next(pending());
    }

    /** The best current weighted fitness over the runs. */
    public double bestFitness() {
        double best = Double.NEGATIVE_INFINITY;
        for (double f : currentFitness) best = Math.max(best, f);
        return best;
    }

    /** The current temperature. */
    public double temperature() {
        return temperature;
    }

    /** Whether {@link #next} has returned {@link Step.Finished}. */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void end(Trajectory trajectory) {
        int best = 0;
        for (int i = 1; i < currentFitness.length; i++) if (currentFitness[i] > currentFitness[best]) best = i;
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "simulated annealing results");
        g.add("finalIndividual", current[best].clone());
        g.add("finalFitness", currentFitness[best]);
        g.add("nIteration", (long) generation + 1);
    }

    @Override
    public byte[] saveState() {
        return new StateBytes.Writer().ints(STATE_FORMAT, generation).bool(finished).longs(rng.state())
                .matrix(new double[][] {{temperature}, currentFitness}).matrix(current).matrix(proposals).toBytes();
    }

    @Override
    public List<Parameters> restoreState(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(Require.nonNull("state", bytes));
        int format = r.integer();
        if (format != STATE_FORMAT) {
            throw new IllegalArgumentException("simulated annealing state format " + format + " is not supported");
        }
        int gen = r.integer();
        boolean done = r.bool();
        long[] rngState = r.longs();
        double[][] scalars = r.matrix();
        double[][] cur = r.matrix();
        double[][] prop = r.matrix();
        int n = params.nParallelRuns();
        if (scalars.length != 2 || scalars[0].length != 1 || scalars[1].length != n || cur.length != n || prop.length != n) {
            throw new IllegalArgumentException("the saved state does not fit nParallelRuns=" + n);
        }
        rng.setState(rngState);
        generation = gen;
        finished = done;
        temperature = scalars[0][0];
        currentFitness = scalars[1];
        current = cur;
        proposals = prop;
        return finished ? null : pending();
    }
}
