package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Local pools larger than the machine are refused unless the user insists. */
class RunnerOptionsTest {
    @Test
    void refusesMoreLocalWorkersThanFourPerCpuNamingTheFieldTheLimitAndTheWayAround() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.builder().maxWorkers(10_000).build().checkCapacity(2));
        assertTrue(e.getMessage().contains("runner.maxWorkers is 10000") && e.getMessage().contains("at most 8")
                && e.getMessage().contains("runner.oversubscribe"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.builder().maxWorkers(9).inProcess(true).build().checkCapacity(2), "threads too");
        assertDoesNotThrow(() -> RunnerOptions.builder().maxWorkers(8).build().checkCapacity(2));
    }

    @Test
    void oversubscribeOrAnSrunPrefixLiftsTheLocalLimit() {
        assertDoesNotThrow(() -> RunnerOptions.builder().maxWorkers(100).oversubscribe(true).build().checkCapacity(2));
        assertDoesNotThrow(() -> RunnerOptions.builder().maxWorkers(100).srun("srun -n 1").build().checkCapacity(2),
                "with srun the allocation is checked instead, at launch");
    }
}
