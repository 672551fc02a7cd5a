package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

class BurnCpuOptimizeeTest {

    private static SimulationResult run(BurnCpuOptimizee o, Parameters p) {
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(1), -1));
    }

    @Test
    void spendsAtLeastTheRequestedCpuTime() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        boolean cpuClock = bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
        BurnCpuOptimizee o = new BurnCpuOptimizee(30);
        long start = cpuClock ? bean.getCurrentThreadCpuTime() : System.nanoTime();
        SimulationResult r = run(o, Parameters.builder().scalar("x", 0.5).build());
        long spent = (cpuClock ? bean.getCurrentThreadCpuTime() : System.nanoTime()) - start;
        assertTrue(spent >= 30_000_000L, "spent " + spent + " ns");
        double reported = (Double) r.extra().get(BurnCpuOptimizee.CPU_MILLIS);
        assertTrue(reported >= 30 && reported <= spent / 1e6, "reported " + reported + " ms");
        assertArrayEquals(new double[] {0.25}, r.fitness());
    }

    @Test
    void fitnessIsTheSumOfSquaresOfAllParameters() {
        BurnCpuOptimizee o = new BurnCpuOptimizee(0);
        Parameters p = Parameters.builder().scalar("x", -2).array("y", 1, 3).build();
        assertArrayEquals(new double[] {14}, run(o, p).fitness());
        Rng rng = Rng.seeded(4);
        for (int i = 0; i < 1000; i++) {
            double x = o.createIndividual(rng).scalar("x");
            assertTrue(x >= -1 && x < 1, "x = " + x);
        }
    }

    @Test
    void rejectsNegativeMillis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BurnCpuOptimizee(-5));
        assertTrue(e.getMessage().contains("millis") && e.getMessage().contains("-5"), e.getMessage());
    }
}
