package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

class NoOpOptimizeeTest {

    @Test
    void returnsXAsTheFitness() {
        NoOpOptimizee o = new NoOpOptimizee();
        Parameters p = Parameters.builder().scalar("x", 0.375).build();
        double[] fitness = o.simulate(new Individual(2, 5, p), new SimulationContext(2, 5, 0, Rng.seeded(1), -1))
                .fitness();
        assertArrayEquals(new double[] {0.375}, fitness);
        assertEquals(p, o.bound(p));
    }

    @Test
    void drawsXFromTheUnitInterval() {
        NoOpOptimizee o = new NoOpOptimizee();
        Rng rng = Rng.seeded(2);
        double min = 1;
        double max = 0;
        for (int i = 0; i < 1000; i++) {
            Parameters p = o.createIndividual(rng);
            assertEquals(java.util.List.of("x"), p.names());
            double x = p.scalar("x");
            assertTrue(x >= 0 && x < 1, "x = " + x);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min < 0.05 && max > 0.95, min + ".." + max);
    }
}
