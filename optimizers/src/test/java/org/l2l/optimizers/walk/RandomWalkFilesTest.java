package org.l2l.optimizers.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The walk's file names, which the walk writes and l2l inspect reads, have one definition. */
class RandomWalkFilesTest {
    @Test
    void aParticleTablesNameGivesBackItsCheckpointAndKind() {
        assertEquals(12, RandomWalkFiles.tableIteration(RandomWalkFiles.checkpointTable(12)));
        assertFalse(RandomWalkFiles.isConcatenatedTable(RandomWalkFiles.checkpointTable(12)));
        assertEquals(40, RandomWalkFiles.tableIteration(RandomWalkFiles.concatenatedTable(40)));
        assertTrue(RandomWalkFiles.isConcatenatedTable(RandomWalkFiles.concatenatedTable(40)));
    }

    @Test
    void otherFilesAreNoTables() {
        for (String name : new String[] {RandomWalkFiles.stateFile(3), RandomWalkFiles.RANGES, RandomWalkFiles.SEEDS,
                RandomWalkFiles.SETTINGS, "3.csv.gz.tmp", "x.csv.gz", "3.all.csv"}) {
            assertEquals(-1, RandomWalkFiles.tableIteration(name), name);
        }
    }
}
