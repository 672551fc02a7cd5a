package org.l2l.optimizees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.Individual;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;

class MultiFunctionOptimizeeTest {
    private static final MultiFunctionOptimizee ACKLEY = new MultiFunctionOptimizee("Ackley2d", 0);

    private static double[] fitness(MultiFunctionOptimizee o, Parameters p) {
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, SimulationContext.randomFor(7, 0, 0), -1))
                .fitness();
    }

    private static Parameters coords(double... c) {
        return Parameters.builder().array("coords", c).build();
    }

    @Test
    void createsSingleSetsAsTheBenchmarkFunctionOptimizee() {
        assertEquals(new BenchmarkFunctionOptimizee("Ackley2d").createIndividual(Rng.seeded(3)),
                ACKLEY.createIndividual(Rng.seeded(3)));
    }

    @Test
    void returnsTheFunctionsValueAtEachInnerSet() {
        BenchmarkFunction f = BenchmarkFunctions.byName("Ackley2d");
        Parameters multi = MultiIndividual.pack(List.of(coords(0, 0), coords(1, 2), coords(-3, 0.5)));
        assertArrayEquals(new double[] {f.evaluate(new double[] {0, 0}), f.evaluate(new double[] {1, 2}),
            f.evaluate(new double[] {-3, 0.5})}, fitness(ACKLEY, multi));
        assertArrayEquals(new double[] {f.evaluate(new double[] {1, 2})}, fitness(ACKLEY, coords(1, 2)),
                "a plain individual is one set");
    }

    @Test
    void boundsEverySetIntoTheBox() {
        double hi = BenchmarkFunctions.byName("Ackley2d").upperBound();
        Parameters multi = MultiIndividual.pack(List.of(coords(0, 1000), coords(-1000, 1)));
        assertArrayEquals(new double[] {0, hi, -hi, 1}, ACKLEY.bound(multi).array("coords"));
        assertArrayEquals(new double[] {hi, 0}, ACKLEY.bound(coords(1000, 0)).array("coords"));
    }

    @Test
    void noiseIsDrawnPerSetFromTheIndividualsStream() {
        MultiFunctionOptimizee noisy = new MultiFunctionOptimizee("Ackley2d", 0.5);
        Parameters multi = MultiIndividual.pack(List.of(coords(1, 1), coords(1, 1)));
        double[] a = fitness(noisy, multi);
        assertArrayEquals(a, fitness(noisy, multi), "the same stream gives the same noise");
        assertTrue(a[0] != a[1], "each set gets its own draw: " + a[0] + ", " + a[1]);
    }

    @Test
    void badSettingsAndMalformedIndividualsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MultiFunctionOptimizee("Ackley3d", 0));
        assertEquals("noise must be a finite number >= 0, but was -1.0", assertThrows(IllegalArgumentException.class,
                () -> new MultiFunctionOptimizee("Ackley2d", -1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fitness(ACKLEY, coords(1, 2, 3))).getMessage()
                .contains("'coords' has 3 values"));
    }
}
