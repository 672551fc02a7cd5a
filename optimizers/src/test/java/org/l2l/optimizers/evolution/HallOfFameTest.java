package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.Parameters;

class HallOfFameTest {
    private static HallOfFame.Entry entry(double x, double weighted) {
        return new HallOfFame.Entry(Parameters.builder().scalar("x", x).build(), new double[] {-weighted},
                new double[] {weighted});
    }

    private static List<Double> xs(HallOfFame hof) {
        return hof.entries().stream().map(e -> e.params().scalar("x")).toList();
    }

    @Test
    void keepsTheBestDistinctIndividualsBestFirst() {
        HallOfFame hof = new HallOfFame(3);
        hof.update(List.of(entry(1, -1), entry(2, -2), entry(3, -3), entry(4, -0.5), entry(5, -9)));
        assertEquals(List.of(4.0, 1.0, 2.0), xs(hof));
        hof.update(List.of(entry(1, -1))); // same values as a member: ignored
        assertEquals(List.of(4.0, 1.0, 2.0), xs(hof));
        assertEquals(4.0, hof.best().orElseThrow().params().scalar("x"));
    }

    @Test
    void aNewcomerGoesBeforeMembersOfEqualFitnessButMustBeatTheWorstWhenFull() {
        HallOfFame hof = new HallOfFame(3);
        hof.update(List.of(entry(1, -1), entry(2, -2)));
        hof.update(List.of(entry(3, -1))); // not full: enters, ahead of the older equal
        assertEquals(List.of(3.0, 1.0, 2.0), xs(hof));
        hof.update(List.of(entry(4, -2))); // full, equal to the worst: not strictly better, rejected
        assertEquals(List.of(3.0, 1.0, 2.0), xs(hof));
        hof.update(List.of(entry(5, -1.5))); // strictly better than the worst: the worst leaves
        assertEquals(List.of(3.0, 1.0, 5.0), xs(hof));
    }

    @Test
    void zeroSizeStaysEmpty() {
        HallOfFame hof = new HallOfFame(0);
        hof.update(List.of(entry(1, -1)));
        assertTrue(hof.entries().isEmpty());
        assertTrue(hof.best().isEmpty());
    }
}
