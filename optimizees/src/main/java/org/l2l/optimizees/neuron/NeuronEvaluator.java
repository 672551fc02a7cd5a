package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l2l.core.Require;

/**
 * Runs a model through the protocols and compares its features with the targets, as ISF's
 * {@code evaluation_function_incremental_helper} with a simulator, an evaluator (features in standard
 * deviations from the empirical mean) and a combiner (the maximum).
 *
 * <p>The distance of a feature is {@code |value - mean| / std}, capped at {@link #UNDEFINED_DISTANCE};
 * a targeted feature that is undefined (e.g. the latency of a trace without spikes), or whose protocol was
 * not run, has the distance {@link #UNDEFINED_DISTANCE}. A protocol is <em>inside</em> when each of its
 * targeted features is defined and at most {@code maxSd} away; the model is inside when every protocol is.
 *
 * <p>Incremental evaluation runs the protocols in order and stops after the first protocol that is not
 * inside, so an outside model costs fewer simulations; the protocols after it are not run.
 */
public final class NeuronEvaluator {
    /**
     * The distance given to an undefined feature or a protocol that was not run, and the cap of every
     * distance, so that a defined feature is never worse than an undefined one: 250, as ISF's penalty for a
     * trace without the spikes an objective needs ({@code trace_check_err}'s {@code punish}).
     */
    public static final double UNDEFINED_DISTANCE = 250;

    private final List<StepProtocol> protocols;
    private final List<FeatureTarget> targets;
    private final double maxSd;
    private final double dt;

    /**
     * An evaluator.
     *
     * @param protocols the protocols, in evaluation order
     * @param targets the targets; each must name one of {@code protocols}
     * @param maxSd the largest distance, in standard deviations, of an inside feature; {@code > 0}
     * @param dt the integration step in ms; {@code > 0}
     */
    public NeuronEvaluator(List<StepProtocol> protocols, List<FeatureTarget> targets, double maxSd, double dt) {
        this.protocols = List.copyOf(Require.nonNull("protocols", protocols));
        this.targets = List.copyOf(Require.nonNull("targets", targets));
        this.maxSd = Require.positive("maxSd", maxSd);
        this.dt = Require.positive("dt", dt);
        if (this.protocols.isEmpty()) throw new IllegalArgumentException("protocols must not be empty");
        List<String> names = this.protocols.stream().map(StepProtocol::name).toList();
        for (FeatureTarget t : this.targets) {
            if (!names.contains(t.protocol())) {
                throw new IllegalArgumentException("target " + t.key() + " names an unknown protocol; the protocols are " + names);
            }
        }
    }

    /** The shipped protocols and targets with {@code maxSd} and the default step. */
    public static NeuronEvaluator shipped(double maxSd) {
        return new NeuronEvaluator(StepProtocol.shipped(), FeatureTarget.shipped(), maxSd, NeuronModel.DT);
    }

    /** The protocols, in evaluation order. */
    public List<StepProtocol> protocols() {
        return protocols;
    }

    /** The targets. */
    public List<FeatureTarget> targets() {
        return targets;
    }

    /** The largest distance of an inside feature, in standard deviations. */
    public double maxSd() {
        return maxSd;
    }

    /** The integration step, ms. */
    public double dt() {
        return dt;
    }

    /** The named protocol; fails listing the names if there is none. */
    public StepProtocol protocol(String name) {
        for (StepProtocol p : protocols) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("unknown protocol '" + name + "'; the protocols are "
                + protocols.stream().map(StepProtocol::name).toList());
    }

    /** Evaluates a model; {@code incremental} stops after the first protocol that is not inside. */
    public NeuronEvaluation evaluate(Conductances g, boolean incremental) {
        Map<String, Map<Feature, Double>> features = new LinkedHashMap<>();
        double worst = -1;
        String worstTarget = "";
        String stoppedAt = "";
        for (StepProtocol p : protocols) {
            boolean run = stoppedAt.isEmpty() || !incremental;
            Map<Feature, Double> f = null;
            if (run) {
                f = Features.extract(NeuronModel.simulate(g, p, dt), dt, p);
                features.put(p.name(), f);
            }
            boolean protocolInside = true;
            for (FeatureTarget t : targetsOf(p.name())) {
                double d = f == null ? UNDEFINED_DISTANCE : t.distance(f.get(t.feature()), UNDEFINED_DISTANCE);
                if (d > worst) {
                    worst = d;
                    worstTarget = t.key();
                }
                if (f == null || !f.containsKey(t.feature()) || d > maxSd) protocolInside = false;
            }
            if (run && !protocolInside && stoppedAt.isEmpty()) stoppedAt = p.name();
        }
        return new NeuronEvaluation(features, Math.max(0, worst), worstTarget, stoppedAt.isEmpty(), stoppedAt);
    }

    private List<FeatureTarget> targetsOf(String protocol) {
        List<FeatureTarget> out = new ArrayList<>();
        for (FeatureTarget t : targets) if (t.protocol().equals(protocol)) out.add(t);
        return out;
    }
}
