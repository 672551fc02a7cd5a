package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Values of the catalogue's functions at arbitrary points, against reference values obtained by running
 * L2L's own Python implementation ({@code function_generator.py}) at those points.
 */
class ObjectiveFunctionsTest {

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @CsvSource({
        "Rastrigin2d,   1.3,  -0.7, 28.360339887498945",
        "Rosenbrock2d,  0.5,  -1.2, 210.5",
        "Ackley2d,      0.3,  -1.1, 4.412588447609877",
        "Chasm,         0.01, -1.5, 0.9240909090909091",
        "Gauss2d,       0.5,  0.25, -0.011894868932291438",
        "Gauss2d,      -2.0,  -1.5, -0.12483082213753827",
        "Shekel2d,      4.0,   6.0, -0.9507779576745095",
        "Shekel2d,      1.5,   3.0, -1.56018477636902",
        "Langermann2d,  4.2,   3.3, 0.7522854378717385",
        "Michalewicz2d, 2.0,   1.5, -1.1932462893425098",
        "Michalewicz2d, 1.2,   2.9, -0.002838773295765859",
        "Permutation2d, -1.5,  0.5, 22.372454003906245",
        "Permutation2d, 0.7,   1.8, 1.8738062499999995",
        "Easom2d,       3.0,   2.5, -0.51506478998487",
        "Easom2d,       2.0,   4.0, -0.03536590473969731",
        "3Gaussians2d,  1.5,   0.5, -0.10168768842508057",
        "3Gaussians2d,  0.0,   0.0, -0.09122045766898841",
    })
    void twoDimensionalValuesMatchL2L(String name, double x0, double x1, double expected) {
        double actual = BenchmarkFunctions.byName(name).evaluate(new double[] {x0, x1});
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Rastrigin10d,  0, 103.3",
        "Rosenbrock10d, 0, 436.26",
        "Ackley10d,     0, 3.8890201757909217",
        "Easom10d,      3, -0.004061339425299821",
    })
    void tenDimensionalValuesMatchL2L(String name, double shift, double expected) {
        double[] x = new double[10]; // numpy.linspace(-0.9, 0.9, 10) + shift
        for (int i = 0; i < 10; i++) x[i] = -0.9 + 0.2 * i + shift;
        double actual = BenchmarkFunctions.byName(name).evaluate(x);
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), name);
    }

    @Test
    void shekelAddsItsConstantOncePerCoordinateAsL2LDoes() {
        double[][] centre = {{0, 0}};
        // textbook Shekel would give -1 / (0.5 + 0) = -2; L2L adds c once per coordinate: -1 / (2 * 0.5)
        assertEquals(-1.0, ObjectiveFunctions.shekel(new double[] {0, 0}, centre, new double[] {0.5}), 1e-15);
    }

    @Test
    void gaussianHandlesHigherDimensionsAndPivoting() {
        double[][] cov = {{0, 2, 0}, {2, 0, 0}, {0, 0, 1}}; // not positive definite: det = -4
        assertTrue(Double.isNaN(ObjectiveFunctions.gaussian(new double[3], new double[3], cov)));
        double[][] diag = {{4, 0, 0}, {0, 1, 0}, {0, 0, 0.25}};
        double[] mean = {1, 2, 3};
        double expectedPeak = -1 / Math.sqrt(Math.pow(2 * Math.PI, 3) * 1.0);
        assertEquals(expectedPeak, ObjectiveFunctions.gaussian(mean, mean, diag), 1e-15);
        // one standard deviation along the first axis: exp(-1/2) of the peak
        assertEquals(expectedPeak * Math.exp(-0.5),
                ObjectiveFunctions.gaussian(new double[] {3, 2, 3}, mean, diag), 1e-15);
    }

    @Test
    void shapeMismatchesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ObjectiveFunctions.chasm(new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectiveFunctions.shekel(new double[2], new double[][] {{1, 2}}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectiveFunctions.langermann(new double[3], new double[][] {{1, 2}}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectiveFunctions.gaussian(new double[2], new double[2], new double[][] {{1, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectiveFunctions.gaussian(new double[2], new double[2], new double[][] {{1, 1}, {1, 1}}));
    }
}
