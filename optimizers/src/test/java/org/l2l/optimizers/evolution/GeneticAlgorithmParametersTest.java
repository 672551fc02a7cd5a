package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GeneticAlgorithmParametersTest {
    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void builderDefaultsAreThoseOfL2lsExample() {
        assertEquals(new GeneticAlgorithmParameters(0, 50, 0.5, 0.3, 100, 0.02, 15, 0.5, 1.0),
                GeneticAlgorithmParameters.builder().build());
    }

    @Test
    void badValuesAreRejectedNamingTheParameterAndValue() {
        assertMessage("popSize must be > 0, but was -3", () -> GeneticAlgorithmParameters.builder().popSize(-3).build());
        assertMessage("cxProb must be a probability in [0, 1], but was 1.5", () -> GeneticAlgorithmParameters.builder().cxProb(1.5).build());
        assertMessage("mutProb must be a probability in [0, 1], but was -0.1",
                () -> GeneticAlgorithmParameters.builder().mutProb(-0.1).build());
        assertMessage("nIteration must be > 0, but was 0",
                () -> GeneticAlgorithmParameters.builder().nIteration(0).build());
        assertMessage("indProb must be a probability in [0, 1], but was NaN",
                () -> GeneticAlgorithmParameters.builder().indProb(Double.NaN).build());
        assertMessage("tournSize must be > 0, but was 0",
                () -> GeneticAlgorithmParameters.builder().tournSize(0).build());
        assertMessage("matePar must be a finite number >= 0, but was -1.0",
                () -> GeneticAlgorithmParameters.builder().matePar(-1).build());
        assertMessage("mutPar must be a finite number >= 0, but was Infinity",
                () -> GeneticAlgorithmParameters.builder().mutPar(Double.POSITIVE_INFINITY).build());
    }
}
