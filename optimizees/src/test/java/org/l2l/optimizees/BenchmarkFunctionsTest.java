package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

class BenchmarkFunctionsTest {
    private static double at(String name, double... x) {
        return BenchmarkFunctions.byName(name).evaluate(x);
    }

    private static double[] fill(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    @Test
    void namesAndIndicesFollowL2LsOrder() {
        assertEquals(List.of("Rastrigin2d", "Rastrigin10d", "Rosenbrock2d", "Rosenbrock10d", "Ackley2d", "Ackley10d",
                "Chasm", "Gauss2d", "Shekel2d", "Langermann2d", "Michalewicz2d", "Permutation2d", "Easom2d", "Easom10d",
                "3Gaussians2d"), BenchmarkFunctions.names());
        for (int i = 0; i < 15; i++) assertEquals(i, BenchmarkFunctions.byIndex(i).index());
        assertEquals("Chasm", new BenchmarkFunctionOptimizee("6").definition().name());
    }

    @Test
    void knownOptimaHaveKnownValues() {
        assertEquals(0, at("Rastrigin2d", 0, 0), 1e-12);
        assertEquals(0, at("Rastrigin10d", fill(10, 0)), 1e-12);
        assertEquals(0, at("Rosenbrock2d", 1, 1), 1e-12);
        assertEquals(0, at("Rosenbrock10d", fill(10, 1)), 1e-12);
        assertEquals(0, at("Ackley2d", 0, 0), 1e-12);
        assertEquals(0, at("Ackley10d", fill(10, 0)), 1e-12);
        assertEquals(0, at("Chasm", 0, 0), 1e-12);
        assertEquals(-1, at("Easom2d", Math.PI, Math.PI), 1e-12);
        assertEquals(0, at("Permutation2d", 1, 2), 1e-12, "x_i = i is the permutation function's minimum");
        assertEquals(-1.8013, at("Michalewicz2d", 2.20, 1.57), 1e-3);
        // Rastrigin away from the optimum: 2 * (1 + 10 - 10 cos(2 pi)) = 2 at (1, 1)
        assertEquals(2, at("Rastrigin2d", 1, 1), 1e-12);
        assertEquals(1 / (2 * Math.PI * Math.sqrt(1.5 * .3 - .01)), -at("Gauss2d", -1, -1), 1e-12, "peak of the density");
        assertTrue(at("3Gaussians2d", -1, -1) < at("Gauss2d", -1, -1), "three Gaussians are deeper than one");
    }

    @Test
    void shekelKeepsL2LsFormula() {
        // L2L adds c_i once per coordinate, so each well contributes 1 / (|x - A_i|^2 + 2 c_i) in 2-d
        double[][] a = {{3, 5}, {5, 2}, {2, 1}, {3, 3}, {2, 7}, {1, 4}, {7, 9}};
        double[] c = {0.1, 0.2, 0.5, 0.2, 0.3, 0.1, 0.1};
        double expected = 0;
        for (int i = 0; i < 7; i++) {
            double d2 = (3 - a[i][0]) * (3 - a[i][0]) + (5 - a[i][1]) * (5 - a[i][1]);
            expected -= 1 / (d2 + 2 * c[i]);
        }
        assertEquals(expected, at("Shekel2d", 3, 5), 1e-12);
        assertTrue(expected < -5, "the first well alone gives 1 / (2 * 0.1) = 5");
    }

    @Test
    void individualsStayInBoundsAndBoundClips() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Ackley10d", 0);
        Rng r = Rng.seeded(1);
        for (int k = 0; k < 100; k++) {
            for (double v : o.createIndividual(r).array("coords")) assertTrue(v >= -2 && v <= 2);
        }
        Parameters out = Parameters.builder().array("coords", fill(10, 7)).build();
        for (double v : o.bound(out).array("coords")) assertEquals(2, v);
    }

    @Test
    void noiseComesFromTheIndividualsStream() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Rastrigin2d", 0.5);
        Individual ind = new Individual(0, 3, Parameters.builder().array("coords", 0, 0).build());
        double a = o.simulate(ind, new SimulationContext(0, 3, 0, SimulationContext.randomFor(9, 0, 3), 0)).fitness()[0];
        double b = o.simulate(ind, new SimulationContext(0, 3, 1, SimulationContext.randomFor(9, 0, 3), 1)).fitness()[0];
        double c = o.simulate(ind, new SimulationContext(0, 4, 0, SimulationContext.randomFor(9, 0, 4), 0)).fitness()[0];
        assertEquals(a, b, "same individual, same stream, whatever the worker or attempt");
        assertTrue(a != c && a != 0);
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("Rastrigin3d", 0));
        assertTrue(e.getMessage().contains("function must be one of") && e.getMessage().contains("Rastrigin2d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("Ackley2d", -1));
        assertTrue(e.getMessage().startsWith("noise"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("15", 0));
        assertTrue(e.getMessage().contains("index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActiveWaitOptimizee(-1));
        assertTrue(e.getMessage().startsWith("difficulty"), e.getMessage());
    }

    @Test
    void activeWaitCountsPrimes() {
        var r = new ActiveWaitOptimizee(100).simulate(new Individual(0, 0, Parameters.builder().scalar("difficulty", 100).build()),
                new SimulationContext(0, 0, 0, Rng.seeded(1), -1));
        assertEquals(25L, r.extra().get("primes"));
        assertEquals(0, r.fitness()[0]);
    }
}
