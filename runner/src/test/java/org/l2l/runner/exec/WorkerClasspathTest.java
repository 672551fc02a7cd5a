package org.l2l.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.RunnerOptions;

/** The workers' classpath is checked before any worker is launched. */
class WorkerClasspathTest {
    @TempDir
    Path tmp;

    @Test
    void theDriversOwnClasspathIsUsedWhenItCanStartAWorker() {
        assertEquals(System.getProperty("java.class.path"),
                WorkerClasspath.resolve(RunnerOptions.defaults(), NoOpOptimizee.class));
    }

    @Test
    void aClasspathWithoutTheWorkerIsRefusedBeforeLaunchingNamingTheSetting() throws Exception {
        Path launcher = Files.createFile(tmp.resolve("plexus-classworlds-2.6.0.jar"));
        String saved = System.getProperty("java.class.path");
        System.setProperty("java.class.path", launcher.toString()); // what 'mvn exec:java' leaves there
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkerClasspath.resolve(RunnerOptions.defaults(), NoOpOptimizee.class));
            assertTrue(e.getMessage().contains("org.l2l.runner.worker.WorkerMain")
                    && e.getMessage().contains("workerClasspath") && e.getMessage().contains("exec:java"), e.getMessage());
        } finally {
            System.setProperty("java.class.path", saved);
        }
    }

    @Test
    void aGivenWorkerClasspathIsCheckedForTheOptimizeeToo() {
        String onlyRunner = Path.of(WorkerClasspath.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerClasspath.resolve(
                RunnerOptions.builder().workerClasspath(onlyRunner).build(), NoOpOptimizee.class));
        assertTrue(e.getMessage().contains("runner.workerClasspath") && e.getMessage().contains(NoOpOptimizee.class.getName()),
                e.getMessage());
        String full = System.getProperty("java.class.path");
        assertEquals(full, WorkerClasspath.resolve(RunnerOptions.builder().workerClasspath(full).build(), NoOpOptimizee.class));
    }
}
