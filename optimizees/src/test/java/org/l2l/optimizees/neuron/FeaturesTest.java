package org.l2l.optimizees.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    private static final double DT = 0.01;
    private static final StepProtocol STEP = new StepProtocol("step", 100, 200, 0.5, 400);

    /** A trace of {@code total} ms at {@code level} mV. */
    private static double[] flat(double total, double level) {
        double[] v = new double[(int) Math.round(total / DT) + 1];
        Arrays.fill(v, level);
        return v;
    }

    private static void fill(double[] v, double from, double to, double level) {
        for (int i = (int) Math.round(from / DT); i < Math.round(to / DT); i++) v[i] = level;
    }

    /**
     * A triangular spike from {@code base} at {@code start} up to {@code peak} in 1 ms and back down in 1 ms
     * (slope {@code (peak - base)} mV/ms), so its threshold crossing and half-height width are known exactly.
     */
    private static void spike(double[] v, double start, double base, double peak) {
        int s = (int) Math.round(start / DT);
        int n = (int) Math.round(1 / DT);
        for (int k = 0; k <= n; k++) {
            v[s + k] = base + (peak - base) * k / n;
            v[s + 2 * n - k] = base + (peak - base) * k / n;
        }
    }

    @Test
    void aFlatTraceHasRestAndNoSpikeFeatures() {
        Map<Feature, Double> f = Features.extract(flat(400, -65), DT, STEP);
        assertEquals(-65, f.get(Feature.REST), 1e-12);
        assertEquals(0, f.get(Feature.DEFLECTION), 1e-12);
        assertEquals(0.0, f.get(Feature.SPIKE_COUNT));
        for (Feature undefined : new Feature[] {Feature.LATENCY, Feature.AP_PEAK, Feature.AP_WIDTH, Feature.ISI, Feature.AHP}) {
            assertFalse(f.containsKey(undefined), undefined + " must be undefined without spikes");
        }
    }

    @Test
    void restAndDeflectionAverageTheirWindows() {
        double[] v = flat(400, -70);
        fill(v, 0, 50, -90);            // before the 50 ms rest window: ignored
        fill(v, 100, 250, -75);         // stimulus, before its last 50 ms: ignored
        fill(v, 250, 300, -80);         // the last 50 ms of the stimulus
        Map<Feature, Double> f = Features.extract(v, DT, STEP);
        assertEquals(-70, f.get(Feature.REST), 1e-12);
        assertEquals(-10, f.get(Feature.DEFLECTION), 1e-12);
    }

    @Test
    void spikeFeaturesOfTriangularSpikesAreExact() {
        double[] v = flat(400, -70);
        // spikes start at 110, 130, 150 ms: crossings of -20 mV half way up (0.5 ms), peaks at +30 mV
        spike(v, 110, -70, 30);
        spike(v, 130, -70, 30);
        spike(v, 150, -70, 30);
        fill(v, 120, 121, -75);         // AHP trough between spikes 1 and 2
        fill(v, 140, 141, -73);         // and between 2 and 3
        Map<Feature, Double> f = Features.extract(v, DT, STEP);
        assertEquals(3.0, f.get(Feature.SPIKE_COUNT));
        assertEquals(10.5, f.get(Feature.LATENCY), 1e-9);
        assertEquals(30, f.get(Feature.AP_PEAK), 1e-9);
        assertEquals(20, f.get(Feature.ISI), 1e-9);
        assertEquals(-74, f.get(Feature.AHP), 1e-9);
        // half height from the trough before: -20 (first spike, trough -70), -22.5 (trough -75), -21.5 (-73);
        // a triangle of slope 100 mV/ms is 2 (30 - level) / 100 ms wide at that level
        double expected = (1.0 + 1.05 + 1.03) / 3;
        assertEquals(expected, f.get(Feature.AP_WIDTH), 1e-9);
    }

    @Test
    void latencyIsFromTheFirstSpikeAfterOnsetAndCountIncludesEarlierSpikes() {
        double[] v = flat(400, -70);
        spike(v, 50, -70, 20);          // a spontaneous spike before the stimulus
        spike(v, 160.25, -70, 20);
        Map<Feature, Double> f = Features.extract(v, DT, STEP);
        assertEquals(2.0, f.get(Feature.SPIKE_COUNT));
        assertEquals(60.25 + 0.5 / 0.9 * 1, f.get(Feature.LATENCY), 1e-9, "crossing of -20 at 50/90 of the 1 ms rise");
        assertEquals(20, f.get(Feature.AP_PEAK), 1e-9);
    }

    @Test
    void aTraceEndingAboveThresholdCountsTheSpikeButHasNoWidthForIt() {
        double[] v = flat(400, -70);
        for (int i = (int) Math.round(390 / DT); i < v.length; i++) v[i] = 0;
        Map<Feature, Double> f = Features.extract(v, DT, STEP);
        assertEquals(1.0, f.get(Feature.SPIKE_COUNT));
        assertEquals(0, f.get(Feature.AP_PEAK), 1e-12);
        assertFalse(f.containsKey(Feature.AP_WIDTH));
        assertFalse(f.containsKey(Feature.ISI));
    }

    @Test
    void spikeDetectionUsesUpwardCrossingsOfMinus20() {
        double[] v = flat(400, -70);
        fill(v, 200, 201, -20);         // reaching the threshold exactly counts
        fill(v, 300, 301, -20.001);     // just below does not
        assertEquals(1.0, Features.extract(v, DT, STEP).get(Feature.SPIKE_COUNT));
        assertEquals(1, Features.spikes(v, DT).size());
        assertEquals(200, Features.spikes(v, DT).get(0).time(), 1e-9, "the sample that reaches -20 mV");
    }

    @Test
    void featureIdsRoundTripAndUnknownNamesAreListed() {
        for (Feature f : Feature.values()) assertEquals(f, Feature.byId(f.id()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Feature.byId("spikecount"));
        assertTrue(e.getMessage().contains("spikecount") && e.getMessage().contains("spikeCount"), e.getMessage());
    }
}
