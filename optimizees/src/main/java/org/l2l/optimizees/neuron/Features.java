package org.l2l.optimizees.neuron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.l2l.core.Require;

/** Feature extraction from a sampled voltage trace: see {@link Feature} for the definitions. */
public final class Features {
    /** The spike detection threshold, mV. */
    public static final double SPIKE_THRESHOLD = -20;

    /** The averaging window of {@link Feature#REST} and {@link Feature#DEFLECTION}, ms. */
    static final double WINDOW = 50;

    private Features() {}

    /**
     * The defined features of a trace sampled every {@code dt} ms from time 0 (as {@link NeuronModel#simulate}
     * returns it) under {@code protocol}; an undefined feature is absent from the map.
     */
    public static Map<Feature, Double> extract(double[] v, double dt, StepProtocol protocol) {
        Require.nonNull("trace", v);
        Require.positive("dt", dt);
        Require.nonNull("protocol", protocol);
        if (v.length < 2) throw new IllegalArgumentException("trace must have at least 2 samples, but has " + v.length);
        Map<Feature, Double> out = new EnumMap<>(Feature.class);
        int last = v.length - 1;
        int on = Math.min(last, (int) Math.round(protocol.delay() / dt));
        int off = Math.min(last, (int) Math.round(protocol.end() / dt));

        int restFrom = (int) Math.round((protocol.delay() - Math.min(WINDOW, protocol.delay())) / dt);
        double rest = mean(v, restFrom, Math.max(on, restFrom + 1));
        out.put(Feature.REST, rest);
        double w = Math.min(WINDOW, protocol.duration() / 2);
        int defFrom = Math.min(off - 1, (int) Math.round((protocol.end() - w) / dt));
        out.put(Feature.DEFLECTION, mean(v, Math.max(0, defFrom), Math.max(off, defFrom + 1)) - rest);

        List<Spike> spikes = spikes(v, dt);
        out.put(Feature.SPIKE_COUNT, (double) spikes.size());
        for (Spike s : spikes) {
            if (s.time >= protocol.delay()) {
                out.put(Feature.LATENCY, s.time - protocol.delay());
                break;
            }
        }
        if (spikes.isEmpty()) return out;

        double peak = 0;
        double width = 0;
        int widths = 0;
        for (int k = 0; k < spikes.size(); k++) {
            Spike s = spikes.get(k);
            peak += v[s.peak];
            int from = k == 0 ? 0 : spikes.get(k - 1).down;
            double trough = min(v, from, s.up);
            double wk = halfWidth(v, dt, s.peak, 0.5 * (v[s.peak] + trough));
            if (!Double.isNaN(wk)) {
                width += wk;
                widths++;
            }
        }
        out.put(Feature.AP_PEAK, peak / spikes.size());
        if (widths > 0) out.put(Feature.AP_WIDTH, width / widths);
        if (spikes.size() >= 2) {
            out.put(Feature.ISI, (spikes.get(spikes.size() - 1).time - spikes.get(0).time) / (spikes.size() - 1));
            double ahp = 0;
            for (int k = 0; k + 1 < spikes.size(); k++) ahp += min(v, spikes.get(k).down, spikes.get(k + 1).up);
            out.put(Feature.AHP, ahp / (spikes.size() - 1));
        }
        return out;
    }

    /**
     * A detected spike.
     *
     * @param up the first sample at or above the threshold
     * @param down the first sample after {@code up} below the threshold, or the trace length
     * @param peak the sample of the maximum in {@code [up, down)}
     * @param time the interpolated threshold crossing time, ms
     */
    record Spike(int up, int down, int peak, double time) {}

    /** The spikes of a trace, in time order. */
    static List<Spike> spikes(double[] v, double dt) {
        List<Spike> out = new ArrayList<>();
        int i = 1;
        while (i < v.length) {
            if (v[i - 1] < SPIKE_THRESHOLD && v[i] >= SPIKE_THRESHOLD) {
                int up = i;
                int peak = i;
                int j = i + 1;
                while (j < v.length && v[j] >= SPIKE_THRESHOLD) {
                    if (v[j] > v[peak]) peak = j;
                    j++;
                }
                double frac = (SPIKE_THRESHOLD - v[up - 1]) / (v[up] - v[up - 1]);
                out.add(new Spike(up, j, peak, (up - 1 + frac) * dt));
                i = j;
            } else {
                i++;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The time between the crossings of {@code level} before and after {@code peak}; NaN if either is missing. */
    private static double halfWidth(double[] v, double dt, int peak, double level) {
        int a = peak;
        while (a > 0 && v[a - 1] >= level) a--;
        if (a == 0) return Double.NaN;
        int b = peak;
        while (b + 1 < v.length && v[b + 1] >= level) b++;
        if (b + 1 >= v.length) return Double.NaN;
        double rise = a - 1 + (level - v[a - 1]) / (v[a] - v[a - 1]);
        double fall = b + (v[b] - level) / (v[b] - v[b + 1]);
        return (fall - rise) * dt;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    private static double min(double[] v, int from, int to) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < Math.max(to, from + 1) && i < v.length; i++) m = Math.min(m, v[i]);
        return m;
    }
}
