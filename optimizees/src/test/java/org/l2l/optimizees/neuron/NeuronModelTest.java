package org.l2l.optimizees.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeuronModelTest {

    private static List<Conductances> models() {
        List<Conductances> out = new ArrayList<>();
        for (SeedPoint s : SeedPoint.shipped()) out.add(s.conductances());
        return out;
    }

    @Test
    void halvingTheStepKeepsSpikeCountsAndChangesFeaturesLittle() {
        for (Conductances g : models()) {
            for (StepProtocol p : StepProtocol.shipped()) {
                double dt = NeuronModel.DT;
                Map<Feature, Double> coarse = Features.extract(NeuronModel.simulate(g, p, dt), dt, p);
                Map<Feature, Double> fine = Features.extract(NeuronModel.simulate(g, p, dt / 2), dt / 2, p);
                String where = g + " " + p.name();
                assertEquals(fine.keySet(), coarse.keySet(), where);
                assertEquals(fine.get(Feature.SPIKE_COUNT), coarse.get(Feature.SPIKE_COUNT), where);
                assertEquals(fine.get(Feature.REST), coarse.get(Feature.REST), 0.01, where);
                assertEquals(fine.get(Feature.DEFLECTION), coarse.get(Feature.DEFLECTION), 0.1, where);
                if (fine.containsKey(Feature.AP_PEAK)) {
                    assertEquals(fine.get(Feature.LATENCY), coarse.get(Feature.LATENCY), 0.1, where);
                    assertEquals(fine.get(Feature.AP_PEAK), coarse.get(Feature.AP_PEAK), 0.5, where);
                    assertEquals(fine.get(Feature.AP_WIDTH), coarse.get(Feature.AP_WIDTH), 0.02, where);
                }
                if (fine.containsKey(Feature.ISI)) {
                    assertEquals(fine.get(Feature.ISI), coarse.get(Feature.ISI), 0.01 * fine.get(Feature.ISI), where);
                    assertEquals(fine.get(Feature.AHP), coarse.get(Feature.AHP), 0.2, where);
                }
            }
        }
    }

    @Test
    void aPassiveMembraneFollowsTheExactExponential() {
        Conductances leak = new Conductances(0, 0, 0, 0.1, 0);
        assertEquals(NeuronModel.E_LEAK, NeuronModel.restingPotential(leak), 1e-9);
        StepProtocol p = new StepProtocol("step", 10, 50, -0.25, 80);
        double dt = NeuronModel.DT;
        double[] v = NeuronModel.simulate(leak, p, dt);
        double deltaV = -0.25e-3 / NeuronModel.AREA_CM2 / 0.1; // µA/cm² / mS/cm² = mV
        double tau = NeuronModel.CM / 0.1;
        for (int i = 0; i < v.length; i++) {
            double t = i * dt;
            double expected = NeuronModel.E_LEAK;
            if (t > 10 + 1e-9) expected += deltaV * (1 - Math.exp(-(Math.min(t, 60) - 10) / tau));
            if (t > 60 + 1e-9) expected = NeuronModel.E_LEAK + (deltaV * (1 - Math.exp(-50 / tau))) * Math.exp(-(t - 60) / tau);
            assertEquals(expected, v[i], 1e-9, "t = " + t);
        }
        assertEquals(-8.6, deltaV, 0.05, "1 nA is about 3.45 µA/cm²");
    }

    @Test
    void startsAtARestThatNeedsNoCurrent() {
        for (Conductances g : models()) {
            double rest = NeuronModel.restingPotential(g);
            assertEquals(0, NeuronModel.steadyCurrent(g, rest), 1e-9, g.toString());
            assertTrue(rest > -90 && rest < -55, g + ": " + rest);
            double[] v = NeuronModel.simulate(g, new StepProtocol("none", 10, 10, 0, 300));
            for (double x : v) assertEquals(rest, x, 1e-6, g.toString());
        }
    }

    @Test
    void moreCurrentGivesMoreSpikes() {
        Conductances g = Conductances.REFERENCE;
        double previous = -1;
        for (double amp : new double[] {0.3, 0.7, 1.0, 1.5, 2.0}) {
            StepProtocol p = new StepProtocol("step", 100, 300, amp, 450);
            double count = Features.extract(NeuronModel.simulate(g, p), NeuronModel.DT, p).get(Feature.SPIKE_COUNT);
            assertTrue(count > previous || previous == 0 && count == 0, amp + " nA: " + count + " after " + previous);
            previous = count;
        }
        assertTrue(previous > 15, "a 2 nA step fires repetitively: " + previous);
    }

    @Test
    void withoutSodiumThereAreNoSpikes() {
        Conductances g = new Conductances(0, 5, 0.07, 0.1, 1);
        StepProtocol p = new StepProtocol("step", 100, 300, 2.0, 450);
        Map<Feature, Double> f = Features.extract(NeuronModel.simulate(g, p), NeuronModel.DT, p);
        assertEquals(0.0, f.get(Feature.SPIKE_COUNT));
        assertTrue(f.get(Feature.DEFLECTION) > 10, "depolarized: " + f);
    }
}
