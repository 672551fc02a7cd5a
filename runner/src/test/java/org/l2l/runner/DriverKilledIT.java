package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.runner.io.RunDirectory;

/** Stopping the driver, gently or not, leaves no worker behind. */
class DriverKilledIT {
    @TempDir
    Path root;

    static Process startDriver(Path root, String name, String srun) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DriverMain.class.getName(),
                root.toString(), name, srun).redirectErrorStream(true).redirectOutput(root.resolve(name + ".driver.log").toFile())
                .start();
    }

    private Process startDriver(String name) throws Exception {
        return startDriver(root, name, "");
    }

    private List<Long> workerPids(String name) throws Exception {
        return workerPids(root, name);
    }

    /** Waits until both workers said READY and generation 0 is stored, and returns the workers' PIDs. */
    static List<Long> workerPids(Path root, String name) throws Exception {
        RunDirectory dir = new RunDirectory(root.resolve(name));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Long> pids = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Path out = dir.workerOut(w);
                if (!Files.exists(out)) continue;
                for (String line : Files.readAllLines(out)) {
                    if (line.startsWith("READY ")) pids.add(Long.parseLong(line.split(" ")[1]));
                }
            }
            if (pids.size() == 2 && Files.exists(dir.generationFile(0))) return pids;
            Thread.sleep(50);
        }
        throw new AssertionError("workers did not start: " + Files.readString(root.resolve(name + ".driver.log")));
    }

    static void assertGoneWithin(List<Long> pids, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (pids.stream().allMatch(p -> ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true)
                    || ProcessAssertions.isZombie(p))) {
                return;
            }
            Thread.sleep(20);
        }
        ProcessAssertions.assertAllGone(pids);
    }

    @Test
    void workersExitWhenTheDriverIsKilledWithSigkill() throws Exception {
        Process driver = startDriver("sigkill");
        List<Long> pids = workerPids("sigkill");
        driver.destroyForcibly();
        assertEquals(137, driver.waitFor());
        assertGoneWithin(pids, 5);
        RunDirectory dir = new RunDirectory(root.resolve("sigkill"));
        assertTrue(Files.exists(dir.generationFile(0)), "completed generations stay");
    }

    @Test
    void sigtermOnTheDriverTerminatesEveryWorker() throws Exception {
        Process driver = startDriver("sigterm");
        List<Long> pids = workerPids("sigterm");
        driver.destroy();
        assertEquals(143, driver.waitFor());
        assertGoneWithin(pids, 5);
        String runJson = Files.readString(new RunDirectory(root.resolve("sigterm")).runJson());
        assertTrue(runJson.contains("\"status\" : \"interrupted\""), runJson);
        assertTrue(Files.exists(new RunDirectory(root.resolve("sigterm")).generationFile(0)), "completed generations stay");
    }

    @Test
    void ctrlCOnTheDriverExitsWith130AndTerminatesEveryWorker() throws Exception {
        Process driver = startDriver("sigint");
        List<Long> pids = workerPids("sigint");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(driver.pid())).start().waitFor());
        assertEquals(130, driver.waitFor());
        assertGoneWithin(pids, 5);
        String runJson = Files.readString(new RunDirectory(root.resolve("sigint")).runJson());
        assertTrue(runJson.contains("\"status\" : \"interrupted\""), runJson);
    }
}
