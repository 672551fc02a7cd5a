package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

class BenchmarkFunctionOptimizeeTest {

    private static SimulationContext context(long seed, int generation, int index) {
        return new SimulationContext(generation, index, 0, SimulationContext.randomFor(seed, generation, index), -1);
    }

    private static double simulate(BenchmarkFunctionOptimizee o, double[] coords, SimulationContext ctx) {
        Parameters p = Parameters.builder().array("coords", coords).build();
        return o.simulate(new Individual(ctx.generation(), ctx.index(), p), ctx).fitness()[0];
    }

    @Test
    void createIndividualDrawsCoordsOfTheRightLengthWithinTheBox() {
        Rng rng = Rng.seeded(11);
        for (String name : BenchmarkFunctions.names()) {
            BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee(name);
            BenchmarkFunction f = o.benchmark();
            for (int k = 0; k < 500; k++) {
                Parameters p = o.createIndividual(rng);
                assertEquals(java.util.List.of("coords"), p.names());
                double[] c = p.array("coords");
                assertEquals(f.dims(), c.length, name);
                for (double v : c) assertTrue(v >= f.lowerBound() && v <= f.upperBound(), name + ": " + v);
            }
        }
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Easom10d");
        assertEquals(o.createIndividual(Rng.seeded(5)), o.createIndividual(Rng.seeded(5)), "same seed, same individual");
        assertNotEquals(o.createIndividual(Rng.seeded(5)), o.createIndividual(Rng.seeded(6)));
    }

    @Test
    void boundClipsEachCoordinateIntoTheBox() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Shekel2d"); // [0, 10]
        Parameters out = o.bound(Parameters.builder().array("coords", -3, 12.5).build());
        assertArrayEquals(new double[] {0, 10}, out.array("coords"));
        Parameters inside = Parameters.builder().array("coords", 0.25, 9.75).build();
        assertEquals(inside, o.bound(inside));
        assertThrows(IllegalArgumentException.class,
                () -> o.bound(Parameters.builder().array("coords", 1, 2, 3).build()));
    }

    @Test
    void noiselessSimulationReturnsTheFunctionValue() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Rosenbrock2d");
        assertEquals(0.0, simulate(o, new double[] {1, 1}, context(1, 0, 0)));
        assertEquals(210.5, simulate(o, new double[] {0.5, -1.2}, context(1, 0, 1)), 1e-12);
    }

    @Test
    void noiseIsDrawnFromTheContextStreamAndIsReproducible() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Rastrigin2d", 0.01);
        double[] origin = {0, 0};
        double a = simulate(o, origin, context(42, 3, 7));
        double b = simulate(o, origin, context(42, 3, 7));
        double c = simulate(o, origin, context(42, 3, 8));
        double d = simulate(o, origin, context(43, 3, 7));
        assertEquals(a, b, "the same stream must give the same noise");
        assertNotEquals(a, c);
        assertNotEquals(a, d);
        assertNotEquals(0.0, a);
    }

    @Test
    void noiseHasTheRequestedMeanAndSpread() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Chasm", 0.5);
        int n = 4000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double y = simulate(o, new double[] {0, 0}, context(9, 0, i));
            sum += y;
            squares += y * y;
        }
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        assertEquals(0.0, mean, 5 * 0.5 / Math.sqrt(n));
        assertEquals(0.5, std, 0.05);
    }

    @Test
    void badSettingsNameTheFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchmarkFunctionOptimizee("Sphere"));
        assertTrue(e.getMessage().startsWith("function must be one of") && e.getMessage().contains("\"Sphere\"")
                && e.getMessage().contains("3Gaussians2d"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("Chasm", -0.1));
        assertTrue(e.getMessage().startsWith("noise ") && e.getMessage().contains("-0.1"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("Chasm", Double.NaN));
        assertTrue(e.getMessage().startsWith("noise ") && e.getMessage().contains("NaN"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee(" "));
        assertTrue(e.getMessage().contains("function"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("15"));
        assertTrue(e.getMessage().startsWith("function index") && e.getMessage().contains("15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("99999999999"));
        assertTrue(e.getMessage().contains("99999999999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BenchmarkFunctionOptimizee("-1"));
        assertTrue(e.getMessage().contains("\"-1\""), e.getMessage());
    }

    @Test
    void functionsCanBeNamedByL2LIndex() {
        for (int i = 0; i < BenchmarkFunctions.count(); i++) {
            BenchmarkFunction byIndex = new BenchmarkFunctionOptimizee(Integer.toString(i)).benchmark();
            assertEquals(i, byIndex.index());
            assertEquals(BenchmarkFunctions.nameOf(i), byIndex.name());
        }
        assertEquals("3Gaussians2d", BenchmarkFunctionOptimizee.resolve("14").name());
        assertEquals("Rastrigin2d", BenchmarkFunctionOptimizee.resolve("00").name());
    }

    @Test
    void simulateRejectsCoordsOfTheWrongLength() {
        BenchmarkFunctionOptimizee o = new BenchmarkFunctionOptimizee("Ackley10d");
        assertThrows(IllegalArgumentException.class, () -> simulate(o, new double[] {0, 0}, context(1, 0, 0)));
    }
}
