package org.l2l.optimizees.neuron;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The electrophysiological features computed from a voltage trace under a {@link StepProtocol}; see
 * {@link Features#extract} for how.
 *
 * <p>Spikes are detected as upward crossings of {@link Features#SPIKE_THRESHOLD} (-20 mV) anywhere in the
 * trace: sample {@code i} with {@code v[i-1] < -20 <= v[i]}; the spike ends at the next sample below
 * -20 mV (or at the end of the trace). A spike's time is the crossing time, linearly interpolated between
 * the two samples. A feature that needs spikes the trace does not have is <em>undefined</em>.
 */
public enum Feature {
    /** {@code rest}, mV: the mean potential over the last 50 ms before stimulus onset (all of them if the delay is shorter). Always defined. */
    REST("rest"),
    /**
     * {@code deflection}, mV: the mean potential over the last 50 ms of the stimulus (the last half if
     * the stimulus is shorter than 100 ms) minus {@code rest}; with a hyperpolarizing step, the input
     * resistance times the current. Always defined.
     */
    DEFLECTION("deflection"),
    /** {@code spikeCount}: the number of spikes in the whole trace. Always defined. */
    SPIKE_COUNT("spikeCount"),
    /** {@code latency}, ms: the time of the first spike at or after stimulus onset, minus the onset. Undefined without such a spike. */
    LATENCY("latency"),
    /** {@code apPeak}, mV: the maximum potential of a spike (between its up- and down-crossing), averaged over the spikes. Undefined without spikes. */
    AP_PEAK("apPeak"),
    /**
     * {@code apWidth}, ms: the width of a spike at half height, averaged over the spikes. Half height is
     * halfway between the spike's peak and the trough before it (the minimum potential since the end of
     * the previous spike, or since the trace start for the first spike); the width is the time between
     * the linearly interpolated crossings of that level before and after the peak. Undefined without a
     * spike whose half-height crossings both lie in the trace.
     */
    AP_WIDTH("apWidth"),
    /** {@code isi}, ms: the mean interval between consecutive spike times. Undefined with fewer than two spikes. */
    ISI("isi"),
    /**
     * {@code ahp}, mV: the afterhyperpolarization depth as an absolute potential (ISF's
     * {@code AHP_depth_abs}): the minimum potential between the end of a spike and the start of the next,
     * averaged over consecutive pairs. Undefined with fewer than two spikes.
     */
    AHP("ahp");

    private final String id;

    Feature(String id) {
        this.id = id;
    }

    /** The name used in targets files and result keys, e.g. {@code spikeCount}. */
    public String id() {
        return id;
    }

    /**
     * The feature with this {@link #id()}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Feature byId(String id) {
        for (Feature f : values()) if (f.id.equals(id)) return f;
        throw new IllegalArgumentException("unknown feature '" + id + "'; the features are "
                + Arrays.stream(values()).map(Feature::id).collect(Collectors.joining(", ")));
    }
}
