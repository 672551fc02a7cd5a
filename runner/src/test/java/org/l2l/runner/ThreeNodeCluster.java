package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.l2l.core.GenerationResult;
import org.l2l.runner.cli.Main;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/** What the tests against the 3-node SLURM cluster of {@code scripts/local-slurm.sh start --nodes 3} share. */
final class ThreeNodeCluster {
    static final List<String> NODES = List.of("n1", "n2", "n3");

    private ThreeNodeCluster() {}

    /** Skips the test class if no 3-node cluster answers; fails instead under {@code CI=true}. */
    static void requireUp() throws Exception {
        String why = null;
        try {
            String out = run(20, "sinfo", "-h", "-N", "-o", "%N %T");
            for (String n : NODES) {
                if (!Pattern.compile("(?m)^" + n + " (idle|mixed|allocated)").matcher(out).find()) {
                    why = "node " + n + " is not usable; sinfo says: " + out.replace('\n', ';');
                }
            }
        } catch (java.io.IOException e) {
            why = "sinfo is not installed";
        }
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI=true but no 3-node SLURM cluster answers (" + why + "); .ci/run starts one with "
                    + "scripts/local-slurm.sh start --nodes 3");
        }
        Assumptions.assumeTrue(why == null, "no 3-node SLURM cluster here (" + why + "); start one with "
                + "scripts/local-slurm.sh start --nodes 3");
    }

    /** Runs a command, returns its output (stdout and stderr); fails if it does not end in time. */
    static String run(int seconds, String... cmd) throws Exception {
        return runIn(null, seconds, cmd);
    }

    /** As {@link #run}, in directory {@code dir} (null: this JVM's). */
    static String runIn(Path dir, int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not end within " + seconds + " s");
        }
        return out;
    }

    /** The l2l command line in this JVM, its stdout discarded; returns the exit code. */
    static int l2l(String... args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setOut(out);
        }
    }

    /** A GA experiment file in {@code root} on the slow sphere; {@code runner} is the runner section. */
    static Path gaExperiment(Path root, String name, long millis, int pop, int gens, String runner) throws Exception {
        Path f = root.resolve(name + "-" + Math.abs(runner.hashCode()) + ".json");
        Files.writeString(f, "{\"name\": \"" + name + "\", \"seed\": 7, \"optimizee\": {\"class\": \""
                + TestOptimizees.SlowSphere.class.getName() + "\", \"config\": {\"millis\": " + millis + ", \"noise\": 0.01}},"
                + " \"optimizer\": {\"type\": \"ga\", \"popSize\": " + pop + ", \"nIteration\": " + gens
                + ", \"indProb\": 0.5, \"tournSize\": 3, \"mutPar\": 0.5}, \"fitnessWeights\": [-1.0], \"runner\": " + runner + "}");
        return f;
    }

    /** Every individual and fitness of two runs, generation by generation, are the same. */
    static void assertSameRun(Path a, Path b) {
        KryoCodec codec = new KryoCodec();
        RunDirectory x = new RunDirectory(a), y = new RunDirectory(b);
        int g = 0;
        for (; Files.exists(x.generationFile(g)); g++) {
            assertTrue(Files.exists(y.generationFile(g)), "generation " + g + " of " + b);
            GenerationResult r = codec.read(x.generationFile(g), KryoCodec.GenerationRecord.class).result();
            GenerationResult s = codec.read(y.generationFile(g), KryoCodec.GenerationRecord.class).result();
            assertEquals(r.size(), s.size(), "generation " + g);
            for (int i = 0; i < r.size(); i++) {
                assertEquals(r.evaluations().get(i).individual(), s.evaluations().get(i).individual(), "g" + g + "/i" + i);
                assertArrayEquals(r.evaluations().get(i).fitness(), s.evaluations().get(i).fitness(), "g" + g + "/i" + i);
            }
        }
        assertFalse(Files.exists(y.generationFile(g)), "no extra generation in " + b);
        assertTrue(g > 0);
    }
}
