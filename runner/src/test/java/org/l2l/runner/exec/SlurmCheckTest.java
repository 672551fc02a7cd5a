package org.l2l.runner.exec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l2l.runner.RunFailedException;

class SlurmCheckTest {
    private static final String PATH = System.getenv("PATH");

    @Test
    void readsTheAllocationsCpus() {
        assertEquals(10, SlurmCheck.allocatedCpus(Map.of("SLURM_JOB_CPUS_PER_NODE", "4(x2),2")));
        assertEquals(36, SlurmCheck.allocatedCpus(Map.of("SLURM_JOB_CPUS_PER_NODE", "36")));
        assertEquals(0, SlurmCheck.allocatedCpus(Map.of()));
    }

    @Test
    void readsTasksAndCpusPerTaskInEveryForm() {
        assertEquals(4, SlurmCheck.intOption(List.of("srun", "-c", "4"), "-c", "--cpus-per-task", 1));
        assertEquals(4, SlurmCheck.intOption(List.of("srun", "-c4"), "-c", "--cpus-per-task", 1));
        assertEquals(4, SlurmCheck.intOption(List.of("srun", "--cpus-per-task=4"), "-c", "--cpus-per-task", 1));
        assertEquals(1, SlurmCheck.intOption(List.of("srun", "--exact"), "-c", "--cpus-per-task", 1));
    }

    @Test
    void aPoolLargerThanTheAllocationIsRefusedBeforeLaunching() {
        Map<String, String> env = Map.of("SLURM_JOB_ID", "77", "SLURM_JOB_CPUS_PER_NODE", "8");
        List<String> prefix = List.of("srun", "-n", "1", "-c", "2");
        assertDoesNotThrow(() -> SlurmCheck.checkAllocation(prefix, 4, env));
        assertDoesNotThrow(() -> SlurmCheck.checkAllocation(prefix, 5, Map.of()), "outside an allocation: no check");
        RunFailedException e = assertThrows(RunFailedException.class, () -> SlurmCheck.checkAllocation(prefix, 5, env));
        assertTrue(e.getMessage().contains("5 x 1 task(s) x 2 CPU(s) per task = 10 CPUs, but allocation 77 has 8"), e.getMessage());
    }

    @Test
    void srunWithoutSlurmSaysSoAtOnce() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> SlurmCheck.check(List.of("srun", "-n", "1"), 2, Map.of("PATH", "/nonexistent")));
        assertTrue(e.getMessage().contains("SLURM is not installed here"), e.getMessage());
        assertDoesNotThrow(() -> SlurmCheck.check(List.of(), 2, Map.of("PATH", PATH == null ? "" : PATH)));
    }
}
