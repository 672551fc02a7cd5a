package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

class MultiObjectiveOptimizeeTest {
    @Test
    void defaultsAndValidation() {
        assertEquals(30, new MultiObjectiveOptimizee("ZDT1", 0).dimension());
        assertEquals(1, new MultiObjectiveOptimizee("SchafferN1", 0).dimension());
        assertEquals(3, new MultiObjectiveOptimizee("FonsecaFleming", 0).dimension());
        assertEquals(5, new MultiObjectiveOptimizee("ZDT2", 5).dimension());
        assertEquals("problem must be one of [ZDT1, ZDT2, SchafferN1, FonsecaFleming], but was \"ZDT3\"",
                assertThrows(IllegalArgumentException.class, () -> new MultiObjectiveOptimizee("ZDT3", 0)).getMessage());
        assertEquals("dimension of SchafferN1 must be 1, but was 2",
                assertThrows(IllegalArgumentException.class, () -> new MultiObjectiveOptimizee("SchafferN1", 2)).getMessage());
        assertEquals("dimension of ZDT1 must be >= 2, but was 1",
                assertThrows(IllegalArgumentException.class, () -> new MultiObjectiveOptimizee("ZDT1", 1)).getMessage());
    }

    @Test
    void objectivesHaveTheTextbookValues() {
        MultiObjectiveOptimizee zdt1 = new MultiObjectiveOptimizee("ZDT1", 3);
        // g = 1 + 9 (0.5 + 0.5) / 2 = 5.5, f2 = 5.5 (1 - sqrt(0.25 / 5.5))
        assertArrayEquals(new double[] {0.25, 5.5 * (1 - Math.sqrt(0.25 / 5.5))}, zdt1.objectives(new double[] {0.25, 0.5, 0.5}), 1e-12);
        assertArrayEquals(new double[] {0.25, 1 - 0.0625}, new MultiObjectiveOptimizee("ZDT2", 3).objectives(new double[] {0.25, 0, 0}), 1e-12);
        assertArrayEquals(new double[] {9, 1}, new MultiObjectiveOptimizee("SchafferN1", 1).objectives(new double[] {3}), 1e-12);
        double c = 1 / Math.sqrt(3);
        double[] fon = new MultiObjectiveOptimizee("FonsecaFleming", 3).objectives(new double[] {c, c, c});
        assertEquals(0, fon[0], 1e-12);
        assertEquals(1 - Math.exp(-4), fon[1], 1e-12);
    }

    @Test
    void pointsOfTheParetoSetLieOnTheParetoFrontAndOthersDoNot() {
        Rng rng = Rng.seeded(3);
        for (String name : MultiObjectiveOptimizee.PROBLEMS) {
            MultiObjectiveOptimizee o = new MultiObjectiveOptimizee(name, 0);
            for (int k = 0; k < 20; k++) {
                double[] x = new double[o.dimension()];
                double u = rng.nextDouble();
                switch (name) {
                    case "ZDT1", "ZDT2" -> x[0] = u; // the other variables 0: g = 1
                    case "SchafferN1" -> x[0] = 2 * u;
                    default -> java.util.Arrays.fill(x, (2 * u - 1) / Math.sqrt(3));
                }
                assertTrue(o.distanceToFront(o.objectives(x)) < 1e-3, name + " at " + java.util.Arrays.toString(x));
            }
            double[] off = new double[o.dimension()];
            java.util.Arrays.fill(off, name.equals("FonsecaFleming") ? 1.5 : 0.9);
            if (name.equals("SchafferN1")) off[0] = 5;
            assertTrue(o.distanceToFront(o.objectives(off)) > 0.05, name + " away from the Pareto set");
        }
    }

    @Test
    void individualsAreCreatedAndClippedInTheBoxAndSimulateReturnsBothObjectives() {
        MultiObjectiveOptimizee o = new MultiObjectiveOptimizee("FonsecaFleming", 0);
        Rng rng = Rng.seeded(9);
        for (int k = 0; k < 100; k++) {
            for (double v : o.createIndividual(rng).array("x")) assertTrue(v >= -4 && v <= 4);
        }
        Parameters p = o.bound(Parameters.builder().array("x", -7, 0.5, 9).build());
        assertArrayEquals(new double[] {-4, 0.5, 4}, p.array("x"));
        double[] f = o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(1), -1)).fitness();
        assertArrayEquals(o.objectives(p.array("x")), f);
    }
}
