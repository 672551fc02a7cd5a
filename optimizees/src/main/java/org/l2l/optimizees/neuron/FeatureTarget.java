package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Require;

/**
 * The empirical distribution of one feature under one protocol, as in ISF's table of objectives: a model
 * matches it when the feature lies within a number of standard deviations of the mean.
 *
 * <p>A targets file has the columns {@code protocol,feature,mean,std}, one row per target; {@code #}
 * lines are comments. The shipped {@code targets.csv} documents how its values were chosen.
 *
 * @param protocol the name of the {@link StepProtocol}
 * @param feature the feature
 * @param mean the target mean, in the feature's unit
 * @param std the standard deviation; finite and {@code > 0}
 */
public record FeatureTarget(String protocol, Feature feature, double mean, double std) {
    /** The columns of a targets file. */
    static final List<String> COLUMNS = List.of("protocol", "feature", "mean", "std");

    /** Validates the fields. */
    public FeatureTarget {
        Require.nonBlank("protocol", protocol);
        Require.nonNull("feature", feature);
        Require.finite("mean", mean);
        Require.positive("std", std);
    }

    /** The key of this target's value in results: {@code protocol.feature}, e.g. {@code strong.isi}. */
    public String key() {
        return protocol + "." + feature.id();
    }

    /**
     * The distance of {@code value} from the mean in standard deviations, {@code |value - mean| / std},
     * capped at {@code cap}; {@code cap} if the value is undefined ({@code null} or NaN).
     */
    public double distance(Double value, double cap) {
        if (value == null || value.isNaN()) return cap;
        return Math.min(cap, Math.abs(value - mean) / std);
    }

    /** The shipped targets, checked against the shipped protocols. */
    public static List<FeatureTarget> shipped() {
        return fromCsv(Csv.resource("targets.csv"), StepProtocol.shipped());
    }

    /**
     * The targets of a file, checked against {@code protocols}.
     *
     * @throws IllegalArgumentException naming the file, line and column of a bad cell, an unknown protocol
     *     or feature, or a repeated protocol and feature
     */
    public static List<FeatureTarget> load(String path, List<StepProtocol> protocols) {
        return fromCsv(Csv.file("targets", path), protocols);
    }

    static List<FeatureTarget> fromCsv(Csv csv, List<StepProtocol> protocols) {
        csv.requireHeader(COLUMNS).requireRows();
        List<String> names = protocols.stream().map(StepProtocol::name).toList();
        List<FeatureTarget> out = new ArrayList<>();
        for (Csv.Row row : csv.rows()) {
            String protocol = csv.text(row, "protocol");
            if (!names.contains(protocol)) {
                throw csv.error(row, "protocol", "unknown protocol '" + protocol + "'; the protocols are " + names);
            }
            Feature feature;
            try {
                feature = Feature.byId(csv.text(row, "feature"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(csv.error(row, "feature", e.getMessage()).getMessage(), e);
            }
            double mean = csv.number(row, "mean");
            double std = csv.number(row, "std");
            if (!(std > 0)) throw csv.error(row, "std", "must be > 0, but was " + std);
            FeatureTarget t = new FeatureTarget(protocol, feature, mean, std);
            for (FeatureTarget o : out) {
                if (o.key().equals(t.key())) throw csv.error(row, "feature", "target " + t.key() + " appears twice");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }
}
