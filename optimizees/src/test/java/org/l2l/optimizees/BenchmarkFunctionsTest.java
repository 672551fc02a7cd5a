package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.l2l.core.Rng;

/** The catalogue: L2L's order, dimensions, bounds, and each function's known minimum. */
class BenchmarkFunctionsTest {
    private static final List<String> L2L_ORDER = List.of("Rastrigin2d", "Rastrigin10d", "Rosenbrock2d",
            "Rosenbrock10d", "Ackley2d", "Ackley10d", "Chasm", "Gauss2d", "Shekel2d", "Langermann2d",
            "Michalewicz2d", "Permutation2d", "Easom2d", "Easom10d", "3Gaussians2d");

    @Test
    void namesAreInL2LOrderAndBothLookupsAgree() {
        assertEquals(L2L_ORDER, BenchmarkFunctions.names());
        assertEquals(15, BenchmarkFunctions.count());
        for (int i = 0; i < L2L_ORDER.size(); i++) {
            BenchmarkFunction f = BenchmarkFunctions.byIndex(i);
            assertEquals(L2L_ORDER.get(i), f.name());
            assertEquals(i, f.index());
            assertSame(f, BenchmarkFunctions.byName(L2L_ORDER.get(i)));
            assertEquals(L2L_ORDER.get(i), BenchmarkFunctions.nameOf(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Rastrigin2d,    2,  -5,  5",
        "Rastrigin10d,  10,  -5,  5",
        "Rosenbrock2d,   2,  -2,  2",
        "Rosenbrock10d, 10,  -2,  2",
        "Ackley2d,       2,  -2,  2",
        "Ackley10d,     10,  -2,  2",
        "Chasm,          2,  -2,  2",
        "Gauss2d,        2,  -5,  5",
        "Shekel2d,       2,   0, 10",
        "Langermann2d,   2,   0, 10",
        "Michalewicz2d,  2,   0,  3.141592653589793",
        "Permutation2d,  2,  -2,  2",
        "Easom2d,        2, -10, 10",
        "Easom10d,      10, -10, 10",
        "3Gaussians2d,   2,  -5,  5",
    })
    void dimensionsAndBoundsAreL2Ls(String name, int dims, double lower, double upper) {
        BenchmarkFunction f = BenchmarkFunctions.byName(name);
        assertEquals(dims, f.dims());
        assertEquals(lower, f.lowerBound());
        assertEquals(upper, f.upperBound());
    }

    /**
     * The minimum of each function, where it is attained (analytically, or located numerically with
     * L2L's Python code and refined by Nelder–Mead), and checks that it is a minimum.
     */
    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @CsvSource({
        "Rastrigin2d,   0, 0, 0",
        "Rosenbrock2d,  1, 1, 0",
        "Ackley2d,      0, 0, 0",
        "Chasm,         0, 0, 0",
        "Gauss2d,      -1, -1, -0.23993510443917407",
        "Shekel2d,      2.99623774267113,   4.995895747794099,  -5.760160916001224",
        "Langermann2d,  2.7934022095575592, 1.5972325020719753, -4.155809291847786",
        "Michalewicz2d, 2.2029055197902565, 1.5707963285225146, -1.8013034100985534",
        "Permutation2d, 1, 2, 0",
        "Easom2d,       3.141592653589793, 3.141592653589793, -1",
        "3Gaussians2d,  0.9990573488908521, 0.9950994277413467, -0.3984749957965237",
    })
    void twoDimensionalMinima(String name, double x0, double x1, double minimum) {
        BenchmarkFunction f = BenchmarkFunctions.byName(name);
        assertEquals(minimum, f.evaluate(new double[] {x0, x1}), 1e-12, "value at the optimum");
        // no point of a 401 x 401 grid over the box is lower
        int n = 400;
        double step = (f.upperBound() - f.lowerBound()) / n;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double[] x = {f.lowerBound() + i * step, f.lowerBound() + j * step};
                double y = f.evaluate(x);
                assertTrue(y >= minimum - 1e-12, () -> name + " is " + y + " at " + x[0] + ", " + x[1]);
            }
        }
        // nor is any point nearby
        for (double dx : new double[] {-1e-3, 0, 1e-3}) {
            for (double dy : new double[] {-1e-3, 0, 1e-3}) {
                double[] x = {Math.min(f.upperBound(), x0 + dx), Math.min(f.upperBound(), x1 + dy)};
                assertTrue(f.evaluate(x) >= minimum - 1e-12, name + " near the optimum");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Rastrigin10d,  0, 0",
        "Rosenbrock10d, 1, 0",
        "Ackley10d,     0, 0",
        "Easom10d,      3.141592653589793, -1",
    })
    void tenDimensionalMinima(String name, double coordinate, double minimum) {
        BenchmarkFunction f = BenchmarkFunctions.byName(name);
        double[] optimum = new double[10];
        java.util.Arrays.fill(optimum, coordinate);
        assertEquals(minimum, f.evaluate(optimum), 1e-12);
        Rng rng = Rng.seeded(7);
        for (int k = 0; k < 20_000; k++) {
            double[] x = f.sample(rng);
            assertTrue(f.evaluate(x) > minimum, name + " below its minimum at a random point");
            double[] near = optimum.clone();
            near[k % 10] += (rng.nextDouble() - 0.5) * 0.02;
            assertTrue(f.evaluate(near) >= minimum - 1e-12, name + " below its minimum near the optimum");
        }
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFunctions.byName("rastrigin2d"));
        assertTrue(e.getMessage().contains("\"rastrigin2d\""), e.getMessage());
        for (String name : L2L_ORDER) assertTrue(e.getMessage().contains(name), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkFunctions.byName(null));
    }

    @Test
    void indicesOutsideTheCatalogueAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFunctions.byIndex(15));
        assertTrue(e.getMessage().contains("15") && e.getMessage().contains("[0, 14]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkFunctions.nameOf(-1));
    }

    @Test
    void evaluateChecksTheNumberOfCoordinatesAndDoesNotModifyTheInput() {
        BenchmarkFunction f = BenchmarkFunctions.byName("Rastrigin10d");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.evaluate(new double[2]));
        assertTrue(e.getMessage().contains("Rastrigin10d") && e.getMessage().contains("10"), e.getMessage());
        double[] x = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        f.evaluate(x);
        assertEquals(0.5, x[3]);
    }

    @Test
    void sampleStaysInTheBoxAndClipProjectsOntoIt() {
        Rng rng = Rng.seeded(3);
        for (BenchmarkFunction f : BenchmarkFunctions.all()) {
            double lo = f.lowerBound();
            double hi = f.upperBound();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 2000; k++) {
                for (double v : f.sample(rng)) {
                    assertTrue(v >= lo && v < hi, f + ": sampled " + v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            // uniform over the whole box, not a corner of it
            assertTrue(min < lo + 0.05 * (hi - lo) && max > hi - 0.05 * (hi - lo), f + ": " + min + ".." + max);
            double[] x = new double[f.dims()];
            x[0] = lo - 1;
            x[1] = hi + 1;
            double[] clipped = f.clip(x);
            assertEquals(lo, clipped[0]);
            assertEquals(hi, clipped[1]);
            assertEquals(lo - 1, x[0], "clip must not modify its argument");
        }
    }
}
