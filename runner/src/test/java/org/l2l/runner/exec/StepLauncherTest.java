package org.l2l.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.runner.LaunchMode;
import org.l2l.runner.RunFailedException;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.worker.WorkerMain;

/** The multi-task step launch: its command, srun's reports of task ends, and the replacements' steps. */
class StepLauncherTest {
    @TempDir
    Path root;

    private static RunnerOptions step(String srun, int workers) {
        return RunnerOptions.builder().maxWorkers(workers).srun(srun).launch(LaunchMode.STEP).build();
    }

    @Test
    void theStepRunsEveryWorkerAsATaskWithoutThePrefixsCountsAndWithEachTasksLog() {
        RunDirectory dir = new RunDirectory(root);
        List<String> c = List.of(WorkerCommand.buildStep(step("srun -N 1 -n 1 -c 2 --exact", 8), dir, 8).toStrings());
        int java = c.indexOf(WorkerCommand.javaExecutable());
        assertEquals(List.of("srun", "-c", "2", "--exact", "-n", "8", "--kill-on-bad-exit=0", "-v",
                "--output=" + root.resolve("workers/worker-%t.log"), "--error=" + root.resolve("workers/worker-%t.log"),
                "--open-mode=append", "--job-name=l2l-workers"), c.subList(0, java));
        assertEquals(List.of(WorkerMain.class.getName(), root.toString(), WorkerMain.TASK_ID, "--exit-with-driver"),
                c.subList(c.size() - 4, c.size()));
        assertEquals(List.of("srun", "--exact", "-w", "n1"),
                WorkerCommand.withoutCounts(List.of("srun", "-n4", "--ntasks=4", "--nodes", "2", "-N2", "--exact", "-w", "n1")));
        assertEquals(List.of("srun", "--ntasks-per-node=2"), WorkerCommand.withoutCounts(List.of("srun", "--ntasks-per-node=2")));
    }

    @Test
    void readsEveryFormOfSrunsReportOfATasksEnd() {
        // as srun 22.05 prints them with -v and --kill-on-bad-exit=0
        Matcher m = StepLauncher.TASK_END.matcher("srun: error: n2: task 3: Killed");
        assertTrue(m.matches());
        assertEquals("n2", m.group(1));
        assertEquals(List.of(3), StepLauncher.taskIds(m.group(2)));
        assertEquals(137, StepLauncher.exitCode(m.group(3)));
        m = StepLauncher.TASK_END.matcher("srun: launch/slurm: _task_finish: n1: tasks 0-1: Completed");
        assertTrue(m.matches());
        assertEquals("n1", m.group(1));
        assertEquals(List.of(0, 1), StepLauncher.taskIds(m.group(2)));
        assertEquals(0, StepLauncher.exitCode(m.group(3)));
        m = StepLauncher.TASK_END.matcher("srun: error: n[1-2]: tasks 0,2-4: Exited with exit code 3");
        assertTrue(m.matches());
        assertEquals(List.of(0, 2, 3, 4), StepLauncher.taskIds(m.group(2)));
        assertEquals(3, StepLauncher.exitCode(m.group(3)));
        assertEquals(143, StepLauncher.exitCode("Terminated"));
        assertEquals(139, StepLauncher.exitCode("Segmentation fault (core dumped)"));
        assertEquals(255, StepLauncher.exitCode("Something new"));
        for (String other : List.of("srun: launch/slurm: _task_finish: Received task exit notification for 1 task of "
                + "StepId=3.0 (status=0x0009).", "srun: launching StepId=3.0 on host n1, 2 tasks: [0-1]",
                "srun: launch/slurm: _task_start: Node n1, 2 tasks started", "srun: ntasks              : 6")) {
            assertFalse(StepLauncher.TASK_END.matcher(other).matches(), other);
        }
    }

    @Test
    void aReplacementInsideTheAllocationOverlapsTheStepOnTheDeadTasksNodeUnlessExcluded() {
        RunDirectory dir = new RunDirectory(root);
        List<String> cmd = List.of("srun", "-n", "1", "java", "Main");
        StepLauncher inside = new StepLauncher(dir, step("srun -n 1", 4), new ProcessTreeDestroyer(), Map.of("SLURM_JOB_ID", "9"));
        assertEquals(List.of("srun", "--overlap", "--nodelist=n2", "-n", "1", "java", "Main"), inside.replacement(cmd, "n2"));
        assertEquals(List.of("srun", "--overlap", "-n", "1", "java", "Main"), inside.replacement(cmd, null));
        List<String> excluding = List.of("srun", "-n", "1", "--exclude=n2,n3", "java", "Main");
        assertEquals(List.of("srun", "--overlap", "-n", "1", "--exclude=n2,n3", "java", "Main"),
                inside.replacement(excluding, "n2"), "the node looked dead: the pool keeps replacements off it");
        StepLauncher outside = new StepLauncher(dir, step("srun -n 1", 4), new ProcessTreeDestroyer(), Map.of());
        assertEquals(cmd, outside.replacement(cmd, "n2"), "outside an allocation each replacement is a job of its own");
    }

    @Test
    void aStepLaunchNeedsAnSrunPrefix() {
        RunFailedException e = assertThrows(RunFailedException.class, () -> new StepLauncher(new RunDirectory(root),
                step("mpirun -np 1", 2), new ProcessTreeDestroyer(), Map.of()));
        assertTrue(e.getMessage().contains("runner.launch is \"step\"") && e.getMessage().contains("'mpirun -np 1'"),
                e.getMessage());
    }
}
