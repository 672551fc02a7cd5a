package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

class InsideRegionOptimizeeTest {
    private static SimulationResult eval(InsideRegionOptimizee o, double x, double y) {
        Parameters p = Parameters.builder().scalar("x", x).scalar("y", y).scalar("other", 99).build();
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(1), -1));
    }

    @Test
    void aBallContainsPointsWithinItsRadius() {
        InsideRegionOptimizee ball = new InsideRegionOptimizee("ball", Map.of("x", 0.0, "y", 5.0), 1.5);
        SimulationResult in = eval(ball, 0.9, 6.0);
        assertEquals(Boolean.TRUE, in.extra().get("inside"));
        assertEquals(Math.hypot(0.9, 1.0), (Double) in.extra().get("distance"), 1e-12);
        assertEquals(Math.hypot(0.9, 1.0), in.fitness()[0], 1e-12);
        assertEquals(Boolean.FALSE, eval(ball, 1.2, 6.0).extra().get("inside"));
        assertEquals(Parameters.builder().scalar("x", 0).scalar("y", 5).build().toVector().length,
                ball.createIndividual(Rng.seeded(2)).toVector().length);
    }

    @Test
    void aBoxUsesTheLargestPerParameterDistance() {
        InsideRegionOptimizee box = new InsideRegionOptimizee("box", Map.of("x", 0.0, "y", 5.0), 1.0);
        assertEquals(Boolean.TRUE, eval(box, 0.9, 5.9).extra().get("inside"), "a ball of radius 1 would not hold it");
        assertEquals(Boolean.FALSE, eval(box, 1.1, 5.0).extra().get("inside"));
        assertEquals(1.1, (Double) eval(box, 1.1, 5.0).extra().get("distance"), 1e-12);
    }

    @Test
    void badSettingsNameTheField() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new InsideRegionOptimizee("cube", Map.of("x", 0.0), 1)).getMessage();
        assertTrue(m.contains("shape"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new InsideRegionOptimizee("ball", Map.of(), 1)).getMessage();
        assertTrue(m.contains("center"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new InsideRegionOptimizee("ball", Map.of("x", 0.0), -1)).getMessage();
        assertTrue(m.contains("radius"), m);
    }
}
