package org.l2l.optimizees.neuron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.core.TraceProvider;

/**
 * A biophysical neuron to fit or explore: a single-compartment Hodgkin–Huxley model ({@link NeuronModel})
 * whose five conductance densities are the parameters, compared with empirical feature distributions
 * under step-current protocols, as in ISF's exploration from a seed point.
 *
 * <p>An individual has the scalar parameters {@code gNa, gKdr, gKM, gLeak, gKA} (mS/cm², see
 * {@link Conductances}). {@link #createIndividual} draws each uniformly from its range, {@link #bound}
 * clips into the ranges. {@link #simulate} runs the protocols in order ({@link NeuronEvaluator}) and
 * returns
 * <ul>
 *   <li>one fitness component: the worst target's distance from its mean in standard deviations, capped at
 *       {@link NeuronEvaluator#UNDEFINED_DISTANCE} (250), which is also the distance of an undefined feature
 *       and of every target of a protocol that was not run; minimize it (fitness weight -1). With
 *       incremental evaluation an outside model usually gets 250, since later protocols are not run: give
 *       a genetic algorithm {@code incremental = false} so that it sees how far off each model is;
 *   <li>extra data: {@code inside} (Boolean: every targeted feature within {@code maxSd}),
 *       {@code stoppedAt} (String: the first protocol that was outside, where an incremental evaluation
 *       stopped, or {@code ""}), {@code worstTarget} (String: {@code protocol.feature} of the fitness), and
 *       every feature of every protocol as {@code protocol.feature} (Double, e.g. {@code strong.isi};
 *       NaN if undefined or not run), so that every evaluation has the same keys.
 * </ul>
 * Simulations are deterministic; {@link SimulationContext#random()} is not used.
 *
 * <p>The protocols, targets and ranges are read once per JVM from the shipped resources (for a null or
 * blank field) or from the given file paths (relative paths resolve against the working directory, which
 * worker JVMs share with the driver). A bad file fails when the optimizee is constructed, naming the file,
 * line and column.
 *
 * <pre>{@code
 * NeuronOptimizee o = NeuronOptimizee.shipped();
 * SimulationResult r = o.simulate(new Individual(0, 0, SeedPoint.shipped().get(0).params()), context);
 * boolean inside = (Boolean) r.extra().get("inside");
 * }</pre>
 *
 * @param protocols a protocols CSV ({@code name,delay,duration,amplitude,total}), or null / blank for the
 *     shipped {@code protocols.csv} (see {@link StepProtocol})
 * @param targets a targets CSV ({@code protocol,feature,mean,std}), or null / blank for the shipped
 *     {@code targets.csv} (see {@link FeatureTarget})
 * @param ranges a ranges CSV ({@code name,min,max}), or null / blank for the shipped {@code ranges.csv}
 *     (see {@link ParameterRange})
 * @param maxSd how many standard deviations from its mean a feature may be for the model to be inside;
 *     {@code > 0}, {@value #DEFAULT_MAX_SD} by default
 * @param incremental whether to stop after the first protocol that is outside (true by default)
 */
public record NeuronOptimizee(String protocols, String targets, String ranges, double maxSd, boolean incremental)
        implements Optimizee, TraceProvider {
    /** The default of {@link #maxSd}. */
    public static final double DEFAULT_MAX_SD = 3.0;

    private record Setup(NeuronEvaluator evaluator, List<ParameterRange> ranges) {}

    private record Key(String protocols, String targets, String ranges, double maxSd) {}

    /** The files are read once per JVM and setting. */
    private static final Map<Key, Setup> SETUPS = new ConcurrentHashMap<>();

    /** Validates {@code maxSd} and reads and checks the files. */
    public NeuronOptimizee {
        Require.positive("maxSd", maxSd);
        setup(protocols, targets, ranges, maxSd);
    }

    /** The shipped protocols, targets and ranges, {@code maxSd} 3, incremental. */
    public static NeuronOptimizee shipped() {
        return new NeuronOptimizee(null, null, null, DEFAULT_MAX_SD, true);
    }

    /** A copy with another {@link #maxSd}. */
    public NeuronOptimizee withMaxSd(double value) {
        return new NeuronOptimizee(protocols, targets, ranges, value, incremental);
    }

    /** A copy with another {@link #incremental}. */
    public NeuronOptimizee withIncremental(boolean value) {
        return new NeuronOptimizee(protocols, targets, ranges, maxSd, value);
    }

    private static Setup setup(String protocols, String targets, String ranges, double maxSd) {
        return SETUPS.computeIfAbsent(new Key(protocols, targets, ranges, maxSd),
                k -> load(k.protocols(), k.targets(), k.ranges(), k.maxSd()));
    }

    private static Setup load(String protocols, String targets, String ranges, double maxSd) {
        List<StepProtocol> p = StepProtocol.fromCsv(Csv.shippedOr("protocols", protocols, "protocols.csv"));
        List<FeatureTarget> t = FeatureTarget.fromCsv(Csv.shippedOr("targets", targets, "targets.csv"), p);
        List<ParameterRange> r = ParameterRange.fromCsv(Csv.shippedOr("ranges", ranges, "ranges.csv"));
        return new Setup(new NeuronEvaluator(p, t, maxSd, NeuronModel.DT), r);
    }

    private Setup setup() {
        return setup(protocols, targets, ranges, maxSd);
    }

    /** The evaluator: protocols, targets and {@code maxSd}. */
    public NeuronEvaluator evaluator() {
        return setup().evaluator();
    }

    /** The parameter ranges, in the order of {@link Conductances#NAMES}. */
    public List<ParameterRange> parameterRanges() {
        return setup().ranges();
    }

    /** Each conductance drawn uniformly from its range. */
    @Override
    public Parameters createIndividual(RandomGenerator random) {
        Parameters.Builder b = Parameters.builder();
        for (ParameterRange r : parameterRanges()) b.scalar(r.name(), r.denormalize(random.nextDouble()));
        return b.build();
    }

    /** Each conductance clipped into its range. */
    @Override
    public Parameters bound(Parameters params) {
        Parameters.Builder b = Parameters.builder();
        for (ParameterRange r : parameterRanges()) b.scalar(r.name(), r.clip(params.scalar(r.name())));
        return b.build();
    }

    /** Evaluates the model without the runner's bookkeeping. */
    public NeuronEvaluation evaluate(Parameters params) {
        return evaluator().evaluate(Conductances.of(params), incremental);
    }

    /** The fitness and extra data described in the class documentation. */
    @Override
    public SimulationResult simulate(Individual individual, SimulationContext context) {
        NeuronEvaluation e = evaluate(individual.params());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("inside", e.inside());
        extra.put("stoppedAt", e.stoppedAt());
        extra.put("worstTarget", e.worstTarget());
        for (StepProtocol p : evaluator().protocols()) {
            for (Feature f : Feature.values()) extra.put(p.name() + "." + f.id(), e.feature(p.name(), f));
        }
        return new SimulationResult(new double[] {e.worstDistance()}, extra);
    }

    /** The protocol names, in evaluation order. */
    @Override
    public List<String> traceNames() {
        return evaluator().protocols().stream().map(StepProtocol::name).toList();
    }

    /** The membrane potential (mV) against time (ms) under the named protocol, every integration step. */
    @Override
    public Trace trace(Parameters params, String name) {
        NeuronEvaluator ev = evaluator();
        StepProtocol p = ev.protocol(name);
        double[] v = NeuronModel.simulate(Conductances.of(params), p, ev.dt());
        double[] t = new double[v.length];
        for (int i = 0; i < t.length; i++) t[i] = i * ev.dt();
        return new Trace(t, v, "ms", "mV");
    }

    /** A builder holding the documented defaults (the experiment file's optimizee settings go through it). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NeuronOptimizee}; {@link #build()} names a required setting left unset. */
    public static final class Builder {
        private String protocols = "";
        private String targets = "";
        private String ranges = "";
        private double maxSd = DEFAULT_MAX_SD;
        private boolean incremental = true;

        private Builder() {}

        /** The protocols CSV file; default empty: the shipped protocols. */
        public Builder protocols(String v) {
            protocols = v;
            return this;
        }

        /** The feature targets CSV file; default empty: the shipped targets. */
        public Builder targets(String v) {
            targets = v;
            return this;
        }

        /** The parameter ranges CSV file; default empty: the shipped ranges. */
        public Builder ranges(String v) {
            ranges = v;
            return this;
        }

        /**
         * How many standard deviations from its mean a feature may be for the model to be inside; default
         * {@value #DEFAULT_MAX_SD}.
         */
        public Builder maxSd(double v) {
            maxSd = v;
            return this;
        }

        /** Whether evaluation stops at the first protocol outside; default true. */
        public Builder incremental(boolean v) {
            incremental = v;
            return this;
        }

        /** Builds and validates; a message names the setting at fault. */
        public NeuronOptimizee build() {
            return new NeuronOptimizee(protocols, targets, ranges, maxSd, incremental);
        }
    }
}
