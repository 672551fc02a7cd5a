package org.l2l.core;

import java.util.List;

/**
 * An optimizee that can show the time series behind an evaluation (a neuron's voltage under a stimulus
 * protocol), so that {@code l2l inspect --plot} can draw it for chosen individuals.
 */
public interface TraceProvider {
    /** The names of the traces this optimizee can compute, for example its stimulus protocols. */
    List<String> traceNames();

    /** Computes the named trace for {@code params}; fails naming {@code name} if it is unknown. */
    Trace trace(Parameters params, String name) throws Exception;

    /**
     * A sampled time series.
     *
     * @param time sample times, increasing
     * @param value the values, as many as {@code time}
     * @param timeUnit for axis labels, e.g. "ms"
     * @param valueUnit for axis labels, e.g. "mV"
     */
    record Trace(double[] time, double[] value, String timeUnit, String valueUnit) {
        /** Checks that time and value have the same length. */
        public Trace {
            Require.nonNull("time", time);
            Require.nonNull("value", value);
            if (time.length != value.length) {
                throw new IllegalArgumentException("time has " + time.length + " samples but value has " + value.length);
            }
        }
    }
}
