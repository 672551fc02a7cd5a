package org.l2l.optimizers.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l2l.core.MultiIndividual;
import org.l2l.core.Parameters;
import org.l2l.optimizers.InnerSets;

/** The multi-individual encoding of {@code l2l-core}, and the packing the multi-optimizers do with it. */
class MultiIndividualTest {
    private static final Parameters ONE = Parameters.builder().scalar("x", 1).array("coords", 2, 3).build();
    private static final Parameters TWO = Parameters.builder().scalar("x", 4).array("coords", 5, 6).build();

    @Test
    void packsEachParameterAsTheSetsValuesOneAfterAnotherAndUnpacksThem() {
        Parameters multi = MultiIndividual.pack(List.of(ONE, TWO));
        assertArrayEquals(new double[] {1, 4}, multi.array("x"));
        assertArrayEquals(new double[] {2, 3, 5, 6}, multi.array("coords"));
        assertEquals(2, MultiIndividual.count(multi, ONE));
        assertEquals(List.of(ONE, TWO), MultiIndividual.unpack(multi, ONE));
        assertEquals(List.of(ONE), MultiIndividual.unpack(ONE, TWO), "a plain individual is one set");
        assertEquals(List.of(ONE), MultiIndividual.unpack(MultiIndividual.pack(List.of(ONE)), TWO));
        assertArrayEquals(new double[] {5, 6}, MultiIndividual.slice(new double[] {1, 2, 3, 4, 5, 6}, 2, 2));
    }

    @Test
    void malformedMultiIndividualsAreRejectedNamingTheParameter() {
        Parameters odd = Parameters.builder().array("x", 1, 4).array("coords", 2, 3, 5).build();
        assertEquals("the multi-individual's parameter 'coords' has 3 values, which is not a positive multiple of the "
                + "inner sets' 2", assertThrows(IllegalArgumentException.class, () -> MultiIndividual.unpack(odd, ONE))
                .getMessage());
        Parameters uneven = Parameters.builder().array("x", 1, 4, 7).array("coords", 2, 3, 5, 6).build();
        assertEquals("the multi-individual's parameters hold different numbers of inner sets: 3 before 'coords', 2 in it",
                assertThrows(IllegalArgumentException.class, () -> MultiIndividual.count(uneven, ONE)).getMessage());
        Parameters other = Parameters.builder().array("y", 1).build();
        assertThrows(IllegalArgumentException.class, () -> MultiIndividual.count(other, ONE));
        assertThrows(IllegalArgumentException.class, () -> MultiIndividual.pack(List.of(ONE, other)));
        assertThrows(IllegalArgumentException.class, () -> MultiIndividual.slice(new double[] {1, 2}, 1, 2));
    }

    @Test
    void groupsArePaddedWithTheirLastSet() {
        List<Parameters> packed = InnerSets.pack(List.of(ONE, TWO, ONE), 2);
        assertEquals(2, packed.size());
        assertEquals(List.of(ONE, ONE), MultiIndividual.unpack(packed.get(1), ONE));
        assertEquals(2, InnerSets.packedCount(3, 2));
        assertEquals(3, InnerSets.packedCount(9, 3));
    }
}
