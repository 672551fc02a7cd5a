package org.l2l.optimizees.neuron;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of evaluating one model against the targets (ISF's {@code (inside, evaluation)} pair).
 *
 * @param features the defined features of each protocol that was run, in evaluation order; an undefined
 *     feature is absent, a protocol that was not run (incremental evaluation stopped before it) too
 * @param worstDistance the largest distance in standard deviations over all targets, the fitness; see
 *     {@link NeuronEvaluator#UNDEFINED_DISTANCE} for undefined features and protocols that were not run
 * @param worstTarget the key ({@code protocol.feature}) of the target with {@code worstDistance}
 * @param inside whether every protocol was run and every targeted feature is defined and within
 *     {@code maxSd} standard deviations of its mean
 * @param stoppedAt the first protocol with a targeted feature outside (where an incremental evaluation
 *     stops), or {@code ""} if the model is inside
 */
public record NeuronEvaluation(Map<String, Map<Feature, Double>> features, double worstDistance, String worstTarget,
        boolean inside, String stoppedAt) {
    /** Copies the features. */
    public NeuronEvaluation {
        Map<String, Map<Feature, Double>> copy = new LinkedHashMap<>();
        features.forEach((p, f) -> copy.put(p, Collections.unmodifiableMap(
                f.isEmpty() ? new EnumMap<>(Feature.class) : new EnumMap<>(f))));
        features = Collections.unmodifiableMap(copy);
    }

    /** The feature's value, or NaN if it is undefined or its protocol was not run. */
    public double feature(String protocol, Feature feature) {
        Map<Feature, Double> f = features.get(protocol);
        Double v = f == null ? null : f.get(feature);
        return v == null ? Double.NaN : v;
    }
}
