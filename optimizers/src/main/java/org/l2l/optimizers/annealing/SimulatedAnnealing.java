package org.l2l.optimizers.annealing;

import java.util.ArrayList;
import java.util.List;
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
public final class SimulatedAnnealing extends GenerationalOptimizer<SimulatedAnnealingParameters> {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "simulatedAnnealing";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "simulatedAnnealingResult";
    private static final int STATE_FORMAT = 1;

    private final Optimizee optimizee;
    private final Parameters template;
    private double[][] current;
    private double[] currentFitness;
    private double[][] proposals;
    private double temperature = 1;

    /** A new run: creates the starting points and the first proposals. */
    public SimulatedAnnealing(Optimizee optimizee, FitnessWeights weights, SimulatedAnnealingParameters params) {
        super("simulated annealing", PARAMETER_GROUP, STATE_FORMAT, weights, params,
                Rng.derive(Require.nonNull("params", params).seed(), "SimulatedAnnealing"));
        this.optimizee = Require.nonNull("optimizee", optimizee);
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
    protected List<Parameters> proposals() {
        List<Parameters> out = new ArrayList<>();
        for (double[] v : proposals) out.add(template.withVector(v));
        return out;
    }

    @Override
    protected String learn(GenerationResult result) {
        double[] wf = GradientSupport.weightedSums(result, proposals.length, weights);
        SimulatedAnnealingSchedule s = params.coolingSchedule();
        int generation = generation();
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
            return "the best weighted fitness " + best + " reached stopCriterion=" + params.stopCriterion();
        }
        if (generation >= params.nIteration() - 1) {
            return "simulated annealing completed nIteration=" + params.nIteration() + " generations";
        }
        return null;
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

    @Override
    public void end(Trajectory trajectory) {
        int best = 0;
        for (int i = 1; i < currentFitness.length; i++) if (currentFitness[i] > currentFitness[best]) best = i;
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "simulated annealing results");
        g.add("finalIndividual", current[best].clone());
        g.add("finalFitness", currentFitness[best]);
        g.add("nIteration", (long) generation() + 1);
    }

    @Override
    protected void writeState(StateBytes.Writer w) {
        w.matrix(new double[][] {{temperature}, currentFitness}).matrix(current).matrix(proposals);
    }

    @Override
    protected void readState(StateBytes.Reader r, int generation) {
        double[][] scalars = r.matrix();
        double[][] cur = r.matrix();
        double[][] prop = r.matrix();
        int n = params.nParallelRuns();
        if (scalars.length != 2 || scalars[0].length != 1 || scalars[1].length != n || cur.length != n || prop.length != n) {
            throw new IllegalArgumentException("the saved state does not fit nParallelRuns=" + n);
        }
        temperature = scalars[0][0];
        currentFitness = scalars[1];
        current = cur;
        proposals = prop;
    }

    /** The proposals are computed before the run stops, so a finished run can go on with more iterations. */
    @Override
    protected int lastGeneration() {
        return params.nIteration() - 1;
    }
}
