package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver that runs out of threads, processes or file handles while launching its workers ends the run:
 * exit code 1, an error line, {@code run.json} {@code failed}, no process left, and it never hangs. The
 * limits are far below the machine's (a pids cgroup of 80 tasks, 60 file handles), and the pool is 12
 * workers, so no more than a few JVMs ever start.
 */
class LaunchFailureIT {
    @TempDir
    Path tmp;

    private static final String EXPERIMENT = """
        {"name": "many", "optimizee": {"type": "noop"},
         "optimizer": {"type": "ga", "popSize": 24, "nIteration": 3, "tournSize": 2},
         "fitnessWeights": [-1.0], "runner": {"maxWorkers": 12, "oversubscribe": true}}
        """;

    /** The l2l command line in a JVM of its own, behind {@code prefix} (which must end by exec'ing its arguments). */
    private Process driver(List<String> prefix, Path run, Path out) throws IOException {
        Path exp = tmp.resolve("exp.json");
        Files.writeString(exp, EXPERIMENT);
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", l2lClasspath(), "org.l2l.runner.cli.Main", "run", exp.toString(), "--out", run.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /**
     * The classpath {@code ./l2l} runs with (the runner's classes and its runtime dependencies, as the package
     * phase lists them), rather than the test JVM's, whose jars and booter would count against the limits.
     */
    private static String l2lClasspath() throws IOException {
        Path listed = Path.of("target", "classpath.txt");
        assertTrue(Files.isRegularFile(listed), listed.toAbsolutePath() + " is missing: run the package phase first");
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(listed).strip();
    }

    private static void assertFailedCleanly(Process p, Path run, Path out) throws Exception {
        boolean ended = p.waitFor(3, TimeUnit.MINUTES);
        String log = Files.readString(out, StandardCharsets.UTF_8);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(ended, "the driver hung:\n" + log);
        assertEquals(1, p.exitValue(), log);
        assertTrue(log.lines().anyMatch(l -> l.startsWith("error: ")), "a one-line cause:\n" + log);
        assertFalse(log.contains("Exception in thread \"main\""), "the main thread did not die:\n" + log);
        assertEquals("failed", new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("status").asText(), log);
    }

    @Test
    void runningOutOfTasksWhileLaunchingEndsTheRunAndLeavesNoProcess() throws Exception {
        Path cgroups = Path.of("/sys/fs/cgroup/pids");
        Path group = cgroups.resolve("l2l-launch-it-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(group);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "needs a writable pids cgroup (root, cgroup v1 pids controller): " + e);
        }
        try {
            Files.writeString(group.resolve("pids.max"), "80");
            Path run = tmp.resolve("tasks"), out = tmp.resolve("tasks.out");
            // the shell puts itself into the group, then becomes the driver: every thread and child counts
            Process p = driver(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", group.resolve("cgroup.procs").toString()),
                    run, out);
            assertFailedCleanly(p, run, out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !Files.readString(group.resolve("pids.current")).strip().equals("0")) {
                Thread.sleep(100);
            }
            assertEquals("0", Files.readString(group.resolve("pids.current")).strip(),
                    "no process of the driver's is left: " + Files.readString(group.resolve("cgroup.procs")));
        } finally {
            for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(200);
            Files.deleteIfExists(group);
        }
    }

    @Test
    void runningOutOfFileHandlesWhileLaunchingEndsTheRunWithExitOne() throws Exception {
        Process probe = new ProcessBuilder("prlimit", "--version").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor() == 0, "needs prlimit (util-linux)");
        Path run = tmp.resolve("handles"), out = tmp.resolve("handles.out");
        Process p = driver(List.of("prlimit", "--nofile=60:60"), run, out);
        List<ProcessHandle> children = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (p.isAlive() && System.nanoTime() < deadline) {
            p.descendants().forEach(children::add); // the workers it managed to start
            Thread.sleep(200);
        }
        assertFailedCleanly(p, run, out);
        Thread.sleep(2000);
        ProcessAssertions.assertAllGone(children.stream().map(ProcessHandle::pid).distinct().toList());
    }
}
