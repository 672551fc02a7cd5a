package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/** The workers must evaluate exactly the driver's optimizee. */
class OptimizeeCodecTest {
    @TempDir
    Path tmp;

    /** A constructor that is not idempotent: every JSON round trip adds one. */
    public record Shifting(double offset) implements Optimizee {
        public Shifting {
            offset = offset + 1;
        }

        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", 0).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            return SimulationResult.of(offset);
        }
    }

    /** An accessor that does not return the field as stored. */
    public record Scaled(double scale) implements Optimizee {
        @Override
        public double scale() {
            return scale * 2;
        }

        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", 0).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            return SimulationResult.of(scale);
        }
    }

    /** A well-behaved record with an array (whose record equals would compare references). */
    public record WithArray(double[] weights, String name) implements Optimizee {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("x", 0).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            return SimulationResult.of(weights[0]);
        }
    }

    @Test
    void refusesAnOptimizeeWhoseConstructorChangesItsValuesOnTheWayToTheWorkers() {
        Path f = tmp.resolve("optimizee.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizeeCodec.write(f, new Shifting(0), 1));
        assertTrue(e.getMessage().contains(Shifting.class.getName()) && e.getMessage().contains("offset: 1.0 -> 2.0"),
                e.getMessage());
        assertTrue(!Files.exists(f), "nothing is written for the workers");
    }

    @Test
    void refusesAnOptimizeeWhoseAccessorDoesNotReturnItsField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizeeCodec.write(tmp.resolve("o.json"), new Scaled(1.5), 1));
        assertTrue(e.getMessage().contains("scale: 3.0 -> 6.0"), e.getMessage());
    }

    @Test
    void acceptsARecordWithArraysAndTheWorkersGetEqualValues() {
        Path f = tmp.resolve("o.json");
        OptimizeeCodec.write(f, new WithArray(new double[] {1.5, Double.NaN}, "n"), 7);
        OptimizeeCodec.Loaded l = OptimizeeCodec.read(f);
        assertArrayEquals(new double[] {1.5, Double.NaN}, ((WithArray) l.optimizee()).weights());
        assertEquals(7, l.seed());
    }
}
